import { floatParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { broadcastAll, finishPointwise, gradBuffer, meanDivisor, rejectIntegral } from '../pointwise';
import { allocFloat, type Tensor } from '../tensor';

export const hingeEmbedding: LossImpl = {
  module: 'HingeEmbeddingLoss',
  promotesIntegerArgs: true,
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const margin = floatParam(params, 'margin');
    // An integer target is promoted; an integer input leaves the loss without a float dtype.
    rejectIntegral('input', input.args.input, 'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype');
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
    // float32 cases round margin − x to float32 first, as torch does, before the two terms add.
    const r = dtype === 'float32' ? Math.fround : (v: number): number => v;
    for (let k = 0; k < n; k++) {
      const xv = x[xi ? xi[k] : k];
      const tv = t[ti ? ti[k] : k];
      // torch adds where(t != 1, clamp_min(margin - x, 0), 0) and where(t != -1, x, 0), so a
      // target that is neither 1 nor -1 gets both terms.
      const m = r(margin - xv);
      let loss = 0;
      let g = 0;
      if (tv !== 1) {
        loss += m < 0 ? 0 : m;
        g -= m >= 0 ? 1 : 0;
      }
      if (tv !== -1) {
        loss += xv;
        g += 1;
      }
      values[k] = r(loss);
      if (dx) dx[k] = g;
    }
    return finishPointwise(input, b.shape, values, [[xo, dx]], meanDivisor(params.reduction, n));
  },
};
