import * as assert from 'node:assert/strict';
import { evaluate } from '../../../../src/engine';
import { classesLast, randoms } from './classHelpers';
import { close, closeAll, f32, f64, grad, i64, run, throwsLoss, value } from './pointwiseHelpers';

const NLL = 'NLLLoss';
const x = randoms(12, 3);
const w = [0.5, 2, 1.5, 0.25];

describe('NLLLoss edge cases', () => {
  it('picks -w[y]·x[y] per row, averages by Σw[y] and puts -w[y]/Σw[y] at the targets only', () => {
    const y = [1, 3, 1];
    const args = { input: f64([3, 4], x), target: i64([3], y) };
    const none = run(NLL, { reduction: 'none', weight: f64([4], w) }, args);
    closeAll(none.output.data, y.map((c, b) => -w[c] * x[b * 4 + c]), 'values');
    const mean = run(NLL, { weight: f64([4], w) }, args);
    const den = w[1] + w[3] + w[1];
    close(value(mean), y.reduce((s, c, b) => s - w[c] * x[b * 4 + c], 0) / den, 'mean');
    const want = new Array<number>(12).fill(0);
    y.forEach((c, b) => (want[b * 4 + c] = -w[c] / den));
    closeAll(grad(mean, 'input'), want, 'grad');
  });

  it('skips an ignored position entirely, even a nan input there, for in-range and negative ignore_index', () => {
    const xs = [...x];
    xs[4 + 2] = NaN;
    for (const ignore_index of [2, -1]) {
      const y = [0, ignore_index, 3];
      const r = run(NLL, { ignore_index, reduction: 'sum' }, { input: f64([3, 4], xs), target: i64([3], y) });
      close(value(r), -x[0] - x[11], `ignore_index=${ignore_index}`);
      assert.ok(grad(r, 'input').slice(4, 8).every((g) => g === 0));
    }
  });

  it('gives the K-dimensional loss of the flattened (N·d, C) problem', () => {
    const shape = [2, 4, 1, 3];
    const xk = randoms(24, 5);
    const y = [0, 3, 2, 1, 1, -100];
    for (const reduction of ['none', 'mean', 'sum']) {
      const k = run(NLL, { reduction, weight: f64([4], w) }, { input: f64(shape, xk), target: i64([2, 1, 3], y) });
      const flat = run(NLL, { reduction, weight: f64([4], w) }, { input: f64([6, 4], classesLast(shape, xk)), target: i64([6], y) });
      closeAll(k.output.data, flat.output.data, reduction);
      closeAll(classesLast(shape, grad(k, 'input')), grad(flat, 'input'), `grad ${reduction}`);
      if (reduction === 'none') assert.deepEqual([...k.output.shape], [2, 1, 3]);
    }
  });

  it('has sum equal to mean times Σw[y]', () => {
    const y = [2, 2, 0];
    const args = { input: f64([3, 4], x), target: i64([3], y) };
    const mean = value(run(NLL, { weight: f64([4], w) }, args));
    close(value(run(NLL, { weight: f64([4], w), reduction: 'sum' }, args)), mean * (w[2] * 2 + w[0]), 'sum');
  });

  it('gives nan for all-zero weights, with nan gradients at the target entries and 0 elsewhere', () => {
    const r = run(NLL, { weight: f64([4], [0, 0, 0, 0]) }, { input: f64([3, 4], x), target: i64([3], [1, 0, 2]) });
    assert.ok(Number.isNaN(value(r)));
    const g = grad(r, 'input');
    [1, 4, 10].forEach((k) => assert.ok(Number.isNaN(g[k]), `target entry ${k}`));
    assert.equal(g.filter((v) => v === 0).length, 9);
  });

  it('reads (C) with a 0-d or one-element target as one sample, and (0, C) as an empty batch', () => {
    for (const target of [i64([], [2]), i64([1], [2])]) {
      const r = evaluate({ module: NLL, params: { reduction: 'none' }, args: { input: f64([4], x.slice(0, 4)), target } });
      assert.deepEqual([...r.output.shape], []);
      close(r.output.data[0], -x[2], 'value');
    }
    assert.ok(Number.isNaN(value(run(NLL, {}, { input: f64([0, 4], []), target: i64([0], []) }))));
  });

  it('rejects a one-element target for a (C) input once a gradient is asked for, as torch’s backward does', () => {
    throwsLoss(() => run(NLL, {}, { input: f64([4], x.slice(0, 4)), target: i64([1], [2]) }), 'RuntimeError', 'target', ['size mismatch (got input: [4], target: [1])']);
    throwsLoss(() => run('CrossEntropyLoss', {}, { input: f64([4], x.slice(0, 4)), target: i64([1], [2]) }), 'RuntimeError', 'target', ['size mismatch (got input: [4], target: [1])']);
    close(value(run(NLL, {}, { input: f64([1], [0.5]), target: i64([1], [0]) })), -0.5, 'one class');
  });

  it('keeps float32 results in a Float32Array', () => {
    const r = run(NLL, {}, { input: f32([3, 4], x), target: i64([3], [0, 1, 2]) });
    assert.ok(r.output.data instanceof Float32Array);
    close(value(r), -(Math.fround(x[0]) + Math.fround(x[5]) + Math.fround(x[10])) / 3, 'value', 1e-6);
  });

  it('rejects inputs and targets torch rejects, with its exception type and the argument named', () => {
    throwsLoss(() => run(NLL, {}, { input: f64([], [1]), target: i64([], [0]) }), 'ValueError', 'input', ['Expected 1 or more dimensions (got 0)']);
    throwsLoss(() => run(NLL, {}, { input: f64([4], x.slice(0, 4)), target: i64([2], [0, 1]) }), 'ValueError', 'target', ['For 1D input, 1D target must have size 1, but got target size: 2']);
    throwsLoss(() => run(NLL, {}, { input: f64([3, 4], x), target: i64([3, 1], [0, 1, 2]) }), 'RuntimeError', 'target', ['0D or 1D target tensor expected, multi-target not supported']);
    throwsLoss(() => run(NLL, {}, { input: f64([3, 4], x), target: i64([3], [0, 1, 7]) }), 'IndexError', 'target', ['Target 7 is out of bounds']);
    throwsLoss(() => run(NLL, {}, { input: f64([2, 3, 2], x), target: i64([2, 2], [0, 1, 2, 3]) }), 'IndexError', 'target', ['Target 3 is out of bounds']);
    throwsLoss(() => run(NLL, { weight: f64([3], [1, 1, 1]) }, { input: f64([3, 4], x), target: i64([3], [0, 1, 2]) }), 'RuntimeError', 'weight', ['weight tensor should be defined either for all 4 classes or no classes but got weight tensor of shape: [3]']);
    throwsLoss(() => run(NLL, { weight: f64([3], [1, 1, 1]) }, { input: f64([2, 4, 1, 1], x.slice(0, 8)), target: i64([2, 1, 1], [0, 1]) }), 'RuntimeError', 'weight', ['weight tensor should be defined either for all or no classes']);
    throwsLoss(() => run(NLL, {}, { input: f64([2, 4, 1, 1], x.slice(0, 8)), target: i64([2, 1, 2], [0, 1, 0, 1]) }), 'RuntimeError', 'target', ['size mismatch (got input: [2, 4, 1, 1] , target: [2, 1, 2]']);
  });
});
