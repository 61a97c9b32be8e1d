// `npm run bench`: the Python analyzer on a 5,000-line file, as ratios to tree-sitter's bare parse
// measured in the same run, plus per-keystroke latency (edit + incremental reparse + re-analysis)
// and cold start (wasm init + grammar load).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import TreeSitter = require('web-tree-sitter');
import { DocumentAnalysis, analyze, loadPython } from '../src/analysis';

const JSON_OUT = process.argv.includes('--json');
// The targets, measured where a bare parse of 5k lines takes ~40 ms and an incremental reparse ~1.5 ms.
const TARGET = { keystrokeMedianMs: 3, keystrokeP90Ms: 8, fullMs: 100, coldMs: 60, parseMs: 40, reparseMs: 1.5 };
const LINES = 5000;

const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** The wasm files beside dist/bench/…js, or in node_modules when run from sources. */
function wasm(file: string, pkg: string): Uint8Array {
  const candidates = [join(__dirname, '..', file), join(__dirname, '..', 'dist', file), join(__dirname, '..', 'node_modules', pkg, file)];
  const hit = candidates.find(existsSync);
  if (!hit) throw new Error(`cannot find ${file} in ${candidates.join(', ')}`);
  return readFileSync(hit);
}

/**
 * Realistic training code: the pytorch/examples-style corpus (test/fixtures/python/clean) repeated to
 * 5,000 lines, with every rule fixture included once so each rule has sites to check.
 */
function corpus(): string {
  const root = [join(__dirname, '..', '..'), join(__dirname, '..')].find((r) => existsSync(join(r, 'test/fixtures/rules')))!;
  const read = (d: string) => readdirSync(join(root, d)).filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py')).sort().map((f) => readFileSync(join(root, d, f), 'utf8'));
  const fixtures = read('test/fixtures/rules');
  const clean = read('test/fixtures/python/clean');
  const lines: string[] = fixtures.flatMap((t) => t.split('\n'));
  for (let i = 0; lines.length < LINES; i++) lines.push(...clean[i % clean.length].split('\n'));
  return lines.slice(0, LINES).join('\n') + '\n';
}

