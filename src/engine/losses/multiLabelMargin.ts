import { torchDtypeName } from '../classTargets';
import { checkWork } from '../budget';
import { runtimeError } from '../errors';
import { tensorArg, type LossImpl, type LossInput, type LossResult } from '../loss';
import { allocFloat, floatTensor, shapeStr, type Tensor } from '../tensor';
import { accumulated } from '../reduction';

/** Torch's multilabel_margin_loss shape checks: input (C) or (N, C) (or 0-d), target shaped alike. */
function checkShapes(x: Tensor, target: Tensor): [number, number] {
  const xs = x.shape;
  const ts = target.shape;
  const nd = xs.length;
  if (!((nd === 2 && xs[1] !== 0) || (nd === 1 && xs[0] !== 0) || nd === 0)) {
    runtimeError('input', `MultiLabelMarginLoss: Expected non-empty vector or matrix with optional 0-dim batch size, but got: ${shapeStr(xs)}; input must be (C) or (N, C) with C > 0`);
  }
  const n = nd <= 1 ? 1 : xs[0];
  const c = nd === 0 ? 1 : nd === 1 ? xs[0] : xs[1];
  const ok = nd <= 1 ? ts.length <= 1 && target.data.length === c : ts.length === 2 && ts[0] === n && ts[1] === c;
  if (!ok) {
    runtimeError('target', `MultiLabelMarginLoss: inconsistent target size: ${shapeStr(ts)} for input of size: ${shapeStr(xs)}; target must have the input's shape`);
  }
  if (target.dtype !== 'int64') {
    runtimeError('target', `MultiLabelMarginLoss: expected scalar type Long but found ${torchDtypeName(target.dtype)}: target holds class indices padded with -1 and must be int64, got ${target.dtype}`);
  }
  for (let k = 0; k < target.data.length; k++) {
    const y = target.data[k];
    if (!(y >= -1 && y < c)) {
      runtimeError('target', `MultiLabelMarginLoss: argument #2 'target' is out of range: labels must lie in [0, ${c - 1}] or be -1 (end of labels), got ${y}`);
    }
  }
  return [n, c];
}

export const multiLabelMargin: LossImpl = {
  module: 'MultiLabelMarginLoss',
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const x = tensorArg(input, 'input');
    const target = tensorArg(input, 'target');
    const [n, c] = checkShapes(x, target);
    // Each label of a row is compared with every class: up to N·C² hinge terms.
    checkWork(input.meter, 'lattice', n * c * c, 'the label × class pairs N·C²');
    const xd = x.data;
    const t = target.data;
    const reduction = params.reduction;
    const values = allocFloat(dtype, n);
    const gx = input.grad ? allocFloat(dtype, xd.length) : null;
    const g = reduction === 'mean' ? 1 / (n * c) : 1 / c;
    const isTarget = new Uint8Array(c);
    let total = 0;
    for (let b = 0, off = 0; b < n; b++, off += c) {
      // Labels are read up to the first -1; a label listed twice counts twice, but only once as "a target".
      isTarget.fill(0);
      let len = 0;
      while (len < c && t[off + len] >= 0) isTarget[t[off + len++]] = 1;
      let sum = 0;
      for (let k = 0; k < len; k++) {
        const y = t[off + k];
        const xy = xd[off + y];
        for (let j = 0; j < c; j++) {
          if (isTarget[j]) continue;
          const z = 1 - xy + xd[off + j];
          // Strictly positive only: at the margin itself torch gives no gradient.
          if (z > 0) {
            sum += z;
            if (gx) {
              gx[off + y] -= g;
              gx[off + j] += g;
            }
          }
        }
      }
      values[b] = sum / c;
      total += sum / c;
    }
    let output: Tensor;
    if (reduction === 'none') {
      output = floatTensor(x.shape.length === 2 ? [n] : [], dtype, values);
    } else {
      const out = allocFloat(dtype, 1);
      // torch leaves the output of an empty batch uninitialised (any number, for 'sum' too):
      // its 'mean' is nan here, as every other loss's mean over no elements, and its 'sum' 0.
      out[0] = accumulated(total, dtype) / (reduction === 'mean' ? n : 1);
      output = floatTensor([], dtype, out);
    }
    return gx ? { output, grad: { input: floatTensor(x.shape, dtype, gx) } } : { output };
  },
};
