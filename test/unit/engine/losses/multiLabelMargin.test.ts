import * as assert from 'node:assert/strict';
import { randoms } from './classHelpers';
import { close, closeAll, f64, grad, i64, run, throwsLoss, value } from './pointwiseHelpers';

const MLM = 'MultiLabelMarginLoss';
const x = randoms(12, 17, 1.5);

/** The definition: labels up to the first -1; Σ over labels y and non-labels j of max(0, 1 − x[y] + x[j]) / C. */
function reference(xs: number[], ts: number[], c: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < xs.length / c; b++) {
    const labels: number[] = [];
    for (let k = 0; k < c && ts[b * c + k] >= 0; k++) labels.push(ts[b * c + k]);
    let s = 0;
    for (const y of labels) for (let j = 0; j < c; j++) if (!labels.includes(j)) s += Math.max(0, 1 - xs[b * c + y] + xs[b * c + j]);
    out.push(s / c);
  }
  return out;
}

describe('MultiLabelMarginLoss edge cases', () => {
  it('matches the definition, reading each row’s labels up to the first -1', () => {
    const t = [3, 0, -1, 1, 2, -1, 0, 0, 1, 2, 3, 0];
    const r = run(MLM, { reduction: 'none' }, { input: f64([3, 4], x), target: i64([3, 4], t) });
    closeAll(r.output.data, reference(x, t, 4), 'values');
  });

  it('ignores whatever follows the -1 and counts a repeated label twice', () => {
    const at = (t: number[]): number => value(run(MLM, { reduction: 'sum' }, { input: f64([4], x.slice(0, 4)), target: i64([4], t) }));
    close(at([2, -1, 0, 1]), at([2, -1, 3, 3]), 'after -1');
    close(at([2, 2, -1, 0]), 2 * at([2, -1, 0, 0]), 'duplicate');
    close(at([-1, 0, 1, 2]), 0, 'no labels');
    close(at([0, 1, 2, 3]), 0, 'every class a label');
  });

  it('gives a gradient that sums to zero per row and vanishes exactly at the margin', () => {
    const g = grad(run(MLM, { reduction: 'sum' }, { input: f64([3, 4], x), target: i64([3, 4], [3, 0, -1, 1, 2, -1, 0, 0, 1, -1, 3, 0]) }), 'input');
    for (let b = 0; b < 3; b++) close(g[b * 4] + g[b * 4 + 1] + g[b * 4 + 2] + g[b * 4 + 3], 0, `row ${b}`);
    const kink = run(MLM, { reduction: 'none' }, { input: f64([1, 3], [1.25, 0.25, -1]), target: i64([1, 3], [0, -1, 0]) });
    close(kink.output.data[0], 0, 'value at margin');
    assert.ok(grad(kink, 'input').every((v) => v === 0));
  });

  it('returns (N) for a batch and a 0-d tensor for one sample when unreduced', () => {
    assert.deepEqual([...run(MLM, { reduction: 'none' }, { input: f64([3, 4], x), target: i64([3, 4], Array(12).fill(-1)) }).output.shape], [3]);
    assert.deepEqual([...run(MLM, { reduction: 'none' }, { input: f64([4], x.slice(0, 4)), target: i64([4], [1, -1, 0, 0]) }).output.shape], []);
  });

  it('rejects what torch rejects, with its exception type and the argument named', () => {
    const input = f64([3, 4], x);
    throwsLoss(() => run(MLM, {}, { input, target: i64([3, 4], [0, -1, 4, 0, ...Array(8).fill(-1)]) }), 'RuntimeError', 'target', ["argument #2 'target' is out of range", 'got 4']);
    throwsLoss(() => run(MLM, {}, { input, target: i64([3, 4], [-2, ...Array(11).fill(-1)]) }), 'RuntimeError', 'target', ["'target' is out of range"]);
    throwsLoss(() => run(MLM, {}, { input, target: i64([3], [0, 1, 2]) }), 'RuntimeError', 'target', ['inconsistent target size: [3] for input of size: [3, 4]']);
    throwsLoss(() => run(MLM, {}, { input, target: f64([3, 4], Array(12).fill(-1)) }), 'RuntimeError', 'target', ['expected scalar type Long but found Double']);
    throwsLoss(() => run(MLM, {}, { input: f64([2, 0], []), target: i64([2, 0], []) }), 'RuntimeError', 'input', ['Expected non-empty vector or matrix']);
  });
  // torch leaves these outputs uninitialised (any number, changing run to run), so no fixture pins them.
  it('gives nan for the mean and 0 for the sum of an empty batch, as every other loss does', () => {
    const args = { input: f64([0, 3], []), target: i64([0, 3], []) };
    assert.ok(Number.isNaN(value(run(MLM, {}, args))), 'mean');
    assert.equal(value(run(MLM, { reduction: 'sum' }, args)), 0);
    assert.deepEqual(run(MLM, { reduction: 'none' }, args).output.shape, [0]);
  });
});
