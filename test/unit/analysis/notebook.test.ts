import * as assert from 'node:assert/strict';
import { DocumentAnalysis, analyze, byCell, cellAt, joinCells } from '../../../src/analysis';
import { testGrammar } from './grammar';

/** What `cellAt` answers, by its definition: the last cell starting at or before the offset. */
function cellAtByScan(starts: readonly number[], offset: number): number {
  let cell = 0;
  for (let i = 0; i < starts.length; i++) if (starts[i] <= offset) cell = i;
  return cell;
}

/** A notebook cell with an import-free loss call LL101 flags (BCELoss on raw logits). */
const CELL = ['logits = model(x)', 'loss = nn.BCELoss()(logits, y)'].join('\n');

describe('notebook cells', () => {
  it('finds the cell of every offset, including cell starts, ends, empty cells and offsets past the end', () => {
    const joined = joinCells(['a = 1', '', 'b = 2\nc = 3', '', '', 'd']);
    for (let offset = -2; offset <= joined.text.length + 2; offset++) {
      const { cell, offset: inside } = cellAt(joined, offset);
      assert.equal(cell, cellAtByScan(joined.starts, offset), `offset ${offset}`);
      assert.equal(inside, offset - joined.starts[cell]);
    }
    assert.deepEqual(cellAt(joinCells([]), 5), { cell: 0, offset: 5 });
  });

  it('groups items by cell in their given order, with an empty list for a cell without any', () => {
    const joined = joinCells(['x = 1', 'y = 2', 'z = 3']);
    const items = [joined.starts[2] + 1, 0, joined.starts[2], 3];
    assert.deepEqual(byCell(joined, items, (o) => o), [[0, 3], [], [joined.starts[2] + 1, joined.starts[2]]]);
    assert.deepEqual(byCell(joinCells([]), [1, 2], (o) => o), []);
  });

  it('maps 100,000 findings to 100,000 cells in well under seconds (a lookup linear per finding would take minutes)', () => {
    const joined = joinCells(Array.from({ length: 100_000 }, (_, i) => `x${i} = ${i}`));
    const findings = joined.starts.map((s, i) => ({ start: s + (i % 4) }));
    const t = performance.now();
    const groups = byCell(joined, findings, (f) => f.start);
    const ms = performance.now() - t;
    assert.equal(groups.length, 100_000);
    assert.ok(groups.every((g, i) => g.length === 1 && g[0] === findings[i]));
    assert.ok(ms < 3_000, `${ms.toFixed(0)} ms`);
  });

  it('maps the findings of a 2,000-cell notebook to their cells within a generous bound', async function () {
    this.timeout(120_000);
    const sources = ['import torch\nimport torch.nn as nn', ...Array.from({ length: 1_999 }, () => CELL)];
    const joined = joinCells(sources);
    const doc = new DocumentAnalysis(await testGrammar(), joined.text);
    try {
      const findings = analyze(doc).filter((f) => f.code === 'LL101');
      const t = performance.now();
      const groups = byCell(joined, findings, (f) => f.start);
      const ms = performance.now() - t;
      assert.equal(findings.length, 1_999);
      assert.equal(groups[0].length, 0);
      assert.ok(groups.slice(1).every((g, i) => g.length === 1 && g[0].start > joined.starts[i + 1] && g[0].start < (joined.starts[i + 2] ?? Infinity)), 'one LL101 in every loss cell');
      // About 25 ms here; scanning every cell for each finding, once per cell, took 27 s.
      assert.ok(ms < 5_000, `${ms.toFixed(0)} ms`);
    } finally {
      doc.dispose();
    }
  });
});