async function main(): Promise<void> {
  const runtime = wasm('web-tree-sitter.wasm', 'web-tree-sitter');
  const python = wasm('tree-sitter-python.wasm', 'tree-sitter-python');
  const t0 = performance.now();
  const grammar = await loadPython({ runtime, python });
  const coldMs = performance.now() - t0;

  const text = corpus();
  const parser = new TreeSitter.Parser();
  parser.setLanguage(grammar.language);
  const parseOnce = () => parser.parse(text)!.delete();
  const fullOnce = () => {
    const doc = new DocumentAnalysis(grammar, text);
    const n = analyze(doc).length;
    doc.dispose();
    return n;
  };
  for (let i = 0; i < 3; i++) {
    parseOnce();
    fullOnce();
  }
  const parseTimes: number[] = [];
  const fullTimes: number[] = [];
  for (let i = 0; i < 15; i++) {
    gc();
    let t = performance.now();
    parseOnce();
    parseTimes.push(performance.now() - t);
    gc();
    t = performance.now();
    fullOnce();
    fullTimes.push(performance.now() - t);
  }
  const parseMs = quantile(parseTimes, 0.5);
  const fullMs = quantile(fullTimes, 0.5);

  // Keystrokes: type a character into a statement in the middle of the file, then delete it, as an
  // editor would; each step is edit + incremental reparse + re-analysis. The baseline is tree-sitter's
  // own edit + incremental reparse of the same keystrokes, interleaved so load hits both alike.
  const doc = new DocumentAnalysis(grammar, text);
  analyze(doc);
  let bare = parser.parse(text)!;
  let bareText = text;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const keyTimes: number[] = [];
  const reparseTimes: number[] = [];
  const reparse = (start: number, end: number, insert: string, row: number, column: number): void => {
    const t = performance.now();
    bare.edit(
      new TreeSitter.Edit({
        startIndex: start,
        oldEndIndex: end,
        newEndIndex: start + insert.length,
        startPosition: { row, column },
        oldEndPosition: { row, column: column + end - start },
        newEndPosition: { row, column: column + insert.length },
      }),
    );
    bareText = bareText.slice(0, start) + insert + bareText.slice(end);
    const next = parser.parse(bareText, bare)!;
    bare.delete();
    bare = next;
    reparseTimes.push(performance.now() - t);
  };
  let seed = 7;
  for (let i = 0; i < 400; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const line = 100 + (seed % (LINES - 200));
    const at = lineStarts[line] + 4;
    reparse(at, at, 'x', line, 4);
    const t = performance.now();
    doc.update([{ start: at, end: at, text: 'x' }]);
    analyze(doc);
    keyTimes.push(performance.now() - t);
    reparse(at, at + 1, '', line, 4);
    const t2 = performance.now();
    doc.update([{ start: at, end: at + 1, text: '' }]);
    analyze(doc);
    keyTimes.push(performance.now() - t2);
  }
  doc.dispose();
  bare.delete();
  const keyMedian = quantile(keyTimes, 0.5);
  const keyP90 = quantile(keyTimes, 0.9);
  const reparseMedian = quantile(reparseTimes, 0.5);
  const reparseP90 = quantile(reparseTimes, 0.9);

  const results = {
    lines: LINES,
    coldStartMs: +coldMs.toFixed(1),
    bareParseMs: +parseMs.toFixed(1),
    fullAnalysisMs: +fullMs.toFixed(1),
    fullOverParse: +(fullMs / parseMs).toFixed(2),
    keystrokeMedianMs: +keyMedian.toFixed(2),
    keystrokeP90Ms: +keyP90.toFixed(2),
    incrementalReparseMedianMs: +reparseMedian.toFixed(2),
    incrementalReparseP90Ms: +reparseP90.toFixed(2),
    keystrokeMedianOverReparse: +(keyMedian / reparseMedian).toFixed(2),
    keystrokeP90OverReparse: +(keyP90 / reparseP90).toFixed(2),
    targets: TARGET,
    // Absolute targets, and the same targets scaled by this machine's speed (the ratios to tree-sitter).
    meets: {
      keystroke: keyMedian <= TARGET.keystrokeMedianMs && keyP90 <= TARGET.keystrokeP90Ms,
      keystrokeScaled: keyMedian / reparseMedian <= TARGET.keystrokeMedianMs / TARGET.reparseMs && keyP90 / reparseMedian <= TARGET.keystrokeP90Ms / TARGET.reparseMs,
      full: fullMs <= TARGET.fullMs,
      fullScaled: fullMs / parseMs <= TARGET.fullMs / TARGET.parseMs,
      cold: coldMs <= TARGET.coldMs,
    },
  };
  if (JSON_OUT) {
    process.stdout.write(JSON.stringify({ analyzer: results }) + '\n');
    return;
  }
  log(`analyzer: ${LINES}-line file`);
  log(`  cold start (wasm init + grammar)   ${results.coldStartMs} ms   (target ≤ ${TARGET.coldMs})`);
  log(`  bare tree-sitter parse             ${results.bareParseMs} ms`);
  log(`  full analysis (parse + rules)      ${results.fullAnalysisMs} ms = ${results.fullOverParse}× bare parse   (target ≤ ${TARGET.fullMs} ms where a parse takes ≈ ${TARGET.parseMs} ms: ${TARGET.fullMs / TARGET.parseMs}×)`);
  log(`  bare incremental reparse           median ${results.incrementalReparseMedianMs} ms, p90 ${results.incrementalReparseP90Ms} ms`);
  log(`  keystroke (edit+reparse+analyze)   median ${results.keystrokeMedianMs} ms, p90 ${results.keystrokeP90Ms} ms = ${results.keystrokeMedianOverReparse}× / ${results.keystrokeP90OverReparse}× bare reparse   (target ≤ ${TARGET.keystrokeMedianMs} / ${TARGET.keystrokeP90Ms} ms where reparse ≈ ${TARGET.reparseMs} ms: ${TARGET.keystrokeMedianMs / TARGET.reparseMs}× / ${(TARGET.keystrokeP90Ms / TARGET.reparseMs).toFixed(1)}×)`);
}

main().catch((e) => {
  log(`analyzer bench failed: ${(e as Error).stack ?? e}`);
  process.exitCode = 1;
});
