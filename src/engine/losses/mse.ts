import { broadcastPair } from '../broadcast';
import type { LossImpl, LossInput, LossResult } from '../loss';
import { broadcastAll, finishPointwise, gradBuffer, meanDivisor, rejectIntegral } from '../pointwise';
import { accumulated } from '../reduction';
import { allocFloat, floatTensor, isFloat, type FloatArray, type Tensor } from '../tensor';

/** An integer input or target, which torch promotes; the integer one gets no gradient. */
function mseWithInteger(input: LossInput): LossResult {
  const { dtype, params } = input;
  if (!isFloat((input.args.input as Tensor).dtype)) rejectIntegral('target', input.args.target, `"mse_cpu" not implemented for 'Long'`);
  const b = broadcastAll([
    ['input', input.args.input as Tensor],
    ['target', input.args.target as Tensor],
  ], input.meter);
  const [xo, to] = b.operands;
  const n = b.n;
  const values = allocFloat(dtype, n);
  const dx = gradBuffer(input, n);
  const dt = gradBuffer(input, n);
  for (let k = 0; k < n; k++) {
    const d = xo.data[xo.index ? xo.index[k] : k] - to.data[to.index ? to.index[k] : k];
    values[k] = d * d;
    if (dx && dt) {
      dx[k] = 2 * d;
      dt[k] = -2 * d;
    }
  }
  return finishPointwise(input, b.shape, values, [[xo, dx], [to, dt]], meanDivisor(params.reduction, n));
}

/** Σ (x − t)², and the gradients scaled by `scale` when buffers are given; float64 arrays. */
function fused64(x: FloatArray, t: FloatArray, gx: FloatArray | undefined, gt: FloatArray | undefined, scale: number): number {
  const n = x.length;
  let s = 0;
  if (gx && gt) {
    for (let k = 0; k < n; k++) {
      const d = x[k] - t[k];
      s += d * d;
      const g = scale * d;
      gx[k] = g;
      gt[k] = -g;
    }
  } else {
    for (let k = 0; k < n; k++) {
      const d = x[k] - t[k];
      s += d * d;
    }
  }
  return s;
}

/**
 * fused64 over float32 arrays. A separate copy so each loop keeps type feedback for one array
 * type: one loop fed both is deoptimized each time the dtype alternates ("wrong map").
 */
function fused32(x: FloatArray, t: FloatArray, gx: FloatArray | undefined, gt: FloatArray | undefined, scale: number): number {
  const n = x.length;
  let s = 0;
  if (gx && gt) {
    for (let k = 0; k < n; k++) {
      const d = x[k] - t[k];
      s += d * d;
      const g = scale * d;
      gx[k] = g;
      gt[k] = -g;
    }
  } else {
    for (let k = 0; k < n; k++) {
      const d = x[k] - t[k];
      s += d * d;
    }
  }
  return s;
}

export const mse: LossImpl = {
  module: 'MSELoss',
  promotesIntegerArgs: true,
  compute(input: LossInput): LossResult {
    const { dtype, params, grad } = input;
    if (!isFloat((input.args.input as Tensor).dtype) || !isFloat((input.args.target as Tensor).dtype)) return mseWithInteger(input);
    const pair = broadcastPair(input, 'input', 'target');
    const x = pair.a.data;
    const t = pair.b.data;
    const n = pair.n;
    if (params.reduction === 'none' || pair.aIndex || pair.bIndex) {
      const values = allocFloat(dtype, n);
      const dx = new Float64Array(grad ? n : 0);
      const dt = new Float64Array(grad ? n : 0);
      for (let k = 0; k < n; k++) {
        const d = x[pair.aIndex ? pair.aIndex[k] : k] - t[pair.bIndex ? pair.bIndex[k] : k];
        values[k] = d * d;
        if (grad) {
          dx[k] = 2 * d;
          dt[k] = -2 * d;
        }
      }
      return pair.finish(values, dx, dt);
    }
    // Fused fast path: one pass computes the sum and the gradient without a per-element buffer.
    const scale = params.reduction === 'mean' ? 2 / n : 2;
    const gx = grad ? allocFloat(dtype, n) : undefined;
    const gt = grad ? allocFloat(dtype, n) : undefined;
    const s = accumulated(dtype === 'float32' ? fused32(x, t, gx, gt, scale) : fused64(x, t, gx, gt, scale), dtype);
    const out = allocFloat(dtype, 1);
    out[0] = params.reduction === 'mean' ? s / n : s;
    const result: LossResult = { output: floatTensor([], dtype, out) };
    if (!gx || !gt) return result;
    return { ...result, grad: { input: floatTensor(pair.a.shape, dtype, gx), target: floatTensor(pair.b.shape, dtype, gt) } };
  },
};
