// `npm run bench`: work the extension host does per change that grows with the document, as ratios to
// tree-sitter's bare parse of the same text measured in the same run:
// - a 2,000-cell notebook: mapping findings to cells, and a whole change (join, reparse, analyze, map);
// - a 14 MB literal: splitting logical lines (inline values read bindings from them), and updating
//   them after a keystroke past the literal.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import TreeSitter = require('web-tree-sitter');
import { DocumentAnalysis, analyze, byCell, joinCells, loadPython } from '../src/analysis';
import { logicalLines, updateLogicalLines } from '../src/calculator/logicalLines';

const JSON_OUT = process.argv.includes('--json');
/** The issue measured 4.7 s of host time per change at this size, most of it finding each finding's cell. */
const CELLS = 2_000;

const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function wasm(file: string, pkg: string): Uint8Array {
  const candidates = [join(__dirname, '..', file), join(__dirname, '..', 'dist', file), join(__dirname, '..', 'node_modules', pkg, file)];
  const hit = candidates.find(existsSync);
  if (!hit) throw new Error(`cannot find ${file} in ${candidates.join(', ')}`);
  return readFileSync(hit);
}

/** Median time of `runs` calls of `fn` (after one warm-up call). */
function median(runs: number, fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const round = (x: number, digits = 2) => +x.toFixed(digits);

async function main(): Promise<void> {
  const grammar = await loadPython({ runtime: wasm('web-tree-sitter.wasm', 'web-tree-sitter'), python: wasm('tree-sitter-python.wasm', 'tree-sitter-python') });
  const parser = new TreeSitter.Parser();
  parser.setLanguage(grammar.language);
  const bareParse = (text: string) => median(3, () => parser.parse(text)!.delete());

  // Every loss cell holds one LL101 finding, so there are as many findings as cells.
  const cell = 'logits = model(x)\nloss = nn.BCELoss()(logits, y)';
  const sources = ['import torch\nimport torch.nn as nn', ...Array.from({ length: CELLS - 1 }, () => cell)];
  const joined = joinCells(sources);
  const notebookParseMs = bareParse(joined.text);
  const doc = new DocumentAnalysis(grammar, joined.text);
  const findings = analyze(doc);
  const mapMs = median(20, () => byCell(joined, findings, (f) => f.start));
  let flip = false;
  const changeMs = median(5, () => {
    // A character typed into one cell and removed again, alternately.
    flip = !flip;
    const edited = [...sources];
    edited[CELLS / 2] = flip ? cell.replace('y)', 'yy)') : cell;
    const next = joinCells(edited);
    doc.replace(next.text);
    return byCell(next, analyze(doc), (f) => f.start);
  });
  doc.dispose();

  const rows = Array.from({ length: 1_000_000 }, (_, i) => `${i}.5`).join(',\n    ');
  const big = `import torch\nx = torch.tensor([${rows}])\n${'y = x\n'.repeat(2_000)}`;
  const bigParseMs = bareParse(big);
  const linesMs = median(5, () => logicalLines(big));
  const lines = logicalLines(big);
  const at = big.lastIndexOf('y = x');
  const typed = big.slice(0, at) + 'z' + big.slice(at);
  const keystrokeMs = median(5, () => updateLogicalLines({ text: big, lines }, typed));

  const results = {
    notebook: {
      cells: CELLS,
      findings: findings.length,
      bareParseMs: round(notebookParseMs, 1),
      mapFindingsToCellsMs: round(mapMs),
      mapOverParse: round(mapMs / notebookParseMs, 4),
      changeMs: round(changeMs, 1),
      changeOverParse: round(changeMs / notebookParseMs),
    },
    largeLiteral: {
      chars: big.length,
      bareParseMs: round(bigParseMs, 1),
      logicalLinesMs: round(linesMs, 1),
      logicalLinesOverParse: round(linesMs / bigParseMs, 3),
      keystrokeAfterLiteralMs: round(keystrokeMs, 1),
      keystrokeOverParse: round(keystrokeMs / bigParseMs, 5),
    },
  };
  if (JSON_OUT) {
    process.stdout.write(JSON.stringify({ editorHost: results }) + '\n');
    return;
  }
  const n = results.notebook;
  const b = results.largeLiteral;
  log(`editor host: ${n.cells}-cell notebook (${n.findings} findings), ${(b.chars / 1e6).toFixed(1)} MB literal`);
  log(`  notebook bare tree-sitter parse     ${n.bareParseMs} ms`);
  log(`  map findings to cells               ${n.mapFindingsToCellsMs} ms = ${n.mapOverParse}× bare parse`);
  log(`  one change (join+reparse+analyze+map) ${n.changeMs} ms = ${n.changeOverParse}× bare parse`);
  log(`  literal file bare parse             ${b.bareParseMs} ms`);
  log(`  logical lines, whole file           ${b.logicalLinesMs} ms = ${b.logicalLinesOverParse}× bare parse`);
  log(`  logical lines after a keystroke     ${b.keystrokeAfterLiteralMs} ms = ${b.keystrokeOverParse}× bare parse`);
}

main().catch((e) => {
  log(`editor host bench failed: ${(e as Error).stack ?? e}`);
  process.exitCode = 1;
});
