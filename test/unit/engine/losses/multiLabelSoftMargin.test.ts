import * as assert from 'node:assert/strict';
import { randoms } from './classHelpers';
import { close, closeAll, f64, grad, i64, run, throwsLoss, value } from './pointwiseHelpers';

const MLSM = 'MultiLabelSoftMarginLoss';
const x = randoms(12, 23, 4);
const t = randoms(12, 29).map((v) => (v > 0 ? 1 : Math.abs(v) / 3));
const w = [0.5, 2, 1, 0];

/** Row means over the last axis of (R, C) data. */
const rowMeans = (d: ArrayLike<number>, c: number): number[] =>
  Array.from({ length: d.length / c }, (_, r) => Array.from(d).slice(r * c, r * c + c).reduce((a, b) => a + b, 0) / c);

describe('MultiLabelSoftMarginLoss edge cases', () => {
  it('equals the class-mean of BCEWithLogitsLoss with the same weight, gradients included', () => {
    const args = { input: f64([3, 4], x), target: f64([3, 4], t) };
    const m = run(MLSM, { reduction: 'none', weight: f64([4], w) }, args);
    const b = run('BCEWithLogitsLoss', { reduction: 'none', weight: f64([4], w) }, args);
    closeAll(m.output.data, rowMeans(b.output.data, 4), 'values', 1e-12);
    closeAll(grad(m, 'input'), grad(b, 'input').map((g) => g / 4), 'input grad', 1e-10);
    closeAll(grad(m, 'target'), grad(b, 'target').map((g) => g / 4), 'target grad', 1e-10);
  });

  it('averages rows for mean and gives d/dt = -x·w/C', () => {
    const args = { input: f64([3, 4], x), target: f64([3, 4], t) };
    const mean = run(MLSM, { weight: f64([4], w) }, args);
    close(value(mean), value(run(MLSM, { reduction: 'sum', weight: f64([4], w) }, args)) / 3, 'mean');
    closeAll(grad(mean, 'target'), x.map((v, k) => (-v * w[k % 4]) / 12), 'target grad', 1e-10);
  });

  it('broadcasts a (1, C) target and a full-shape weight, summing the target gradient back', () => {
    const row = t.slice(0, 4);
    const tiled = [...row, ...row, ...row];
    const bc = run(MLSM, { reduction: 'sum' }, { input: f64([3, 4], x), target: f64([1, 4], row) });
    const full = run(MLSM, { reduction: 'sum' }, { input: f64([3, 4], x), target: f64([3, 4], tiled) });
    close(value(bc), value(full), 'value');
    const gf = grad(full, 'target');
    closeAll(grad(bc, 'target'), [0, 1, 2, 3].map((j) => gf[j] + gf[4 + j] + gf[8 + j]), 'target grad');
    const fw = run(MLSM, { reduction: 'none', weight: f64([3, 4], [...w, ...w, ...w]) }, { input: f64([3, 4], x), target: f64([3, 4], t) });
    closeAll(fw.output.data, run(MLSM, { reduction: 'none', weight: f64([4], w) }, { input: f64([3, 4], x), target: f64([3, 4], t) }).output.data, 'weight');
  });

  it('averages over the last axis of a 3-D input and keeps the others', () => {
    const r = run(MLSM, { reduction: 'none' }, { input: f64([1, 3, 4], x), target: f64([1, 3, 4], t) });
    assert.deepEqual([...r.output.shape], [1, 3]);
    closeAll(r.output.data, run(MLSM, { reduction: 'none' }, { input: f64([3, 4], x), target: f64([3, 4], t) }).output.data, 'values');
  });

  it('stays finite at logits of ±1e4 and gives nan for the mean of an empty batch', () => {
    const r = run(MLSM, { reduction: 'none' }, { input: f64([1, 4], [1e4, -1e4, 1e4, -1e4]), target: f64([1, 4], [0, 1, 1, 0]) });
    close(r.output.data[0], (2 * 1e4) / 4, 'value');
    assert.ok(grad(r, 'input').every(Number.isFinite));
    assert.ok(Number.isNaN(value(run(MLSM, {}, { input: f64([0, 4], []), target: f64([0, 4], []) }))));
  });

  it('promotes an integer target, which then gets no gradient, and rejects an integer input', () => {
    const hard = t.map((v) => (v === 1 ? 1 : 0));
    const ints = run(MLSM, {}, { input: f64([3, 4], x), target: i64([3, 4], hard) });
    const floats = run(MLSM, {}, { input: f64([3, 4], x), target: f64([3, 4], hard) });
    close(value(ints), value(floats), 'value');
    assert.deepEqual(Object.keys(ints.grad ?? {}), ['input']);
    throwsLoss(() => run(MLSM, {}, { input: i64([1, 2], [1, 2]), target: f64([1, 2], [0, 1]) }), 'RuntimeError', 'input', ['"log_sigmoid_cpu" not implemented for \'Long\'']);
  });

  it('rejects shapes torch rejects, naming the argument', () => {
    throwsLoss(() => run(MLSM, {}, { input: f64([3, 4], x), target: f64([3, 3], x.slice(0, 9)) }), 'RuntimeError', 'target', ['The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1']);
    throwsLoss(() => run(MLSM, { weight: f64([5], [1, 1, 1, 1, 1]) }, { input: f64([3, 4], x), target: f64([3, 4], t) }), 'RuntimeError', 'weight', ['must match the size']);
    throwsLoss(() => run(MLSM, {}, { input: f64([], [1]), target: f64([], [1]) }), 'IndexError', 'input', ['Dimension specified as -1 but tensor has no dimensions']);
  });
});
