import * as assert from 'node:assert/strict';
import { randoms } from './classHelpers';
import { close, closeAll, f32, f64, grad, i64, run, throwsLoss, value } from './pointwiseHelpers';

const COS = 'CosineEmbeddingLoss';
const a = randoms(15, 31);
const b = randoms(15, 37);

const cosines = (u: number[], v: number[], d: number): number[] =>
  Array.from({ length: u.length / d }, (_, r) => {
    let p = 0;
    let m1 = 0;
    let m2 = 0;
    for (let k = r * d; k < (r + 1) * d; k++) {
      p += u[k] * v[k];
      m1 += u[k] * u[k];
      m2 += v[k] * v[k];
    }
    return p / Math.sqrt(m1 * m2);
  });

describe('CosineEmbeddingLoss edge cases', () => {
  it('is 1 − cos for y = 1, max(0, cos − margin) for y = −1 and 0 for any other target', () => {
    const cos = cosines(a, b, 5);
    const r = run(COS, { reduction: 'none', margin: 0.1 }, { input1: f64([3, 5], a), input2: f64([3, 5], b), target: f64([3], [1, -1, 0.5]) });
    closeAll(r.output.data, [1 - cos[0], Math.max(0, cos[1] - 0.1), 0], 'values', 1e-10);
    assert.ok(grad(r, 'input1').slice(10).every((g) => g === 0), 'target 0.5 gives no gradient');
    assert.ok(!r.grad?.target, 'the target gets no gradient');
  });

  it('does not change when an input is rescaled, and its gradient is orthogonal to that input', () => {
    const args = { input2: f64([3, 5], b), target: f64([3], [1, 1, -1]) };
    const base = run(COS, { reduction: 'sum', margin: -1 }, { ...args, input1: f64([3, 5], a) });
    const scaled = run(COS, { reduction: 'sum', margin: -1 }, { ...args, input1: f64([3, 5], a.map((v) => v * 7)) });
    close(value(scaled), value(base), 'scale invariance', 1e-10);
    const g = grad(base, 'input1');
    for (let r = 0; r < 3; r++) {
      let dot = 0;
      for (let k = r * 5; k < r * 5 + 5; k++) dot += g[k] * a[k];
      close(dot, 0, `row ${r}`, 1e-9);
    }
  });

  it('passes the gradient at cos == margin exactly, and gives a zero vector cos = 0', () => {
    const kink = run(COS, { reduction: 'sum', margin: 0 }, { input1: f64([2], [1, 0]), input2: f64([2], [0, 2]), target: f64([], [-1]) });
    close(value(kink), 0, 'value');
    close(grad(kink, 'input1')[1], 1, 'gradient passes at the kink', 1e-9);
    const zero = run(COS, { reduction: 'none' }, { input1: f64([1, 3], [0, 0, 0]), input2: f64([1, 3], [1, 2, 3]), target: f64([1], [1]) });
    close(zero.output.data[0], 1, 'value');
    assert.ok(grad(zero, 'input1').every(Number.isFinite) && grad(zero, 'input2').every((g) => g === 0));
  });

  it('broadcasts a (1, D) input2 like a repeated row and reads (D) with a 0-d target as one pair', () => {
    const row = b.slice(0, 5);
    const bc = run(COS, { reduction: 'sum' }, { input1: f64([3, 5], a), input2: f64([1, 5], row), target: f64([3], [1, -1, 1]) });
    const full = run(COS, { reduction: 'sum' }, { input1: f64([3, 5], a), input2: f64([3, 5], [...row, ...row, ...row]), target: f64([3], [1, -1, 1]) });
    close(value(bc), value(full), 'value');
    const gf = grad(full, 'input2');
    closeAll(grad(bc, 'input2'), [0, 1, 2, 3, 4].map((k) => gf[k] + gf[5 + k] + gf[10 + k]), 'summed gradient');
    const one = run(COS, {}, { input1: f64([5], a.slice(0, 5)), input2: f64([5], row), target: f64([], [1]) });
    close(value(one), run(COS, { reduction: 'none' }, { input1: f64([3, 5], a), input2: f64([1, 5], row), target: f64([3], [1, 1, 1]) }).output.data[0], 'unbatched');
  });

  it('keeps float32 results in a Float32Array and gives nan for the mean of an empty batch', () => {
    const r = run(COS, {}, { input1: f32([3, 5], a), input2: f32([3, 5], b), target: f32([3], [1, -1, 1]) });
    assert.ok(r.output.data instanceof Float32Array);
    assert.ok(Number.isNaN(value(run(COS, {}, { input1: f64([0, 5], []), input2: f64([0, 5], []), target: f64([0], []) }))));
  });

  it('promotes integer tensors like torch: an int64 target as ±1, integer inputs without a gradient', () => {
    const args = { input1: f64([3, 5], a), input2: f64([3, 5], b) };
    const ints = run(COS, { margin: 0.2 }, { ...args, target: i64([3], [1, -1, 0]) });
    const floats = run(COS, { margin: 0.2 }, { ...args, target: f64([3], [1, -1, 0]) });
    close(value(ints), value(floats), 'value');
    closeAll(grad(ints, 'input1'), grad(floats, 'input1'), 'grad');
    const mixed = run(COS, {}, { input1: f64([1, 2], [0.5, -1]), input2: i64([1, 2], [2, 1]), target: i64([1], [1]) });
    close(value(mixed), 1, 'orthogonal');
    assert.deepEqual(Object.keys(mixed.grad ?? {}), ['input1']);
  });

  it('rejects shapes torch rejects, naming the argument', () => {
    const input1 = f64([3, 5], a);
    throwsLoss(() => run(COS, {}, { input1, input2: f64([3, 5], b), target: f64([3, 1], [1, 1, 1]) }), 'RuntimeError', 'target', ['0D or 1D target tensor expected, multi-target not supported']);
    throwsLoss(() => run(COS, {}, { input1: f64([5], a.slice(0, 5)), input2: f64([5], b.slice(0, 5)), target: f64([1], [1]) }), 'RuntimeError', 'input1', ['1D target tensor expects 2D input tensors, but found inputs with sizes [5] and [5].']);
    throwsLoss(() => run(COS, {}, { input1, input2: f64([3, 5], b), target: f64([], [1]) }), 'RuntimeError', 'input1', ['0D target tensor expects 1D input tensors']);
    throwsLoss(() => run(COS, {}, { input1, input2: f64([3, 4], b.slice(0, 12)), target: f64([3], [1, 1, 1]) }), 'RuntimeError', 'input2', ['The size of tensor a (5) must match the size of tensor b (4) at non-singleton dimension 1']);
    throwsLoss(() => run(COS, {}, { input1, input2: f64([3, 5], b), target: f64([2], [1, 1]) }), 'RuntimeError', 'target', ['must match the size']);
  });
});
