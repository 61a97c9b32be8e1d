import { boolParam, floatParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { broadcastAll, finishPointwise, gradBuffer, meanDivisor, nanGradWhere } from '../pointwise';
import { allocFloat, type Tensor } from '../tensor';

const TWO_PI = 2 * Math.PI;

export const poissonNll: LossImpl = {
  module: 'PoissonNLLLoss',
  promotesIntegerArgs: true,
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const logInput = boolParam(params, 'log_input');
    const full = boolParam(params, 'full');
    const eps = floatParam(params, 'eps');
    const b = broadcastAll([
      ['log_input', input.args.log_input as Tensor],
      ['target', input.args.target as Tensor],
    ], input.meter);
    const [xo, to] = b.operands;
    const x = xo.data;
    const t = to.data;
    const xi = xo.index;
    const ti = to.index;
    const n = b.n;
    const f32 = dtype === 'float32';
    const values = allocFloat(dtype, n);
    const dx = gradBuffer(input, n);
    const dt = gradBuffer(input, n);
    for (let k = 0; k < n; k++) {
      const xv = x[xi ? xi[k] : k];
      const tv = t[ti ? ti[k] : k];
      let loss: number;
      let gx: number;
      let gt: number;
      if (logInput) {
        // Rounded to float32 so that exp overflows to inf where torch's float32 exp does.
        const e = f32 ? Math.fround(Math.exp(xv)) : Math.exp(xv);
        loss = e - tv * xv;
        gx = e - tv;
        gt = -xv;
      } else {
        const l = Math.log(xv + eps);
        loss = xv - tv * l;
        gx = 1 - tv / (xv + eps);
        gt = -l;
      }
      if (full) {
        // torch computes the Stirling term everywhere and masks it where target <= 1, so the
        // loss jumps at 1 and the masked term still sends 0·log(0) = nan back at target <= 0.
        if (tv <= 1) {
          if (!(tv > 0)) gt = NaN;
        } else {
          loss += tv * Math.log(tv) - tv + 0.5 * Math.log(TWO_PI * tv);
          gt += Math.log(tv) + tv / tv - 1 + 0.5 / tv;
        }
      }
      values[k] = loss;
      if (dx && dt) {
        dx[k] = gx;
        dt[k] = gt;
      }
    }
    const result = finishPointwise(input, b.shape, values, [[xo, dx], [to, dt]], meanDivisor(params.reduction, n));
    return full ? nanGradWhere(result, 'target', to.tensor, (v) => !(v > 0) || v === Infinity) : result;
  },
};
