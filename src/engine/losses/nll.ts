import { classOutput, classScale, resolveClassTargets } from '../classTargets';
import { tensorArg, tensorParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { runtimeError } from '../errors';
import { allocFloat, floatTensor, shapeStr } from '../tensor';

export const nll: LossImpl = {
  module: 'NLLLoss',
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const x = tensorArg(input, 'input');
    const ct = resolveClassTargets('NLLLoss', x, tensorArg(input, 'target'), tensorParam(params, 'weight'), params.ignore_index as number);
    if (input.grad && x.shape.length === 1 && ct.outShape.length === 0 && tensorArg(input, 'target').shape.length === 1 && x.shape[0] !== 1) {
      // torch's forward accepts a (1) target for a (C) input, but nll_loss_backward then rejects it.
      runtimeError('target', `NLLLoss: size mismatch (got input: ${shapeStr(x.shape)}, target: [1]) in the backward pass: give a 0-d target for a (C) input`);
    }
    const { n, c, inner, target, weight, ignoreIndex } = ct;
    const xd = x.data;
    const none = params.reduction === 'none';
    const values = none ? allocFloat(dtype, n * inner) : null;
    const scale = classScale(ct, params.reduction);
    const gx = input.grad ? allocFloat(dtype, xd.length) : null;
    let total = 0;
    for (let b = 0; b < n; b++) {
      for (let i = 0; i < inner; i++) {
        const k = b * inner + i;
        const y = target[k];
        if (y === ignoreIndex) continue;
        const w = weight ? weight[y] : 1;
        const at = (b * c + y) * inner + i;
        // -x·w, not -(x·w) reordered: torch multiplies in this order, and w = 0 with x = ±inf must give nan.
        const v = -xd[at] * w;
        total += v;
        if (values) values[k] = v;
        if (gx) gx[at] = -w * scale;
      }
    }
    const output = classOutput(ct, params.reduction, dtype, values, params.reduction === 'mean' ? total / ct.weightSum : total);
    return gx ? { output, grad: { input: floatTensor(x.shape, dtype, gx) } } : { output };
  },
};
