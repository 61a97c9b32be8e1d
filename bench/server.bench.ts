// `npm run bench`: the language server as an editor meets it: process start to the first diagnostics
// of a small file (against a bare `node -e 0` start measured in the same run), diagnostics of a
// 5,000-line file after it opens, and the server's resident memory with that file open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

const JSON_OUT = process.argv.includes('--json');
const LINES = 5000;
const RUNS = 5;
const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const root = [join(__dirname, '..', '..'), join(__dirname, '..')].find((r) => existsSync(join(r, 'test/fixtures/rules')))!;
const cli = join(root, 'dist', 'cli.js');

const SMALL = 'import torch\nimport torch.nn as nn\n\nmodel = nn.Linear(4, 1)\ncriterion = nn.BCELoss()\nlogits = model(torch.randn(8, 4))\nloss = criterion(logits, torch.rand(8, 1))\n';

/** The analyzer bench's corpus: every rule fixture, then the clean training scripts, to 5,000 lines. */
function corpus(): string {
  const read = (d: string) => readdirSync(join(root, d)).filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py')).sort().map((f) => readFileSync(join(root, d, f), 'utf8'));
  const lines = read('test/fixtures/rules').flatMap((t) => t.split('\n'));
  const clean = read('test/fixtures/python/clean');
  for (let i = 0; lines.length < LINES; i++) lines.push(...clean[i % clean.length].split('\n'));
  return lines.slice(0, LINES).join('\n') + '\n';
}

/** Resident memory of a process (Linux /proc), in MB. */
function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function run(folder: string, big: string): Promise<{ firstMs: number; bigMs: number; rss?: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const seen = new Map<string, () => void>();
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    if (p.diagnostics.length > 0) seen.get(p.uri)?.();
  });
  conn.listen();
  const opened = (name: string, text: string) =>
    new Promise<void>((resolve) => {
      const uri = pathToFileURL(join(folder, name)).href;
      seen.set(uri, resolve);
      void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    });
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(folder).href, workspaceFolders: null, capabilities: {} });
  await conn.sendNotification(InitializedNotification.type, {});
  await opened('small.py', SMALL);
  const firstMs = performance.now() - t0;
  const t1 = performance.now();
  await opened('big.py', big);
  const bigMs = performance.now() - t1;
  const rss = rssMb(child.pid!);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  return { firstMs, bigMs, rss };
}

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `node esbuild.js`');
  const folder = mkdtempSync(join(tmpdir(), 'loss-lens-server-bench-'));
  const big = corpus();
  writeFileSync(join(folder, 'small.py'), SMALL);
  writeFileSync(join(folder, 'big.py'), big);
  try {
    const bare: number[] = [];
    const runs: Awaited<ReturnType<typeof run>>[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      bare.push(performance.now() - t);
      runs.push(await run(folder, big));
    }
    const r = {
      bareNodeStartMs: +median(bare).toFixed(1),
      startToFirstDiagnosticsMs: +median(runs.map((x) => x.firstMs)).toFixed(1),
      bigFileDiagnosticsMs: +median(runs.map((x) => x.bigMs)).toFixed(1),
      serverRssMbWithBigFile: runs[0].rss === undefined ? null : +median(runs.map((x) => x.rss ?? 0)).toFixed(1),
    };
    const ratio = +(r.startToFirstDiagnosticsMs / r.bareNodeStartMs).toFixed(1);
    if (JSON_OUT) {
      process.stdout.write(JSON.stringify({ server: { ...r, startOverBareNode: ratio } }) + '\n');
      return;
    }
    log(`language server (median of ${RUNS} starts)`);
    log(`  start → first diagnostics, small file   ${r.startToFirstDiagnosticsMs} ms = ${ratio}× a bare \`node -e 0\` (${r.bareNodeStartMs} ms)`);
    log(`  ${LINES}-line file: open → diagnostics     ${r.bigFileDiagnosticsMs} ms`);
    log(`  server memory with it open (RSS)       ${r.serverRssMbWithBigFile ?? 'n/a (no /proc)'} MB`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((e) => {
  log(`server bench failed: ${(e as Error).stack ?? e}`);
  process.exitCode = 1;
});
