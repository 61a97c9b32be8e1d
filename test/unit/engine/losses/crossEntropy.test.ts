import * as assert from 'node:assert/strict';
import { classesLast, logSoftmax, randoms, throughLogSoftmax } from './classHelpers';
import { close, closeAll, f32, f64, grad, i64, run, throwsLoss, value } from './pointwiseHelpers';

const CE = 'CrossEntropyLoss';
const x34 = randoms(12, 7);
const y3 = [2, 0, 3];
const w4 = [0.5, 2, 1.5, 0.25];

describe('CrossEntropyLoss edge cases', () => {
  it('equals NLLLoss on log_softmax(x), with the gradient chained through log_softmax, for every option', () => {
    for (const shape of [[3, 4], [2, 4, 3], [4]]) {
      const n = shape.reduce((a, b) => a * b, 1);
      const x = randoms(n, 11 + shape.length);
      const target = shape.length === 1 ? i64([], [1]) : i64([shape[0], ...shape.slice(2)], randoms(n / 4, 5).map((v) => Math.floor(Math.abs(v) * 4) % 4));
      for (const params of [{}, { weight: f64([4], w4) }, { ignore_index: 1 }, { weight: f64([4], w4), ignore_index: 0 }]) {
        for (const reduction of ['none', 'mean', 'sum']) {
          const ce = run(CE, { ...params, reduction }, { input: f64(shape, x), target });
          const nll = run('NLLLoss', { ...params, reduction }, { input: f64(shape, logSoftmax(shape, x)), target });
          closeAll(ce.output.data, nll.output.data, `value ${shape} ${reduction}`, 1e-12);
          closeAll(grad(ce, 'input'), throughLogSoftmax(shape, x, grad(nll, 'input')), `grad ${shape} ${reduction}`, 1e-10);
        }
      }
    }
  });

  it('with a one-hot probability target equals the class-index form, smoothing included', () => {
    const onehot = y3.flatMap((y) => [0, 1, 2, 3].map((j) => (j === y ? 1 : 0)));
    for (const label_smoothing of [0, 0.2]) {
      for (const [reduction, weight] of [['none', f64([4], w4)], ['sum', f64([4], w4)], ['mean', null]] as const) {
        const params = { reduction, weight, label_smoothing };
        const idx = run(CE, params, { input: f64([3, 4], x34), target: i64([3], y3) });
        const prob = run(CE, params, { input: f64([3, 4], x34), target: f64([3, 4], onehot) });
        closeAll(prob.output.data, idx.output.data, `value ${reduction} ls=${label_smoothing}`);
        closeAll(grad(prob, 'input'), grad(idx, 'input'), `grad ${reduction} ls=${label_smoothing}`, 1e-10);
        assert.ok(!idx.grad?.target, 'class indices get no gradient');
        assert.equal(grad(prob, 'target').length, 12, 'probabilities do');
      }
    }
  });

  it('divides probability targets by the number of rows for mean, not by the weights, and differentiates the target', () => {
    const t = randoms(12, 3).map((v) => Math.abs(v) / 3);
    const args = { input: f64([3, 4], x34), target: f64([3, 4], t) };
    const sum = value(run(CE, { reduction: 'sum', weight: f64([4], w4) }, args));
    close(value(run(CE, { reduction: 'mean', weight: f64([4], w4) }, args)), sum / 3, 'mean');
    const lp = logSoftmax([3, 4], x34);
    closeAll(grad(run(CE, { reduction: 'sum', weight: f64([4], w4) }, args), 'target'), lp.map((v, k) => -v * w4[k % 4]), 'd/dt = -w·logp');
  });

  it('gives the K-dimensional loss of the flattened (N·d, C) problem', () => {
    const shape = [2, 4, 3];
    const x = randoms(24, 21);
    const y = [3, 0, 1, 2, 2, 0];
    for (const params of [{ reduction: 'none' }, { reduction: 'mean', weight: f64([4], w4), label_smoothing: 0.3, ignore_index: 2 }]) {
      const k = run(CE, params, { input: f64(shape, x), target: i64([2, 3], y) });
      const flat = run(CE, params, { input: f64([6, 4], classesLast(shape, x)), target: i64([6], y) });
      closeAll(k.output.data, flat.output.data, 'values');
      closeAll(classesLast(shape, grad(k, 'input')), grad(flat, 'input'), 'grad', 1e-12);
    }
  });

  it('has sum equal to mean times the summed weight of the kept targets', () => {
    const y = [2, 1, 3, 1];
    const x = randoms(16, 9);
    for (const label_smoothing of [0, 0.4]) {
      const p = { weight: f64([4], w4), ignore_index: 1, label_smoothing };
      const args = { input: f64([4, 4], x), target: i64([4], y) };
      const mean = value(run(CE, { ...p, reduction: 'mean' }, args));
      close(value(run(CE, { ...p, reduction: 'sum' }, args)), mean * (w4[2] + w4[3]), `ls=${label_smoothing}`);
    }
  });

  it('takes the fused path and the weighted path to the same numbers (unit weights)', () => {
    const x = randoms(60, 4, 20);
    const y = randoms(12, 8).map((v) => Math.floor(Math.abs(v) * 5) % 5);
    for (const mk of [f64, f32]) {
      for (const reduction of ['none', 'mean', 'sum']) {
        const fast = run(CE, { reduction }, { input: mk([12, 5], x), target: i64([12], y) });
        const slow = run(CE, { reduction, weight: mk([5], [1, 1, 1, 1, 1]) }, { input: mk([12, 5], x), target: i64([12], y) });
        closeAll(fast.output.data, slow.output.data, `value ${reduction}`, 1e-6);
        closeAll(grad(fast, 'input'), grad(slow, 'input'), `grad ${reduction}`, 1e-6);
        assert.ok(fast.output.data instanceof (mk === f32 ? Float32Array : Float64Array), 'output keeps the dtype');
      }
    }
  });

  it('mixes the uniform distribution in with label smoothing, and treats a negative value as none', () => {
    const lp = logSoftmax([3, 4], x34);
    const r = run(CE, { reduction: 'none', label_smoothing: 0.3 }, { input: f64([3, 4], x34), target: i64([3], y3) });
    closeAll(r.output.data, y3.map((y, b) => -0.7 * lp[b * 4 + y] - (0.3 / 4) * (lp[b * 4] + lp[b * 4 + 1] + lp[b * 4 + 2] + lp[b * 4 + 3])), 'values');
    const neg = run(CE, { label_smoothing: -0.5 }, { input: f64([3, 4], x34), target: i64([3], y3) });
    close(value(neg), value(run(CE, {}, { input: f64([3, 4], x34), target: i64([3], y3) })), 'negative smoothing');
    throwsLoss(() => run(CE, { label_smoothing: 1.01 }, { input: f64([3, 4], x34), target: i64([3], y3) }), 'RuntimeError', 'label_smoothing', ['label_smoothing must be between 0.0 and 1.0. Got: 1.01']);
  });

  it('gives nan with a zero gradient when every target is ignored, and nan everywhere it counts when every weight is 0', () => {
    const ignored = run(CE, { label_smoothing: 0.1 }, { input: f64([3, 4], x34), target: i64([3], [-100, -100, -100]) });
    assert.ok(Number.isNaN(value(ignored)));
    assert.ok(grad(ignored, 'input').every((g) => g === 0));
    close(value(run(CE, { reduction: 'sum' }, { input: f64([3, 4], x34), target: i64([3], [-100, -100, -100]) })), 0, 'sum');
    const zero = run(CE, { weight: f64([4], [0, 0, 0, 0]), ignore_index: 0 }, { input: f64([3, 4], x34), target: i64([3], [2, 0, 3]) });
    assert.ok(Number.isNaN(value(zero)));
    const g = grad(zero, 'input');
    assert.ok(g.slice(0, 4).every(Number.isNaN) && g.slice(8).every(Number.isNaN), 'rows that count are nan');
    assert.ok(g.slice(4, 8).every((v) => v === 0), 'the ignored row stays 0');
  });

  it('turns a row with a +inf logit into nan, but stays finite with a -inf logit elsewhere', () => {
    const r = run(CE, { reduction: 'none' }, { input: f64([2, 3], [0, 'inf', 1, 0, '-inf', 1]), target: i64([2], [0, 2]) });
    assert.ok(Number.isNaN(r.output.data[0]) && grad(r, 'input').slice(0, 3).every(Number.isNaN));
    close(r.output.data[1], Math.log1p(Math.exp(-1)), 'finite row');
    closeAll(grad(r, 'input').slice(3), [1 / (1 + Math.E), 0, -1 / (1 + Math.E)], 'finite row grad');
  });

  it('stays finite at logits of ±1e4 and its gradient rows sum to zero', () => {
    const r = run(CE, { reduction: 'sum' }, { input: f64([2, 3], [1e4, -1e4, 0, -1e4, 1e4, 1e4]), target: i64([2], [1, 2]) });
    close(value(r), 2e4 + Math.log(2), 'value');
    const g = grad(r, 'input');
    assert.ok(g.every(Number.isFinite));
    close(g[0] + g[1] + g[2], 0, 'row 0');
    close(g[3] + g[4] + g[5], 0, 'row 1');
  });

  it('reads an unbatched (C) input with a 0-d target like a batch of one', () => {
    const single = run(CE, { weight: f64([4], w4), label_smoothing: 0.2 }, { input: f64([4], x34.slice(0, 4)), target: i64([], [1]) });
    const batch = run(CE, { weight: f64([4], w4), label_smoothing: 0.2 }, { input: f64([1, 4], x34.slice(0, 4)), target: i64([1], [1]) });
    close(value(single), value(batch), 'value');
    closeAll(grad(single, 'input'), grad(batch, 'input'), 'grad');
  });

  it('gives nan for the mean of an empty batch, 0 for its sum and an empty tensor for none', () => {
    const args = { input: f64([0, 4], []), target: i64([0], []) };
    assert.ok(Number.isNaN(value(run(CE, {}, args))));
    close(value(run(CE, { reduction: 'sum' }, args)), 0, 'sum');
    assert.deepEqual([...run(CE, { reduction: 'none' }, args).output.shape], [0]);
  });

  it('rejects bad class indices, shapes, dtypes and weights with torch’s exception type and the argument named', () => {
    const input = f64([3, 4], x34);
    throwsLoss(() => run(CE, {}, { input, target: i64([3], [0, 4, 1]) }), 'IndexError', 'target', ['Target 4 is out of bounds', '[0, 3]']);
    throwsLoss(() => run(CE, {}, { input, target: i64([3], [0, -1, 1]) }), 'IndexError', 'target', ['Target -1 is out of bounds']);
    throwsLoss(() => run(CE, {}, { input, target: i64([2], [0, 1]) }), 'ValueError', 'target', ['Expected input batch_size (3) to match target batch_size (2)']);
    throwsLoss(() => run(CE, {}, { input, target: { shape: [3], dtype: 'int32', data: [0, 1, 2] } }), 'RuntimeError', 'target', ['expected target dtype to be Long', 'got Int']);
    throwsLoss(() => run(CE, {}, { input, target: f64([3], [0, 1, 2]) }), 'RuntimeError', 'target', ['expected target dtype to be Long', 'got Double']);
    throwsLoss(() => run(CE, { weight: f64([5], [1, 1, 1, 1, 1]) }, { input, target: i64([3], y3) }), 'RuntimeError', 'weight', ['weight tensor should be defined either for all 4 classes', '[5]']);
    throwsLoss(() => run(CE, {}, { input, target: f64([3, 5], Array(15).fill(0.2)) }), 'RuntimeError', 'target', ['multi-target not supported']);
    throwsLoss(() => run(CE, {}, { input, target: i64([3, 4], Array(12).fill(0)) }), 'RuntimeError', 'target', ['Expected floating point type for target with class probabilities, got Long']);
    throwsLoss(() => run(CE, { ignore_index: 0 }, { input, target: f64([3, 4], Array(12).fill(0.25)) }), 'RuntimeError', 'ignore_index', ['ignore_index is not supported for floating point target']);
    throwsLoss(() => run(CE, {}, { input: f64([2, 4, 3], Array(24).fill(0)), target: i64([2, 2], [0, 0, 0, 0]) }), 'RuntimeError', 'target', ['Expected target size [2, 3], got [2, 2]']);
    throwsLoss(() => run(CE, {}, { input: f64([2, 4, 1, 3], Array(24).fill(0)), target: i64([2, 3], Array(6).fill(0)) }), 'RuntimeError', 'target', ['only batches of spatial targets supported (3D tensors)']);
  });

  it('accepts a probability target with a negative ignore_index other than -100, as torch does', () => {
    const t = f64([3, 4], Array(12).fill(0.25));
    close(value(run(CE, { ignore_index: -3 }, { input: f64([3, 4], x34), target: t })), value(run(CE, {}, { input: f64([3, 4], x34), target: t })), 'value');
  });
});
