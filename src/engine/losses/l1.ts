import type { LossImpl, LossInput, LossResult } from '../loss';
import { broadcastAll, finishPointwise, gradBuffer, meanDivisor, rejectIntegral } from '../pointwise';
import { allocFloat, isFloat, type Tensor } from '../tensor';

/** |x − t| with torch's sign convention for the gradient: sign(0) = 0 and sign(nan) = 0. */
export function l1Values(input: LossInput): LossResult {
  const { dtype, params } = input;
  // torch promotes an integer input or target, but with both integer its mean() has no float dtype.
  if (!isFloat((input.args.input as Tensor).dtype)) {
    rejectIntegral('target', input.args.target, 'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype');
  }
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
  const values = allocFloat(dtype, n);
  const dx = gradBuffer(input, n);
  const dt = gradBuffer(input, n);
  for (let k = 0; k < n; k++) {
    const d = x[xi ? xi[k] : k] - t[ti ? ti[k] : k];
    values[k] = Math.abs(d);
    if (dx && dt) {
      const s = d > 0 ? 1 : d < 0 ? -1 : 0;
      dx[k] = s;
      dt[k] = -s;
    }
  }
  return finishPointwise(input, b.shape, values, [[xo, dx], [to, dt]], meanDivisor(params.reduction, n));
}

export const l1: LossImpl = {
  module: 'L1Loss',
  promotesIntegerArgs: true,
  compute: l1Values,
};
