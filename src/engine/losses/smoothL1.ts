import { runtimeError } from '../errors';
import { floatParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { broadcastAll, finishPointwise, gradBuffer, meanDivisor, rejectIntegral } from '../pointwise';
import { allocFloat, isFloat, type Tensor } from '../tensor';
import { l1Values } from './l1';

export const smoothL1: LossImpl = {
  module: 'SmoothL1Loss',
  promotesIntegerArgs: true,
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const beta = floatParam(params, 'beta');
    // F.smooth_l1_loss hands beta == 0 to l1_loss, whose gradient at a tie is 0.
    if (beta === 0) return l1Values(input);
    const b = broadcastAll([
      ['input', input.args.input as Tensor],
      ['target', input.args.target as Tensor],
    ], input.meter);
    if (!(beta >= 0)) {
      runtimeError('beta', `smooth_l1_loss does not support negative values for beta. Expected beta >= 0, got ${beta}`);
    }
    if (!isFloat((input.args.input as Tensor).dtype)) {
      rejectIntegral('target', input.args.target, `"smooth_l1_cpu" not implemented for 'Long'`);
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
    const halfBeta = 0.5 * beta;
    for (let k = 0; k < n; k++) {
      const d = x[xi ? xi[k] : k] - t[ti ? ti[k] : k];
      const z = Math.abs(d);
      values[k] = z < beta ? (0.5 * z * z) / beta : z - halfBeta;
      if (dx && dt) {
        const g = d <= -beta ? -1 : d >= beta ? 1 : d / beta;
        dx[k] = g;
        dt[k] = -g;
      }
    }
    return finishPointwise(input, b.shape, values, [[xo, dx], [to, dt]], meanDivisor(params.reduction, n));
  },
};
