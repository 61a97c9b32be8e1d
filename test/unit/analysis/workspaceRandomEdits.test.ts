import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze, Workspace, type DocumentAnalysis } from '../../../src/analysis';
import { memoryHost } from './checkProject';
import { repoRoot, testGrammar } from './grammar';

// Multi-file probe projects whose findings depend on another file (model in one, loss in another).
const PROJECTS = [
  'corpus1/p05_kdistill',
  'corpus1/p11_seq2seq_gru',
  'corpus2/q01_reinforce_cartpole',
  'corpus3/e03_model_zoo_factory',
  'corpus3/e04_toxic_losses_factory',
  'corpus4/g05_seq2seq_gru',
  'corpus4/g06_mnist_mlp',
];

/** Edits that change what a value is in the file they touch, and so what importers see. */
const SWAPS: [string, string][] = [
  ['softmax', 'log_softmax'],
  ['Sigmoid()', 'Identity()'],
  ['sigmoid(', 'tanh('],
  ['BCELoss', 'BCEWithLogitsLoss'],
  ['CrossEntropyLoss', 'NLLLoss'],
  ['return ', 'return torch.sigmoid('],
  ['import ', 'import  '],
  ['from ', '# from '],
  ['def ', 'def _'],
  ['self.', 'self._'],
  ['(', '(('],
  ['1)', '10)'],
  [', 1', ', 2'],
  ['.float()', '.long()'],
];

function pythonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? pythonFiles(p) : p.endsWith('.py') ? [p] : [];
    });
}

/** Everything about a document's findings that an editor shows. */
function summary(doc: DocumentAnalysis): string[] {
  return analyze(doc).map((d) => `${d.start}-${d.end} ${d.code} ${d.message} | ${JSON.stringify(d.fixes)} | ${JSON.stringify(d.related ?? null)}`);
}

describe('workspace: random edits across modules', () => {
  for (const project of PROJECTS) {
    it(`${project}: every file's kept findings equal a fresh workspace's after each random edit, close and reopen`, async function () {
      // 40 edits, each compared with a fresh workspace: a few seconds alone, more on a loaded machine.
      this.timeout(120_000);
      const grammar = await testGrammar();
      const dir = join(repoRoot, 'test/fixtures/projects', project);
      const disk: Record<string, string> = {};
      for (const f of pythonFiles(dir)) disk[`/p/${relative(dir, f).split('\\').join('/')}`] = readFileSync(f, 'utf8');
      const paths = Object.keys(disk);
      /** The editor's buffers: open files and their texts (other files are read from `disk`). */
      const buffers = new Map<string, string>();
      const ws = new Workspace(grammar, memoryHost(disk), ['/p']);
      // LOSS_LENS_FUZZ_SEED / _EDITS explore further locally; the default run is the same every time.
      let seed = Number(process.env.LOSS_LENS_FUZZ_SEED ?? 0) + project.length * 7919;
      const edits = Number(process.env.LOSS_LENS_FUZZ_EDITS ?? 40);
      let before = '';
      let changes = 0;
      const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
      try {
        const docs = new Map(paths.map((p) => [p, ws.document(p)!]));
        for (const doc of docs.values()) summary(doc);
        for (let i = 0; i < edits; i++) {
          const path = paths[next() % paths.length];
          const roll = next() % 10;
          if (roll === 0 && buffers.has(path)) {
            ws.close(path);
            buffers.delete(path);
            docs.set(path, ws.document(path)!);
          } else {
            if (!buffers.has(path)) {
              buffers.set(path, disk[path]);
              docs.set(path, ws.open(path, disk[path]));
            }
            const text = buffers.get(path)!;
            const [a, b] = SWAPS[next() % SWAPS.length];
            const [from, to] = next() % 2 ? [a, b] : [b, a];
            const hits: number[] = [];
            for (let k = text.indexOf(from); k !== -1; k = text.indexOf(from, k + 1)) hits.push(k);
            let start: number;
            let end: number;
            let ins: string;
            if (hits.length > 0 && roll !== 1) {
              start = hits[next() % hits.length];
              end = start + from.length;
              ins = to;
            } else {
              start = next() % (text.length + 1);
              end = Math.min(text.length, start + (next() % 2));
              ins = ['x', '', '\n', ')', 'model(x)', 'nn.Softmax(dim=1)'][next() % 6];
            }
            ws.edit(path, [{ start, end, text: ins }]);
            buffers.set(path, text.slice(0, start) + ins + text.slice(end));
          }
          // Only the current texts matter: a fresh workspace on them must agree with every kept document.
          const now = { ...disk, ...Object.fromEntries(buffers) };
          const fresh = new Workspace(grammar, memoryHost(now), ['/p']);
          try {
            const all: string[] = [];
            for (const p of paths) {
              const kept = summary(docs.get(p)!);
              assert.deepEqual(kept, summary(fresh.document(p)!), `${p} after edit #${i} (of ${path})`);
              all.push(p, ...kept);
            }
            if (all.join('\n') !== before) changes++;
            before = all.join('\n');
          } finally {
            fresh.dispose();
          }
        }
        // The edits must have moved findings around, or the comparison proved little.
        assert.ok(changes >= 3, `findings changed only ${changes} time(s) in ${edits} edits`);
      } finally {
        ws.dispose();
      }
    });
  }
});
