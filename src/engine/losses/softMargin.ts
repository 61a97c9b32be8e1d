import type { LossImpl, LossInput, LossResult } from '../loss';
import { broadcastAll, checkFitsInto, finishPointwise, gradBuffer, meanDivisor, rejectIntegral } from '../pointwise';
import { allocFloat, type Tensor } from '../tensor';

export const softMargin: LossImpl = {
  module: 'SoftMarginLoss',
  promotesIntegerArgs: true,
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const xt = input.args.input as Tensor;
    const tt = input.args.target as Tensor;
    // An integer target is promoted; an integer input cannot hold the float loss torch writes into it.
    rejectIntegral('input', xt, "result type Float can't be cast to the desired output type Long");
    // torch writes the loss into a buffer shaped like input, so only target may broadcast.
    checkFitsInto('input', xt.shape, 'target', tt.shape);
    const b = broadcastAll([
      ['input', xt],
      ['target', tt],
    ], input.meter);
    const [xo, to] = b.operands;
    const x = xo.data;
    const t = to.data;
    const ti = to.index;
    const n = b.n;
    const values = allocFloat(dtype, n);
    const dx = gradBuffer(input, n);
    // torch evaluates log1p(exp(-x·y)) without a stable softplus: exp overflows to inf at
    // -x·y > ~709.78 (float64) or > ~88.72 (float32), giving an inf loss and a nan gradient.
    // Rounding the product and the exponential to float32 reproduces where float32 overflows.
    const f32 = dtype === 'float32';
    for (let k = 0; k < n; k++) {
      const y = t[ti ? ti[k] : k];
      const p = -x[k] * y;
      const z = f32 ? Math.fround(Math.exp(Math.fround(p))) : Math.exp(p);
      values[k] = Math.log1p(z);
      if (dx) dx[k] = (-y * z) / (1 + z);
    }
    return finishPointwise(input, b.shape, values, [[xo, dx]], meanDivisor(params.reduction, n));
  },
};
