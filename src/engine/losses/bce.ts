import { runtimeError, valueError } from '../errors';
import { tensorParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { broadcastAll, checkFitsInto, finishPointwise, gradBuffer, meanDivisor } from '../pointwise';
import { allocFloat, sameShape, shapeStr, type Tensor } from '../tensor';

// torch's backward divides by max(x(1 - x), EPSILON) with EPSILON = 1e-12 stored as a float.
const EPSILON = Math.fround(1e-12);

const torchSize = (shape: readonly number[]): string => `torch.Size([${shape.join(', ')}])`;

/** torch.broadcast_shapes(target.shape, weight.shape), with its error for a non-broadcastable weight. */
function checkWeightShape(target: readonly number[], weight: readonly number[]): void {
  const common = new Array<number>(Math.max(target.length, weight.length)).fill(1);
  for (const [argIdx, shape] of [target, weight].entries()) {
    for (let idx = -1; idx >= -shape.length; idx--) {
      const c = common.length + idx;
      const s = shape[shape.length + idx];
      if (common[c] === 1) common[c] = s;
      else if (s !== 1 && s !== common[c]) {
        runtimeError(
          'weight',
          `Attempting to broadcast a dimension of length ${s} at ${idx}! Mismatching argument at index ${argIdx} ` +
            `had ${torchSize(shape)}; but expected shape should be broadcastable to [${common.join(', ')}]: ` +
            `weight must broadcast to target's shape ${shapeStr(target)}, got ${shapeStr(weight)}`,
        );
      }
    }
  }
}

export const bce: LossImpl = {
  module: 'BCELoss',
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const xt = input.args.input as Tensor;
    const tt = input.args.target as Tensor;
    const wt = tensorParam(params, 'weight');
    if (!sameShape(xt.shape, tt.shape)) {
      valueError(
        'target',
        `Using a target size (${torchSize(tt.shape)}) that is different to the input size (${torchSize(xt.shape)}) ` +
          `is deprecated. Please ensure they have the same size.`,
      );
    }
    if (wt) checkWeightShape(tt.shape, wt.shape);
    const x = xt.data;
    const t = tt.data;
    // The kernel checks each element, input before target; nan fails both checks.
    for (let k = 0; k < x.length; k++) {
      if (!(x[k] >= 0 && x[k] <= 1)) {
        runtimeError('input', `all elements of input should be between 0 and 1; got input.data[${k}] = ${x[k]}`);
      }
      if (!(t[k] >= 0 && t[k] <= 1)) {
        runtimeError('target', `all elements of target should be between 0 and 1; got target.data[${k}] = ${t[k]}`);
      }
    }
    if (wt) checkFitsInto('input', xt.shape, 'weight', wt.shape);
    const b = broadcastAll(wt ? [['input', xt], ['target', tt], ['weight', wt]] : [['input', xt], ['target', tt]], input.meter);
    const w = b.operands[2]?.data;
    const wi = b.operands[2]?.index;
    const n = b.n;
    const values = allocFloat(dtype, n);
    const dx = gradBuffer(input, n);
    const dt = gradBuffer(input, n);
    for (let k = 0; k < n; k++) {
      const xv = x[k];
      const tv = t[k];
      const wv = w ? w[wi ? wi[k] : k] : 1;
      // PyTorch clamps log(x) and log1p(-x) at -100 so that saturated probabilities stay finite.
      const logX = Math.max(Math.log(xv), -100);
      const log1mX = Math.max(Math.log1p(-xv), -100);
      values[k] = ((tv - 1) * log1mX - tv * logX) * wv;
      if (dx && dt) {
        dx[k] = ((xv - tv) / Math.max((1 - xv) * xv, EPSILON)) * wv;
        // The target gradient is -logit(x), unclamped: ±inf at x ∈ {0, 1}.
        dt[k] = -Math.log(xv / (1 - xv)) * wv;
      }
    }
    const [xo, to] = b.operands;
    return finishPointwise(input, b.shape, values, [[xo, dx], [to, dt]], meanDivisor(params.reduction, n));
  },
};
