// `npm run bench`: `loss-lens check` over a large real tree, as ratios to baselines measured in the same
// run on the same files: tree-sitter's bare parse, and native Ruff (one thread) when `ruff` is installed.
// The tree is a pinned wheel from PyPI unpacked into a git-ignored cache (.cache/bench-trees), else,
// offline, copies of the repository's corpora. Each measured command runs in its own process: CPU time
// and peak memory (maxRSS) are that process's, worker threads included.
//
//   LOSS_LENS_BENCH_TREE=transformers==5.18.0 npm run bench     another pinned wheel
//   LOSS_LENS_BENCH_TREE=/path/to/tree npm run bench           a tree on disk
//   npm run bench -- --reps 3                                  best of 3 runs of each command
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import TreeSitter = require('web-tree-sitter');
import { loadPython } from '../src/analysis';
import { collectFiles } from '../src/cli/collectFiles';
import { decodeSource } from '../src/node/sourceText';

const PINNED = 'timm==1.0.29';
/** The offline tree is built up to this many lines (about the pinned wheel's size). */
const GENERATED_LINES = 120_000;
const JSON_OUT = process.argv.includes('--json');
const REPS = Number(process.argv[process.argv.indexOf('--reps') + 1]) || 1;

const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
const root = [join(__dirname, '..', '..'), join(__dirname, '..')].find((r) => existsSync(join(r, 'test/fixtures/rules')))!;
const cache = join(root, '.cache', 'bench-trees');
const CLI = join(root, 'dist', 'cli.js');

/** Python, for pip and for measuring Ruff's memory; undefined when none is installed. */
const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);

/** The pinned wheel unpacked in the cache, downloaded once; undefined when PyPI can't be reached. */
function wheelTree(spec: string): string | undefined {
  const dir = join(cache, spec.replace(/[^\w.-]+/g, '-'));
  if (existsSync(join(dir, '.complete'))) return dir;
  if (!python) return undefined;
  const download = mkdtempSync(join(tmpdir(), 'loss-lens-wheel-'));
  try {
    log(`tree: downloading ${spec} from PyPI …`);
    const pip = spawnSync(python, ['-m', 'pip', 'download', '--quiet', '--no-deps', '--only-binary=:all:', '-d', download, spec], { encoding: 'utf8', timeout: 300_000 });
    const wheel = readdirSync(download).find((f) => f.endsWith('.whl'));
    if (pip.status !== 0 || !wheel) {
      log(`tree: pip download failed (${(pip.stderr || pip.error?.message || '').trim().split('\n').pop()}); using the offline tree`);
      return undefined;
    }
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const unzip = spawnSync(python, ['-m', 'zipfile', '-e', join(download, wheel), dir], { encoding: 'utf8' });
    if (unzip.status !== 0) throw new Error(`cannot unpack ${wheel}: ${unzip.stderr}`);
    writeFileSync(join(dir, '.complete'), `${wheel}\n`);
    return dir;
  } finally {
    rmSync(download, { recursive: true, force: true });
  }
}

