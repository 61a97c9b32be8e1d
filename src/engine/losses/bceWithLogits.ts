import { valueError } from '../errors';
import { tensorParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { broadcastAll, checkFitsInto, finishPointwise, gradBuffer, meanDivisor } from '../pointwise';
import { allocFloat, floatTensor, sameShape, type FloatArray, type Tensor } from '../tensor';

const torchSize = (t: Tensor): string => `torch.Size([${t.shape.join(', ')}])`;

/**
 * The common case (no weight, no pos_weight) in one pass: one exp and one log1p per element,
 * the sum accumulated in float64, no per-element buffer beyond the outputs themselves.
 */
function fused(input: LossInput, x: FloatArray, t: FloatArray, shape: readonly number[]): LossResult {
  const { dtype, params } = input;
  const n = x.length;
  const none = params.reduction === 'none';
  const scale = params.reduction === 'mean' ? 1 / n : 1;
  const values = none ? allocFloat(dtype, n) : undefined;
  const gx = input.grad ? allocFloat(dtype, n) : undefined;
  const gt = input.grad ? allocFloat(dtype, n) : undefined;
  let s = 0;
  for (let k = 0; k < n; k++) {
    const xv = x[k];
    const tv = t[k];
    const e = Math.exp(-Math.abs(xv));
    // torch: (1 - t)·x − log σ(x), with log σ(x) = min(x, 0) − log1p(exp(−|x|)).
    const loss = (1 - tv) * xv - ((xv < 0 ? xv : 0) - Math.log1p(e));
    if (values) values[k] = loss;
    else s += loss;
    if (gx && gt) {
      const inv = 1 / (1 + e);
      gx[k] = ((xv >= 0 ? inv : e * inv) - tv) * scale;
      gt[k] = -xv * scale;
    }
  }
  let output: Tensor;
  if (values) output = floatTensor(shape, dtype, values);
  else {
    const out = allocFloat(dtype, 1);
    out[0] = params.reduction === 'mean' ? s / n : s;
    output = floatTensor([], dtype, out);
  }
  if (!gx || !gt) return { output };
  return { output, grad: { input: floatTensor(shape, dtype, gx), target: floatTensor(shape, dtype, gt) } };
}

export const bceWithLogits: LossImpl = {
  module: 'BCEWithLogitsLoss',
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const xt = input.args.input as Tensor;
    const tt = input.args.target as Tensor;
    if (!sameShape(xt.shape, tt.shape)) {
      valueError('target', `Target size (${torchSize(tt)}) must be the same as input size (${torchSize(xt)})`);
    }
    const wt = tensorParam(params, 'weight');
    const pt = tensorParam(params, 'pos_weight');
    // torch computes the loss in a buffer shaped like input, so weights may only broadcast into it.
    if (pt) checkFitsInto('input', xt.shape, 'pos_weight', pt.shape);
    if (wt) checkFitsInto('input', xt.shape, 'weight', wt.shape);
    if (!wt && !pt) return fused(input, xt.data, tt.data, xt.shape);
    const b = broadcastAll([['input', xt], ['target', tt], ['weight', wt ?? xt], ['pos_weight', pt ?? xt]]);
    const [xo, to, wo, po] = b.operands;
    const [x, t, w, p] = [xt.data, tt.data, wo.data, po.data];
    const [wi, pi] = [wo.index, po.index];
    const n = b.n;
    const values = allocFloat(dtype, n);
    const dx = gradBuffer(input, n);
    const dt = gradBuffer(input, n);
    for (let k = 0; k < n; k++) {
      const xv = x[k];
      const tv = t[k];
      const wv = wt ? w[wi ? wi[k] : k] : 1;
      const e = Math.exp(-Math.abs(xv));
      const l = Math.log1p(e);
      const logSig = (xv < 0 ? xv : 0) - l;
      const inv = 1 / (1 + e);
      const sig = xv >= 0 ? inv : e * inv;
      if (pt) {
        const pv = p[pi ? pi[k] : k];
        values[k] = ((1 - tv) * xv - ((pv - 1) * tv + 1) * logSig) * wv;
        if (dx && dt) {
          const pw = pv * tv;
          dx[k] = ((pw + 1 - tv) * sig - pw) * wv;
          // d/dt = log σ(−x) − pos_weight · log σ(x)
          dt[k] = ((-xv < 0 ? -xv : 0) - l - pv * logSig) * wv;
        }
      } else {
        values[k] = ((1 - tv) * xv - logSig) * wv;
        if (dx && dt) {
          dx[k] = (sig - tv) * wv;
          dt[k] = -xv * wv;
        }
      }
    }
    return finishPointwise(input, b.shape, values, [[xo, dx], [to, dt]], meanDivisor(params.reduction, n));
  },
};
