import { runtimeError } from '../errors';
import { floatParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { broadcastAll, finishPointwise, gradBuffer, meanDivisor } from '../pointwise';
import { allocFloat, type Tensor } from '../tensor';

const torchSize = (t: Tensor): string => `torch.Size([${t.shape.join(', ')}])`;

export const marginRanking: LossImpl = {
  module: 'MarginRankingLoss',
  promotesIntegerArgs: true,
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const a = input.args.input1 as Tensor;
    const c = input.args.input2 as Tensor;
    const y = input.args.target as Tensor;
    if (a.shape.length !== c.shape.length || a.shape.length !== y.shape.length) {
      runtimeError(
        a.shape.length !== c.shape.length ? 'input2' : 'target',
        `margin_ranking_loss : All input tensors should have same dimension but got sizes: ` +
          `input1: ${torchSize(a)}, input2: ${torchSize(c)}, target: ${torchSize(y)}; ` +
          `expected input1, input2 and target to have the same number of dims`,
      );
    }
    const margin = floatParam(params, 'margin');
    const b = broadcastAll([
      ['input1', a],
      ['input2', c],
      ['target', y],
    ], input.meter);
    const [o1, o2, ot] = b.operands;
    const [x1, x2, t] = [o1.data, o2.data, ot.data];
    const [i1, i2, it] = [o1.index, o2.index, ot.index];
    const n = b.n;
    const values = allocFloat(dtype, n);
    const d1 = gradBuffer(input, n);
    const d2 = gradBuffer(input, n);
    const dt = gradBuffer(input, n);
    for (let k = 0; k < n; k++) {
      const diff = x1[i1 ? i1[k] : k] - x2[i2 ? i2[k] : k];
      const tv = t[it ? it[k] : k];
      const v = -tv * diff + margin;
      // clamp_min keeps nan, and its backward passes the gradient where v >= 0 (the boundary included).
      values[k] = v < 0 ? 0 : v;
      if (d1 && d2 && dt) {
        const g = v >= 0 ? 1 : 0;
        d1[k] = -tv * g;
        d2[k] = tv * g;
        dt[k] = -(g * diff);
      }
    }
    return finishPointwise(input, b.shape, values, [[o1, d1], [o2, d2], [ot, dt]], meanDivisor(params.reduction, n));
  },
};