/** Offline: the repository's corpora (each a small project), copied side by side until the tree is large. */
function generatedTree(): string {
  const dir = join(cache, 'generated');
  if (existsSync(join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  const corpora = [
    ...['probes', 'projects'].flatMap((g) => readdirSync(join(root, 'test/fixtures', g)).filter((d) => d.startsWith('corpus')).map((d) => join(root, 'test/fixtures', g, d))),
    join(root, 'test/fixtures/rules'),
    join(root, 'test/fixtures/python/clean'),
    join(root, 'examples'),
  ];
  const linesOf = (d: string) => collectFiles([d]).files.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length, 0);
  const per = corpora.map(linesOf);
  let lines = 0;
  for (let copy = 0; lines < GENERATED_LINES; copy++) {
    corpora.forEach((c, i) => {
      cpSync(c, join(dir, `copy${copy}`, `c${i}`), { recursive: true });
      lines += per[i];
    });
  }
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

function benchTree(): { dir: string; name: string } {
  const spec = process.env.LOSS_LENS_BENCH_TREE ?? PINNED;
  if (existsSync(spec)) return { dir: spec, name: spec };
  const wheel = wheelTree(spec);
  return wheel ? { dir: wheel, name: `${spec} (wheel)` } : { dir: generatedTree(), name: 'generated from the repository corpora' };
}

interface Measure {
  readonly wallMs: number;
  readonly cpuMs?: number;
  readonly maxRssKb?: number;
  readonly stdout: string;
}

/** Reports a Node process's CPU time and peak memory at exit (worker threads are part of the process). */
const PROBE = `const fs = require('fs');
if (require('worker_threads').isMainThread) process.on('exit', () => {
  const u = process.resourceUsage();
  fs.writeFileSync(process.env.LOSS_LENS_PROBE_OUT, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
});`;

/** Runs a Node script with the probe preloaded. */
function runNode(args: string[]): Measure {
  const probe = join(cache, 'probe.js');
  mkdirSync(cache, { recursive: true });
  writeFileSync(probe, PROBE);
  const out = join(cache, `probe-${process.pid}.json`);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['-r', probe, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, LOSS_LENS_PROBE_OUT: out } });
  const wallMs = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const usage = JSON.parse(readFileSync(out, 'utf8')) as { cpuMs: number; maxRssKb: number };
  rmSync(out);
  return { wallMs, ...usage, stdout: r.stdout };
}

/** Ruff, native, on one thread; CPU and memory through Python's rusage of its child when Python is there. */
function runRuff(dir: string): Measure | undefined {
  if (spawnSync('ruff', ['--version']).status !== 0) return undefined;
  const cmd = ['ruff', 'check', '--no-cache', '--isolated', '--select', 'E,F,W', '--exit-zero', '--quiet', dir];
  const env = { ...process.env, RAYON_NUM_THREADS: '1' };
  const t = performance.now();
  if (!python) {
    spawnSync(cmd[0], cmd.slice(1), { env, stdio: 'ignore' });
    return { wallMs: performance.now() - t, stdout: '' };
  }
  const script = 'import json,resource,subprocess,sys\nsubprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL)\nu=resource.getrusage(resource.RUSAGE_CHILDREN)\nprint(json.dumps({"cpuMs":(u.ru_utime+u.ru_stime)*1000,"maxRssKb":u.ru_maxrss}))';
  const r = spawnSync(python, ['-c', script, ...cmd], { env, encoding: 'utf8' });
  return { wallMs: performance.now() - t, ...(JSON.parse(r.stdout) as { cpuMs: number; maxRssKb: number }), stdout: '' };
}

/** The fastest of `REPS` runs (a shared machine only ever adds time). */
function best(run: () => Measure): Measure {
  let b: Measure | undefined;
  for (let i = 0; i < REPS; i++) {
    const m = run();
    if (!b || m.wallMs < b.wallMs) b = m;
  }
  return b!;
}

/** Child mode: tree-sitter's bare parse of every file the CLI would check (read + decode + parse). */
async function parseOnly(dir: string): Promise<void> {
  const wasm = (f: string, pkg: string) => readFileSync([join(__dirname, '..', f), join(root, 'dist', f), join(root, 'node_modules', pkg, f)].find(existsSync)!);
  const grammar = await loadPython({ runtime: wasm('web-tree-sitter.wasm', 'web-tree-sitter'), python: wasm('tree-sitter-python.wasm', 'tree-sitter-python') });
  const parser = new TreeSitter.Parser();
  parser.setLanguage(grammar.language);
  let lines = 0;
  const files = collectFiles([dir]).files.filter((f) => f.endsWith('.py'));
  for (const f of files) {
    const src = decodeSource(readFileSync(f));
    if (src.kind === 'notText') continue;
    for (let i = src.text.indexOf('\n'); i !== -1; i = src.text.indexOf('\n', i + 1)) lines++;
    parser.parse(src.text)?.delete();
  }
  process.stdout.write(JSON.stringify({ files: files.length, lines }));
}

const ratio = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : +(a / b).toFixed(2));
const seconds = (ms: number | undefined): string => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);
const mb = (kb: number | undefined): string => (kb === undefined ? '–' : `${Math.round(kb / 1024)} MB`);

