import { boolParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { broadcastAll, finishPointwise, gradBuffer, nanGradWhere, rejectIntegral } from '../pointwise';
import { xlogy } from '../stable';
import { allocFloat, type Tensor } from '../tensor';

/**
 * What the summed loss is divided by: numel for 'mean'; input.size(0) for 'batchmean'
 * (input's own first dim, even when target broadcasts it), and nothing for 0-d input.
 */
function divisor(input: LossInput, n: number): number {
  const x = input.args.input as Tensor;
  switch (input.params.reduction) {
    case 'mean':
      return n;
    case 'batchmean':
      return x.shape.length === 0 ? 1 : x.shape[0];
    default:
      return 1;
  }
}

export const klDiv: LossImpl = {
  module: 'KLDivLoss',
  // Declared so that integer tensors reach compute() and get kl_div's own error.
  promotesIntegerArgs: true,
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const logTarget = boolParam(params, 'log_target');
    rejectIntegral('input', input.args.input, 'kl_div: Integral inputs not supported.');
    rejectIntegral('target', input.args.target, 'kl_div: Integral inputs not supported.');
    const b = broadcastAll([
      ['input', input.args.input as Tensor],
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
      if (logTarget) {
        // Rounded to float32 so that exp overflows to inf where torch's float32 exp does.
        const e = f32 ? Math.fround(Math.exp(tv)) : Math.exp(tv);
        const l = e * (tv - xv);
        values[k] = l;
        if (dx && dt) {
          dx[k] = -e;
          dt[k] = l + e;
        }
        continue;
      }
      // xlogy(t, t) is 0 at t == 0, but its gradient t/t is 0/0 there: torch gives nan.
      const logT = Math.log(tv);
      values[k] = xlogy(tv, tv) - tv * xv;
      if (dx && dt) {
        dx[k] = -tv;
        dt[k] = (tv === 0 ? 0 : logT) + tv / tv - xv;
      }
    }
    const result = finishPointwise(input, b.shape, values, [[xo, dx], [to, dt]], divisor(input, n));
    return logTarget ? result : nanGradWhere(result, 'target', to.tensor, (v) => v === 0 || Number.isNaN(v));
  },
};
