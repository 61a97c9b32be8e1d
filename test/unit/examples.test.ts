import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/analysis/rules';

// examples/ is what `npm start` opens for newcomers: each `# Wrong: … (LLxxx)` comment promises a
// finding in the block of code below it (up to the next blank line), the correct code around it must
// stay silent, and together the examples must show every rule.
const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');
const CLI = join(ROOT, 'dist', 'cli.js');

interface Finding {
  file: string;
  cell?: number;
  line: number;
  code: string;
}
interface Expectation {
  where: string;
  /** 1-based lines of the block below the comment: first and last. */
  from: number;
  to: number;
  code: string;
}

/** `# Wrong: … (LL101)` comments of a .py file, or of each cell of a notebook (cells counted from 1). */
function expectations(file: string): Expectation[] {
  const text = readFileSync(join(EXAMPLES, file), 'utf8');
  const sources = file.endsWith('.ipynb')
    ? (JSON.parse(text).cells as { source: string[] | string }[]).map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source))
    : [text];
  return sources.flatMap((src, i) => {
    const lines = src.split('\n');
    return lines.flatMap((l, n) => {
      const m = /#\s*Wrong:.*\((LL\d{3})\)/.exec(l);
      if (!m) return [];
      let end = n + 1;
      while (end < lines.length && lines[end].trim() !== '') end++;
      return [{ where: file.endsWith('.ipynb') ? `${file}#${i + 1}` : file, from: n + 2, to: end, code: m[1] }];
    });
  });
}

describe('examples/ (what npm start shows)', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.py') || f.endsWith('.ipynb'));
  let findings: Finding[] = [];

  before(function () {
    this.timeout(60_000);
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', EXAMPLES], { cwd: ROOT, encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, `loss-lens check failed (${r.status}): ${r.stderr}`);
    findings = JSON.parse(r.stdout);
  });

  const whereOf = (f: Finding) => {
    const file = f.file.replace(/^.*examples\//, '');
    return f.cell !== undefined ? `${file}#${f.cell}` : file;
  };

  const covers = (p: Expectation, f: Finding) => whereOf(f) === p.where && f.code === p.code && f.line >= p.from && f.line <= p.to;

  it('flags each commented misuse in the block below its comment', () => {
    const missing = files
      .flatMap(expectations)
      .filter((p) => !findings.some((f) => covers(p, f)));
    assert.deepEqual(missing, []);
  });

  it('reports nothing on the correct code around the misuses', () => {
    const all = files.flatMap(expectations);
    const unexpected = findings.filter((f) => !all.some((p) => covers(p, f)));
    assert.deepEqual(unexpected, []);
  });

  it('together show every rule of the analyzer', () => {
    const shown = new Set(files.flatMap(expectations).map((p) => p.code));
    assert.deepEqual(RULES.map((r) => r.meta.code).filter((c) => !shown.has(c)), []);
  });
});
