import { broadcastOrThrow } from '../broadcast';
import { indexError, LossError, runtimeError } from '../errors';
import { tensorArg, tensorParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { allocFloat, broadcastIndex, floatTensor, isFloat, numel, sumToShape, type Tensor } from '../tensor';
import { accumulated } from '../reduction';

/**
 * torch.nn.functional.multilabel_soft_margin_loss, written in Python as
 * `(-(t·logσ(x) + (1-t)·logσ(-x)) · weight).sum(dim=input.dim()-1) / input.size(-1)`:
 * input, target and weight broadcast together, and the class axis is counted on the input.
 */
export const multiLabelSoftMargin: LossImpl = {
  module: 'MultiLabelSoftMarginLoss',
  // An integer target is promoted (and gets no gradient); an integer input has no log_sigmoid.
  promotesIntegerArgs: true,
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const x = tensorArg(input, 'input');
    const target = tensorArg(input, 'target');
    if (!isFloat(x.dtype)) {
      runtimeError('input', `MultiLabelSoftMarginLoss: "log_sigmoid_cpu" not implemented for '${x.dtype === 'int64' ? 'Long' : 'Int'}': input must be a floating-point tensor, got ${x.dtype}`);
    }
    const weight = tensorParam(params, 'weight');
    // torch's message for `target * logsigmoid(input)` (a = target), but the target is to blame.
    let shape = blame('target', () => broadcastOrThrow('target', target.shape, 'input', x.shape));
    if (weight) shape = broadcastOrThrow('loss', shape, 'weight', weight.shape);
    if (x.shape.length === 0) {
      indexError('input', 'MultiLabelSoftMarginLoss: Dimension specified as -1 but tensor has no dimensions: input needs a class dimension, (C) or (N, C), got a 0-d tensor');
    }
    const n = numel(shape);
    const xi = broadcastIndex(x.shape, shape, input.meter);
    const ti = broadcastIndex(target.shape, shape, input.meter);
    const wi = weight ? broadcastIndex(weight.shape, shape, input.meter) : undefined;
    const axis = x.shape.length - 1;
    const c = x.shape[axis];
    const len = shape[axis];
    let after = 1;
    for (let k = axis + 1; k < shape.length; k++) after *= shape[k];
    const outShape = shape.filter((_, k) => k !== axis);
    const rows = numel(outShape);
    const sums = new Float64Array(rows);
    const grad = input.grad;
    const dx = grad ? new Float64Array(n) : null;
    const dt = grad ? new Float64Array(n) : null;
    const xd = x.data;
    const td = target.data;
    const wd = weight?.data;
    const reduction = params.reduction;
    // d(output)/d(row sum): 1/C, and 1/rows more for 'mean'.
    const g = (reduction === 'mean' ? 1 / rows : 1) / c;
    for (let k = 0; k < n; k++) {
      const xv = xd[xi ? xi[k] : k];
      const tv = td[ti ? ti[k] : k];
      const wv = wd ? wd[wi ? wi[k] : k] : 1;
      // Both log-sigmoids share z = exp(-|x|), as torch's kernel evaluates them.
      const z = Math.exp(-Math.abs(xv));
      const l1p = Math.log1p(z);
      const lsPos = (xv < 0 ? xv : 0) - l1p;
      const lsNeg = (xv > 0 ? -xv : 0) - l1p;
      const row = Math.floor(k / (len * after)) * after + (k % after);
      sums[row] += -(tv * lsPos + (1 - tv) * lsNeg) * wv;
      if (dx && dt) {
        const gw = g * wv;
        const dPos = xv < 0 ? 1 - z / (1 + z) : z / (1 + z); // d logσ(x)/dx
        const dNeg = -xv < 0 ? 1 - z / (1 + z) : z / (1 + z); // d logσ(-x)/d(-x)
        dx[k] = gw * (-tv * dPos + (1 - tv) * dNeg);
        dt[k] = gw * (lsNeg - lsPos);
      }
    }
    const values = allocFloat(dtype, rows);
    let total = 0;
    for (let r = 0; r < rows; r++) {
      values[r] = sums[r] / c;
      total += sums[r] / c;
    }
    let output: Tensor;
    if (reduction === 'none') {
      output = floatTensor(outShape, dtype, values);
    } else {
      const out = allocFloat(dtype, 1);
      out[0] = accumulated(total, dtype) / (reduction === 'mean' ? rows : 1);
      output = floatTensor([], dtype, out);
    }
    if (!dx || !dt) return { output };
    return {
      output,
      grad: {
        input: floatTensor(x.shape, dtype, sumToShape(dx, xi, x.data.length, dtype)),
        ...(isFloat(target.dtype) ? { target: floatTensor(target.shape, dtype, sumToShape(dt, ti, target.data.length, dtype)) } : {}),
      },
    };
  },
};

function blame(argument: string, fn: () => number[]): number[] {
  try {
    return fn();
  } catch (e) {
    throw e instanceof LossError ? new LossError(e.type, argument, e.message) : e;
  }
}
