import * as assert from 'node:assert/strict';
import { evaluate, LossError, type TensorLike } from '../../../../src/engine';

const f64 = (shape: number[], data: number[]): TensorLike => ({ shape, dtype: 'float64', data });

type Args = { anchor: TensorLike; positive: TensorLike; negative: TensorLike };

function withDistance(args: Args, params: Record<string, unknown> = {}) {
  return evaluate({ module: 'TripletMarginWithDistanceLoss', params, args }, { grad: true });
}

function close(got: number, want: number, what: string): void {
  assert.ok(Math.abs(got - want) <= 1e-12 + 1e-10 * Math.abs(want), `${what}: got ${got}, want ${want}`);
}

function cosine(x: number[], y: number[]): number {
  const dot = x.reduce((s, v, i) => s + v * y[i], 0);
  const nx = Math.sqrt(x.reduce((s, v) => s + v * v, 0));
  const ny = Math.sqrt(y.reduce((s, v) => s + v * v, 0));
  return dot / (nx * ny);
}

const a = [0.5, -1, 2, 0.25];
const p = [1, 0.25, -0.5, 1.5];
const n = [0.75, 0.5, -0.25, 1];
const args: Args = { anchor: f64([2, 4], [...a, ...p]), positive: f64([2, 4], [...p, ...n]), negative: f64([2, 4], [...n, ...a]) };
const COSINE = { name: 'cosine_distance', eps: 1e-8 };

describe('TripletMarginWithDistanceLoss edge cases', () => {
  it('with the default distance equals TripletMarginLoss with p = 2, value and gradients', () => {
    for (const swap of [false, true]) {
      const ours = withDistance(args, { swap, margin: 3, reduction: 'none' });
      const plain = evaluate({ module: 'TripletMarginLoss', params: { p: 2, swap, margin: 3, reduction: 'none' }, args }, { grad: true });
      assert.deepEqual([...ours.output.data], [...plain.output.data]);
      for (const k of ['anchor', 'positive', 'negative']) assert.deepEqual([...ours.grad![k].data], [...plain.grad![k].data], k);
    }
  });

  it('reads p, eps and keepdim from a pairwise_distance spec, defaulting the ones left out', () => {
    const spec = { name: 'pairwise_distance', p: 1, eps: 0 };
    const r = withDistance(args, { distance_function: spec, margin: 3, reduction: 'none' });
    const l1 = (x: number[], y: number[]) => x.reduce((s, v, i) => s + Math.abs(v - y[i]), 0);
    close(r.output.data[0], Math.max(3 + l1(a, p) - l1(a, n), 0), 'row 0');
    const defaulted = withDistance(args, { distance_function: { name: 'pairwise_distance' }, margin: 3 });
    assert.equal(defaulted.output.data[0], withDistance(args, { margin: 3 }).output.data[0]);
    const kept = withDistance(args, { distance_function: { ...spec, keepdim: true }, reduction: 'none' });
    assert.deepEqual(kept.output.shape, [2, 1]);
  });

  it('with cosine_distance is 1 − cosine similarity and ignores the scale of each vector', () => {
    const r = withDistance(args, { distance_function: COSINE, margin: 2, reduction: 'none' });
    close(r.output.data[0], Math.max(2 + (1 - cosine(a, p)) - (1 - cosine(a, n)), 0), 'row 0');
    const scaled = { ...args, positive: f64([2, 4], [...p, ...n].map((v) => v * 7)) };
    const s = withDistance(scaled, { distance_function: COSINE, margin: 2, reduction: 'none' });
    [...r.output.data].forEach((v, i) => close(s.output.data[i], v, `row ${i}`));
  });

  it('with swap picks the smaller cosine distance and passes no gradient through the larger one', () => {
    // The negative is almost parallel to the positive, so d(p, n) < d(a, n).
    const sw: Args = { anchor: f64([3], [1, 0, 0]), positive: f64([3], [0, 1, 0]), negative: f64([3], [0.1, 1, 0]) };
    const r = withDistance(sw, { distance_function: COSINE, margin: 2, swap: true, reduction: 'sum' });
    close(r.output.data[0], 2 + 1 - (1 - cosine([0, 1, 0], [0.1, 1, 0])), 'value');
    // d(a, p) has no gradient along a itself (cosine is scale invariant), and d(a, n) is unused.
    close(r.grad!.anchor.data[0], 0, 'grad.anchor[0]');
  });

  it('keeps the eps clamp out of the gradient: a zero anchor has distance 1 and a finite gradient', () => {
    const z: Args = { anchor: f64([3], [0, 0, 0]), positive: f64([3], [1, 2, 2]), negative: f64([3], [2, 1, 2]) };
    const r = withDistance(z, { distance_function: COSINE, margin: 1, reduction: 'sum' });
    assert.equal(r.output.data[0], 1);
    // d/da of −a·(p − n)/(eps·|x|): the clamped norm acts as a constant eps.
    close(r.grad!.anchor.data[0], -(1 / 3 - 2 / 3) / 1e-8, 'grad.anchor[0]');
    close(r.grad!.positive.data[0], 0, 'grad.positive[0]');
  });

  it('accepts 1-D anchors and returns a 0-d loss', () => {
    const r = withDistance({ anchor: f64([4], a), positive: f64([4], p), negative: f64([4], n) }, { reduction: 'none' });
    assert.deepEqual(r.output.shape, []);
    assert.equal(r.output.data[0], withDistance(args, { reduction: 'none' }).output.data[0]);
  });

  it('rejects margin <= 0, a bad reduction and mismatched ranks with torch error types', () => {
    const check = (params: Record<string, unknown>, a2: Args, type: string, fragment: string) =>
      assert.throws(() => withDistance(a2, params), (e: unknown) => e instanceof LossError && e.type === type && e.message.includes(fragment));
    check({ margin: 0 }, args, 'ValueError', 'TripletMarginWithDistanceLoss: expected margin to be greater than 0, got 0.0 instead');
    check({ reduction: 'batchmean' }, args, 'ValueError', 'is not a valid value for reduction');
    check({}, { ...args, negative: f64([4], n) }, 'RuntimeError', 'anchor 2D, positive 2D, and negative 1D inputs');
    check({ distance_function: { name: 'pairwise_distance', p: 'two' } }, args, 'TypeError', 'distance_function.p must be a float');
  });
});
