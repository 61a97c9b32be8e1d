import * as assert from 'node:assert/strict';
import { evaluate, LossError, type TensorLike } from '../../../../src/engine';

const f64 = (shape: number[], data: number[]): TensorLike => ({ shape, dtype: 'float64', data });

function triplet(a: TensorLike, p: TensorLike, n: TensorLike, params: Record<string, unknown> = {}) {
  return evaluate({ module: 'TripletMarginLoss', params, args: { anchor: a, positive: p, negative: n } }, { grad: true });
}

/** ||x − y + eps||_p written out independently of the engine. */
function dist(x: number[], y: number[], p: number, eps: number): number {
  const d = x.map((v, i) => Math.abs(v - y[i] + eps));
  if (p === Infinity) return Math.max(...d);
  return d.reduce((s, v) => s + v ** p, 0) ** (1 / p);
}

function close(got: number, want: number, what: string): void {
  assert.ok(Math.abs(got - want) <= 1e-12 + 1e-10 * Math.abs(want), `${what}: got ${got}, want ${want}`);
}

function throwsLoss(fn: () => unknown, type: string, argument: string, fragment: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof LossError, String(e));
    assert.equal(e.type, type);
    assert.equal(e.argument, argument);
    assert.ok(e.message.includes(fragment), e.message);
    return true;
  });
}

describe('TripletMarginLoss edge cases', () => {
  const a = [0.5, -1, 2];
  const p = [1, 0.25, -0.5];
  const n = [0.75, 0.5, -0.25];

  it('matches max(margin + d(a, p) − d(a, n), 0) for p = 1, 1.5, 2, 3, 0.5 and inf', () => {
    for (const pNorm of [1, 1.5, 2, 3, 0.5, Infinity]) {
      const r = triplet(f64([3], a), f64([3], p), f64([3], n), { p: pNorm, margin: 4, reduction: 'none' });
      const want = Math.max(4 + dist(a, p, pNorm, 1e-6) - dist(a, n, pNorm, 1e-6), 0);
      close(r.output.data[0], want, `p=${pNorm}`);
    }
  });

  it('with swap uses the smaller of d(a, n) and d(p, n), and without swap ignores d(p, n)', () => {
    // The negative sits next to the positive, so d(p, n) < d(a, n).
    const plain = triplet(f64([3], a), f64([3], p), f64([3], n), { swap: false, margin: 4, reduction: 'sum' });
    const swapped = triplet(f64([3], a), f64([3], p), f64([3], n), { swap: true, margin: 4, reduction: 'sum' });
    assert.ok(dist(p, n, 2, 1e-6) < dist(a, n, 2, 1e-6));
    close(plain.output.data[0], 4 + dist(a, p, 2, 1e-6) - dist(a, n, 2, 1e-6), 'no swap');
    close(swapped.output.data[0], 4 + dist(a, p, 2, 1e-6) - dist(p, n, 2, 1e-6), 'swap');
    // With the swapped distance the anchor only moves through d(a, p).
    const g = swapped.grad!.anchor.data;
    const dap = dist(a, p, 2, 1e-6);
    a.forEach((v, i) => close(g[i], (v - p[i] + 1e-6) / dap, `grad.anchor[${i}]`));
  });

  it('adds eps to the difference, so anchor == positive still has distance eps·D^(1/p) and a gradient', () => {
    const r = triplet(f64([1, 4], [1, 2, 3, 4]), f64([1, 4], [1, 2, 3, 4]), f64([1, 4], [0, 0, 0, 0]), { eps: 1e-3, margin: 20, reduction: 'sum' });
    close(r.output.data[0], 20 + 1e-3 * 2 - dist([1, 2, 3, 4], [0, 0, 0, 0], 2, 1e-3), 'value');
    const gp = r.grad!.positive.data;
    for (let i = 0; i < 4; i++) close(gp[i], -0.5, `grad.positive[${i}]`);
  });

  it('splits the p = inf gradient evenly between tied maximal entries', () => {
    const r = triplet(f64([3], [1, -1, 0.5]), f64([3], [0, 0, 0]), f64([3], [9, 9, 9]), { p: Infinity, eps: 0, margin: 20, reduction: 'sum' });
    assert.deepEqual([...r.grad!.positive.data], [-0.5, 0.5, 0]);
  });

  it('leaves out every gradient for p = 0, as torch leaves them None', () => {
    const r = triplet(f64([3], [1, 0, 2]), f64([3], [1, 0, 0]), f64([3], [0, 0, 0]), { p: 0, eps: 0, margin: 3, reduction: 'sum' });
    assert.equal(r.output.data[0], 3 + 1 - 2);
    assert.deepEqual(Object.keys(r.grad ?? {}), []);
  });

  it("gives nan for 'mean' of an empty batch, 0 for 'sum' and an empty tensor for 'none'", () => {
    const e = f64([0, 3], []);
    assert.ok(Number.isNaN(triplet(e, e, e).output.data[0]));
    assert.equal(triplet(e, e, e, { reduction: 'sum' }).output.data[0], 0);
    assert.deepEqual(triplet(e, e, e, { reduction: 'none' }).output.shape, [0]);
  });

  it('sums the gradient of a broadcast positive over the batch', () => {
    const anchor = f64([2, 3], [...a, ...n]);
    const neg = f64([2, 3], [5, 5, 5, -5, -5, -5]);
    const broadcast = triplet(anchor, f64([1, 3], p), neg, { margin: 9, reduction: 'sum' });
    const expanded = triplet(anchor, f64([2, 3], [...p, ...p]), neg, { margin: 9, reduction: 'sum' });
    close(broadcast.output.data[0], expanded.output.data[0], 'value');
    const ge = expanded.grad!.positive.data;
    broadcast.grad!.positive.data.forEach((g, i) => close(g, ge[i] + ge[i + 3], `grad.positive[${i}]`));
  });

  it('rejects margin <= 0 with ValueError but accepts a nan margin', () => {
    for (const margin of [0, -1]) {
      throwsLoss(() => triplet(f64([3], a), f64([3], p), f64([3], n), { margin }), 'ValueError', 'margin', 'expected margin to be greater than 0');
    }
    assert.ok(Number.isNaN(triplet(f64([3], a), f64([3], p), f64([3], n), { margin: 'nan' }).output.data[0]));
  });

  it('rejects inputs of different ranks, mismatched sizes and an inf norm over an empty dimension', () => {
    throwsLoss(() => triplet(f64([1, 3], a), f64([3], p), f64([1, 3], n)), 'RuntimeError', 'positive', 'same number of dimensions');
    throwsLoss(() => triplet(f64([3], a), f64([2], [1, 2]), f64([3], n)), 'RuntimeError', 'positive', 'must match the size of tensor b');
    const e = f64([2, 0], []);
    throwsLoss(() => triplet(e, e, e, { p: Infinity }), 'RuntimeError', 'p', 'cannot compute the inf norm on the dimension 1');
  });
});
