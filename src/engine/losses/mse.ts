import { broadcastPair } from '../broadcast';
import type { LossImpl, LossInput, LossResult } from '../loss';
import { allocFloat, floatTensor, type FloatArray } from '../tensor';

export const mse: LossImpl = {
  module: 'MSELoss',
  compute(input: LossInput): LossResult {
    const { dtype, params, grad } = input;
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
    let s = 0;
    let gx: FloatArray | undefined;
    let gt: FloatArray | undefined;
    if (grad) {
      gx = allocFloat(dtype, n);
      gt = allocFloat(dtype, n);
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
    const out = allocFloat(dtype, 1);
    out[0] = params.reduction === 'mean' ? s / n : s;
    const result: LossResult = { output: floatTensor([], dtype, out) };
    if (!gx || !gt) return result;
    return { ...result, grad: { input: floatTensor(pair.a.shape, dtype, gx), target: floatTensor(pair.b.shape, dtype, gt) } };
  },
};
