import { torchDtypeName } from '../classTargets';
import { runtimeError, valueError } from '../errors';
import { floatParam, tensorArg, tensorParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { allocFloat, floatTensor, shapeStr, type Tensor } from '../tensor';
import { accumulated } from '../reduction';

/** Torch's multi_margin_loss shape checks: input (C) or (N, C) (or 0-d), target (N); returns [N, C]. */
function checkShapes(x: Tensor, target: Tensor, weight: Tensor | null): [number, number] {
  const xs = x.shape;
  const nd = xs.length;
  if (!((nd === 2 && xs[1] !== 0) || (nd === 1 && xs[0] !== 0) || nd === 0)) {
    runtimeError('input', `MultiMarginLoss: Expected non-empty vector or matrix with optional 0-dim batch size, but got: ${shapeStr(xs)}; input must be (C) or (N, C) with C > 0`);
  }
  const n = nd <= 1 ? 1 : xs[0];
  const c = nd === 0 ? 1 : nd === 1 ? xs[0] : xs[1];
  if (target.shape.length > 1 || target.data.length !== n) {
    runtimeError('target', `multi_margin_loss: target tensor should be 1-D with size equal to the number of input samples (batch size). Expected target size [${n}], but got ${shapeStr(target.shape)}. Input has shape ${shapeStr(xs)}.`);
  }
  if (weight && (weight.shape.length > 1 || weight.data.length !== c)) {
    runtimeError('weight', `MultiMarginLoss: inconsistent weight size, expected ${c} but got ${shapeStr(weight.shape)}; weight needs one entry per class`);
  }
  if (target.dtype !== 'int64') {
    runtimeError('target', `MultiMarginLoss: expected scalar type Long but found ${torchDtypeName(target.dtype)}: target holds class indices and must be int64, got ${target.dtype}`);
  }
  if (weight && weight.dtype !== x.dtype) {
    runtimeError('weight', `MultiMarginLoss: expected scalar type ${torchDtypeName(x.dtype)} but found ${torchDtypeName(weight.dtype)}: weight must have the input's dtype ${x.dtype}, got ${weight.dtype}`);
  }
  return [n, c];
}

export const multiMargin: LossImpl = {
  module: 'MultiMarginLoss',
  checkParams(given) {
    const p = given.p;
    if (typeof p === 'number' && p !== 1 && p !== 2) valueError('p', `MultiMarginLoss: only p == 1 and p == 2 supported, got p=${p}`);
  },
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const p = params.p as number;
    const weight = tensorParam(params, 'weight');
    if (weight && weight.shape.length !== 1) {
      valueError('weight', `MultiMarginLoss: expected weight to be None or 1D tensor, got ${weight.shape.length}D instead (shape ${shapeStr(weight.shape)})`);
    }
    const margin = floatParam(params, 'margin');
    const x = tensorArg(input, 'input');
    const target = tensorArg(input, 'target');
    const [n, c] = checkShapes(x, target, weight);
    const xd = x.data;
    const t = target.data;
    const w = weight ? weight.data : null;
    for (let b = 0; b < n; b++) {
      if (!(t[b] >= 0 && t[b] < c)) runtimeError('target', `MultiMarginLoss: target out of range: class indices must lie in [0, ${c - 1}], got ${t[b]}`);
    }
    const reduction = params.reduction;
    const values = allocFloat(dtype, n);
    const gx = input.grad ? allocFloat(dtype, xd.length) : null;
    // Torch's backward scales by 1/C (and 1/N for mean) before the hinge, so do we.
    const g = reduction === 'mean' ? 1 / (n * c) : 1 / c;
    let total = 0;
    for (let b = 0, off = 0; b < n; b++, off += c) {
      const y = t[b];
      const xy = xd[off + y];
      const wy = w ? w[y] : 1;
      let sum = 0;
      let gy = 0;
      for (let j = 0; j < c; j++) {
        if (j === y) continue;
        const z = margin - xy + xd[off + j];
        // Strictly positive only: exactly at the margin the loss and its gradient are 0.
        if (z > 0) {
          sum += (p === 1 ? z : z * z) * wy;
          if (gx) {
            const h = (p === 1 ? g : 2 * g * z) * wy;
            gy -= h;
            gx[off + j] = h;
          }
        }
      }
      if (gx) gx[off + y] = gy;
      values[b] = sum / c;
      total += sum / c;
    }
    let output: Tensor;
    if (reduction === 'none') {
      output = floatTensor(target.shape, dtype, values);
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
