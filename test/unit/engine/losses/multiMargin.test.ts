import * as assert from 'node:assert/strict';
import { randoms } from './classHelpers';
import { close, closeAll, f64, grad, i64, run, throwsLoss, value } from './pointwiseHelpers';

const MM = 'MultiMarginLoss';
const x = randoms(12, 13, 1.5);

/** The definition, term by term: Σ_{j≠y} w[y]·max(0, margin − x[y] + x[j])^p / C per row. */
function reference(xs: number[], ys: number[], c: number, p: number, margin: number, w?: number[]): number[] {
  return ys.map((y, b) => {
    let s = 0;
    for (let j = 0; j < c; j++) {
      if (j === y) continue;
      const z = Math.max(0, margin - xs[b * c + y] + xs[b * c + j]);
      s += (w ? w[y] : 1) * z ** p;
    }
    return s / c;
  });
}

describe('MultiMarginLoss edge cases', () => {
  it('matches the definition for p = 1 and 2, any margin, with and without a class weight', () => {
    const y = [3, 0, 2];
    for (const p of [1, 2]) {
      for (const margin of [1, 0.3, -0.2]) {
        for (const w of [undefined, [0.5, 2, 1, 3]]) {
          const r = run(MM, { p, margin, reduction: 'none', weight: w ? f64([4], w) : null }, { input: f64([3, 4], x), target: i64([3], y) });
          closeAll(r.output.data, reference(x, y, 4, p, margin, w), `p=${p} margin=${margin} w=${Boolean(w)}`);
        }
      }
    }
  });

  it('has a gradient whose entries in each row sum to zero and whose mean is the sum over N', () => {
    const args = { input: f64([3, 4], x), target: i64([3], [1, 1, 0]) };
    const sum = run(MM, { p: 2, reduction: 'sum' }, args);
    const mean = run(MM, { p: 2 }, args);
    close(value(mean), value(sum) / 3, 'mean');
    const g = grad(sum, 'input');
    for (let b = 0; b < 3; b++) close(g[b * 4] + g[b * 4 + 1] + g[b * 4 + 2] + g[b * 4 + 3], 0, `row ${b}`);
    closeAll(grad(mean, 'input'), g.map((v) => v / 3), 'mean grad');
  });

  it('counts a class exactly at the margin as satisfied: no loss and no gradient there', () => {
    const r = run(MM, { reduction: 'none' }, { input: f64([1, 3], [0.5, 1.5, 0.2]), target: i64([1], [1]) });
    close(r.output.data[0], 0, 'value');
    assert.ok(grad(r, 'input').every((g) => g === 0));
  });

  it('returns the target’s shape unreduced, including a 0-d or one-element target for (C) input and a 0-d input', () => {
    assert.deepEqual([...run(MM, { reduction: 'none' }, { input: f64([4], x.slice(0, 4)), target: i64([], [2]) }).output.shape], []);
    assert.deepEqual([...run(MM, { reduction: 'none' }, { input: f64([4], x.slice(0, 4)), target: i64([1], [2]) }).output.shape], [1]);
    close(value(run(MM, {}, { input: f64([], [0.3]), target: i64([], [0]) })), 0, '0-d input has one class');
  });

  it('rejects what torch rejects, with its exception type and the argument named', () => {
    const input = f64([3, 4], x);
    const target = i64([3], [0, 1, 2]);
    throwsLoss(() => run(MM, { p: 3 }, { input, target }), 'ValueError', 'p', ['only p == 1 and p == 2 supported', 'p=3']);
    throwsLoss(() => run(MM, { weight: f64([1, 4], [1, 1, 1, 1]) }, { input, target }), 'ValueError', 'weight', ['expected weight to be None or 1D tensor, got 2D instead']);
    throwsLoss(() => run(MM, { weight: f64([5], [1, 1, 1, 1, 1]) }, { input, target }), 'RuntimeError', 'weight', ['inconsistent weight size, expected 4 but got [5]']);
    throwsLoss(() => run(MM, {}, { input, target: i64([3], [0, 4, 1]) }), 'RuntimeError', 'target', ['target out of range', 'got 4']);
    throwsLoss(() => run(MM, {}, { input, target: i64([3], [0, -1, 1]) }), 'RuntimeError', 'target', ['target out of range']);
    throwsLoss(() => run(MM, {}, { input, target: i64([1, 3], [0, 1, 2]) }), 'RuntimeError', 'target', ['target tensor should be 1-D', 'Expected target size [3], but got [1, 3]']);
    throwsLoss(() => run(MM, {}, { input, target: f64([3], [0, 1, 2]) }), 'RuntimeError', 'target', ['expected scalar type Long but found Double']);
    throwsLoss(() => run(MM, {}, { input: f64([3, 0], []), target }), 'RuntimeError', 'input', ['Expected non-empty vector or matrix with optional 0-dim batch size, but got: [3, 0]']);
    throwsLoss(() => run(MM, {}, { input: f64([1, 3, 4], x), target: i64([1], [0]) }), 'RuntimeError', 'input', ['Expected non-empty vector or matrix']);
  });
  // torch leaves these outputs uninitialised (any number, changing run to run), so no fixture pins them.
  it('gives nan for the mean and 0 for the sum of an empty batch, as every other loss does', () => {
    const args = { input: f64([0, 3], []), target: i64([0], []) };
    assert.ok(Number.isNaN(value(run(MM, {}, args))), 'mean');
    assert.equal(value(run(MM, { reduction: 'sum' }, args)), 0);
    assert.deepEqual(run(MM, { reduction: 'none' }, args).output.shape, [0]);
  });
});
