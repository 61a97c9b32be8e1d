import { runtimeError } from '../errors';
import { floatParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { broadcastAll, finishPointwise, gradBuffer, meanDivisor } from '../pointwise';
import { allocFloat, type Tensor } from '../tensor';

export const huber: LossImpl = {
  module: 'HuberLoss',
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const b = broadcastAll([
      ['input', input.args.input as Tensor],
      ['target', input.args.target as Tensor],
    ], input.meter);
    const delta = floatParam(params, 'delta');
    // Written as !(delta > 0) so that a nan delta is rejected too, as torch's check does.
    if (!(delta > 0)) {
      runtimeError('delta', `huber_loss does not support non-positive values for delta. Expected delta > 0, got ${delta}`);
    }
    const [xo, to] = b.operands;
    const x = xo.data;
    const t = to.data;
    const xi = xo.index;
    const ti = to.index;
    const n = b.n;
    const values = allocFloat(dtype, n);
    const dx = gradBuffer(input, n);
    const dt = gradBuffer(input, n);
    const halfDelta = 0.5 * delta;
    for (let k = 0; k < n; k++) {
      const d = x[xi ? xi[k] : k] - t[ti ? ti[k] : k];
      const z = Math.abs(d);
      values[k] = z < delta ? 0.5 * z * z : delta * (z - halfDelta);
      if (dx && dt) {
        // torch's backward: the linear branches include the threshold, where both agree anyway.
        const g = d <= -delta ? -delta : d >= delta ? delta : d;
        dx[k] = g;
        dt[k] = -g;
      }
    }
    return finishPointwise(input, b.shape, values, [[xo, dx], [to, dt]], meanDivisor(params.reduction, n));
  },
};