async function main(): Promise<void> {
  const childDir = process.argv[process.argv.indexOf('--parse-only') + 1];
  if (process.argv.includes('--parse-only')) return parseOnly(childDir);
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node esbuild.js\` first`);
  const tree = benchTree();
  const parse = best(() => runNode([__filename, '--parse-only', tree.dir]));
  const { files, lines } = JSON.parse(parse.stdout) as { files: number; lines: number };
  const check1 = best(() => runNode([CLI, 'check', '--format', 'json', '--jobs', '1', tree.dir]));
  const checkN = best(() => runNode([CLI, 'check', '--format', 'json', tree.dir]));
  const ruff = runRuff(tree.dir);
  const findings = (m: Measure) => (JSON.parse(m.stdout) as unknown[]).length;
  const results = {
    tree: tree.name,
    files,
    lines,
    findings: findings(check1),
    sameFindingsAcrossJobs: check1.stdout === checkN.stdout,
    bareParse: { wallMs: Math.round(parse.wallMs), cpuMs: Math.round(parse.cpuMs!), maxRssKb: parse.maxRssKb },
    checkOneJob: { wallMs: Math.round(check1.wallMs), cpuMs: Math.round(check1.cpuMs!), maxRssKb: check1.maxRssKb },
    checkDefaultJobs: { wallMs: Math.round(checkN.wallMs), cpuMs: Math.round(checkN.cpuMs!), maxRssKb: checkN.maxRssKb },
    ruffOneThread: ruff && { wallMs: Math.round(ruff.wallMs), cpuMs: ruff.cpuMs && Math.round(ruff.cpuMs), maxRssKb: ruff.maxRssKb },
    ratios: {
      checkOverParseCpu: ratio(check1.cpuMs, parse.cpuMs),
      checkOverRuffCpu: ratio(check1.cpuMs, ruff?.cpuMs),
      checkOverRuffWall: ratio(check1.wallMs, ruff?.wallMs),
      checkDefaultJobsOverRuffWall: ratio(checkN.wallMs, ruff?.wallMs),
      checkMemoryOverRuff: ratio(check1.maxRssKb, ruff?.maxRssKb),
      checkDefaultJobsMemoryOverRuff: ratio(checkN.maxRssKb, ruff?.maxRssKb),
    },
  };
  if (JSON_OUT) {
    process.stdout.write(JSON.stringify({ tree: results }) + '\n');
    return;
  }
  const r = results.ratios;
  log(`tree: ${results.tree}: ${files} files, ${lines} lines, ${results.findings} findings${results.sameFindingsAcrossJobs ? '' : ' (DIFFERENT with default --jobs!)'}`);
  log(`  bare tree-sitter parse       ${seconds(parse.wallMs)} wall, ${seconds(parse.cpuMs)} CPU, ${mb(parse.maxRssKb)}`);
  log(`  loss-lens check --jobs 1     ${seconds(check1.wallMs)} wall, ${seconds(check1.cpuMs)} CPU, ${mb(check1.maxRssKb)} = ${r.checkOverParseCpu}× parse CPU`);
  log(`  loss-lens check (all cores)  ${seconds(checkN.wallMs)} wall, ${seconds(checkN.cpuMs)} CPU, ${mb(checkN.maxRssKb)}`);
  if (!ruff) log('  ruff: not installed (pip install ruff), no Ruff ratios');
  else {
    log(`  ruff E,F,W, 1 thread         ${seconds(ruff.wallMs)} wall, ${seconds(ruff.cpuMs)} CPU, ${mb(ruff.maxRssKb)}`);
    log(`  check / ruff: CPU ${r.checkOverRuffCpu}×, wall ${r.checkOverRuffWall}× (all cores: ${r.checkDefaultJobsOverRuffWall}×), memory ${r.checkMemoryOverRuff}× (all cores: ${r.checkDefaultJobsMemoryOverRuff}×)   (targets ≤ 1.0× time, ≤ 1.5× memory)`);
  }
}

main().catch((e) => {
  log(`tree bench failed: ${(e as Error).stack ?? e}`);
  process.exitCode = 1;
});
