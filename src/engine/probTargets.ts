import { torchDtypeName } from './classTargets';
import { indexError, runtimeError } from './errors';
import type { LossInput, LossResult } from './loss';
import { allocFloat, floatTensor, isFloat, shapeStr, type Tensor } from './tensor';

/**
 * CrossEntropyLoss with class probabilities (target shaped like input):
 * loss = -Σ_j w[j]·t'[j]·log_softmax(x)[j] with t' = (1-ε)·t + ε/C. 'mean' divides by the
 * number of rows N·d1·…·dK, never by the weights, and the target is differentiated too.
 */
export function crossEntropyProbTargets(input: LossInput, x: Tensor, target: Tensor, weight: Tensor | null, ls: number): LossResult {
  const { dtype, params } = input;
  const xs = x.shape;
  if (!isFloat(target.dtype)) {
    runtimeError('target', `CrossEntropyLoss: Expected floating point type for target with class probabilities, got ${torchDtypeName(target.dtype)}: a target shaped like input ${shapeStr(xs)} holds probabilities; class indices need shape ${shapeStr(xs.length > 1 ? [xs[0], ...xs.slice(2)] : [])}`);
  }
  const ignoreIndex = params.ignore_index as number;
  if (ignoreIndex >= 0) {
    runtimeError('ignore_index', `CrossEntropyLoss: ignore_index is not supported for floating point target (class probabilities), got ignore_index=${ignoreIndex}`);
  }
  if (xs.length === 0) {
    indexError('input', 'CrossEntropyLoss: Dimension specified as 1 but tensor has no dimensions: input must have a class dimension, (C), (N, C) or (N, C, d1, ...), got a 0-d tensor');
  }
  const c = xs.length === 1 ? xs[0] : xs[1];
  if (weight && (weight.shape.length !== 1 || weight.shape[0] !== c)) {
    runtimeError('weight', `cross_entropy: weight tensor should be defined either for all ${c} classes or no classes but got weight tensor of shape: ${shapeStr(weight.shape)}`);
  }
  const eps = ls > 0 ? ls : 0;
  if (eps > 1) runtimeError('label_smoothing', `CrossEntropyLoss: label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
  const n = xs.length === 1 ? 1 : xs[0];
  let inner = 1;
  for (let k = 2; k < xs.length; k++) inner *= xs[k];
  const xd = x.data;
  const td = target.data;
  const w = weight ? weight.data : null;
  const reduction = params.reduction;
  const rows = n * inner;
  const scale = reduction === 'mean' ? 1 / rows : 1;
  const keep = eps > 0 ? 1 - eps : 1;
  const add = eps / c;
  const values = reduction === 'none' ? allocFloat(dtype, rows) : null;
  const gx = input.grad ? allocFloat(dtype, xd.length) : null;
  const gt = input.grad ? allocFloat(dtype, td.length) : null;
  let total = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < inner; i++) {
      const base = b * c * inner + i;
      const end = base + c * inner;
      let m = -Infinity;
      for (let k = base; k < end; k += inner) if (xd[k] > m) m = xd[k];
      let s = 0;
      let q = 0; // Σ w[j]·t'[j]
      for (let k = base, j = 0; k < end; k += inner, j++) {
        const e = Math.exp(xd[k] - m);
        if (gx) gx[k] = e;
        s += e;
        q += (eps > 0 ? td[k] * keep + add : td[k]) * (w ? w[j] : 1);
      }
      const logS = Math.log(s);
      const r = (scale * q) / s;
      let loss = 0;
      for (let k = base, j = 0; k < end; k += inner, j++) {
        const logp = xd[k] - m - logS;
        const wj = w ? w[j] : 1;
        const tj = eps > 0 ? td[k] * keep + add : td[k];
        loss -= logp * tj * wj;
        if (gx) gx[k] = gx[k] * r - scale * tj * wj;
        if (gt) gt[k] = -scale * logp * wj * keep;
      }
      total += loss;
      if (values) values[b * inner + i] = loss;
    }
  }
  const shape = xs.length === 1 ? [] : [xs[0], ...xs.slice(2)];
  let output: Tensor;
  if (values) {
    output = floatTensor(shape, dtype, values);
  } else {
    const out = allocFloat(dtype, 1);
    // An empty batch gives nan for 'mean' (0/0), as torch's fill_(NAN).
    out[0] = reduction === 'mean' ? (xd.length === 0 ? NaN : total / rows) : total;
    output = floatTensor([], dtype, out);
  }
  if (!gx || !gt) return { output };
  return { output, grad: { input: floatTensor(xs, dtype, gx), target: floatTensor(target.shape, dtype, gt) } };
}
