import { classOutput, classScale, resolveClassTargets, type ClassTargets } from '../classTargets';
import { runtimeError } from '../errors';
import { floatParam, tensorArg, tensorParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { crossEntropyProbTargets } from '../probTargets';
import { allocFloat, floatTensor, sameShape, shapeStr, type FloatArray } from '../tensor';

export const crossEntropy: LossImpl = {
  module: 'CrossEntropyLoss',
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const x = tensorArg(input, 'input');
    const target = tensorArg(input, 'target');
    const ls = floatParam(params, 'label_smoothing');
    const weight = tensorParam(params, 'weight');
    // Same shapes mean class probabilities, whatever the dtype (torch decides on shape alone).
    if (sameShape(x.shape, target.shape)) return crossEntropyProbTargets(input, x, target, weight, ls);
    // A negative (or nan) label_smoothing is accepted and means none: torch only tests `> 0`.
    const eps = ls > 0 ? ls : 0;
    if (eps > 1) runtimeError('label_smoothing', `CrossEntropyLoss: label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
    const ct = resolveClassTargets('CrossEntropyLoss', x, target, weight, params.ignore_index as number);
    if (eps > 0 && x.shape.length === 1 && target.shape.length === 1) {
      runtimeError('target', "CrossEntropyLoss: output with shape [] doesn't match the broadcast shape [1]: with label_smoothing, a 1-D input needs a 0-d target, got target of shape [1]");
    }
    const none = params.reduction === 'none';
    const values = none ? allocFloat(dtype, ct.n * ct.inner) : null;
    const gx = input.grad ? allocFloat(dtype, x.data.length) : null;
    const scale = classScale(ct, params.reduction);
    if (input.grad && x.shape.length === 1 && target.shape.length === 1 && x.shape[0] !== 1) {
      // torch's forward accepts a (1) target for a (C) input, but nll_loss_backward then rejects it.
      runtimeError('target', `CrossEntropyLoss: size mismatch (got input: ${shapeStr(x.shape)}, target: ${shapeStr(target.shape)}) in the backward pass: give a 0-d target for a (C) input`);
    }
    const [nllSum, smoothSum] =
      ct.inner === 1 && !ct.weight && eps === 0
        ? [plainRows(x.data, ct, scale, values, gx), 0]
        : generalRows(x.data, ct, eps, scale, values, gx);
    if (eps > 0 && ct.c === 0) {
      // ε/C is inf with no classes, and torch's 0·inf turns every (ignored) position into nan.
      if (values) values.fill(NaN);
      if (gx) gx.fill(NaN);
    }
    let reduced = 0;
    if (!none) {
      const den = params.reduction === 'mean' ? ct.weightSum : 1;
      // Reduced separately, as torch does, so all-zero weights give nan even with smoothing.
      reduced = eps > 0 ? (1 - eps) * (nllSum / den) + (smoothSum / den) * (eps / ct.c) : nllSum / den;
    }
    const output = classOutput(ct, params.reduction, dtype, values, reduced);
    return gx ? { output, grad: { input: floatTensor(x.shape, dtype, gx) } } : { output };
  },
};

/**
 * The common case, (N, C) logits with neither weight nor smoothing, in two passes per row:
 * the max, then exp (stored in the gradient) and its sum; one exp per element, one log per row.
 */
function plainRows(xd: FloatArray, ct: ClassTargets, scale: number, values: FloatArray | null, gx: FloatArray | null): number {
  const { n, c, target, ignoreIndex } = ct;
  let total = 0;
  for (let b = 0, off = 0; b < n; b++, off += c) {
    const y = target[b];
    const end = off + c;
    if (y === ignoreIndex) {
      if (gx) ignoredRowGrad(xd, off, end, 1, gx);
      continue;
    }
    let m = -Infinity;
    for (let j = off; j < end; j++) {
      const v = xd[j];
      if (v > m) m = v;
    }
    let s = 0;
    if (gx) {
      for (let j = off; j < end; j++) {
        const e = Math.exp(xd[j] - m);
        gx[j] = e;
        s += e;
      }
      const r = scale / s;
      for (let j = off; j < end; j++) gx[j] *= r;
      gx[off + y] -= scale;
    } else {
      for (let j = off; j < end; j++) s += Math.exp(xd[j] - m);
    }
    // = -log_softmax(x)[y], with torch's rounding: (x_y - max) - log(sum).
    const loss = Math.log(s) - (xd[off + y] - m);
    total += loss;
    if (values) values[b] = loss;
  }
  return total;
}

/**
 * Any layout (K-dim rows are strided by `inner`), class weights and label smoothing:
 * loss = (1-ε)·(-w[y]·logp[y]) + (ε/C)·(-Σ_j w[j]·logp[j]). Returns [Σ nll part, Σ smoothing part].
 */
function generalRows(
  xd: FloatArray,
  ct: ClassTargets,
  eps: number,
  scale: number,
  values: FloatArray | null,
  gx: FloatArray | null,
): [number, number] {
  const { n, c, inner, target, weight, ignoreIndex } = ct;
  let wAll = c;
  if (weight) {
    wAll = 0;
    for (let j = 0; j < c; j++) wAll += weight[j];
  }
  const epsC = eps / c;
  let nllSum = 0;
  let smoothSum = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < inner; i++) {
      const y = target[b * inner + i];
      const base = b * c * inner + i;
      const end = base + c * inner;
      if (y === ignoreIndex) {
        if (gx) ignoredRowGrad(xd, base, end, inner, gx);
        continue;
      }
      let m = -Infinity;
      for (let k = base; k < end; k += inner) if (xd[k] > m) m = xd[k];
      let s = 0;
      for (let k = base; k < end; k += inner) {
        const e = Math.exp(xd[k] - m);
        if (gx) gx[k] = e;
        s += e;
      }
      const logS = Math.log(s);
      const wy = weight ? weight[y] : 1;
      const nll = -((xd[base + y * inner] - m) - logS) * wy;
      let smooth = 0;
      if (eps > 0) {
        for (let k = base, j = 0; k < end; k += inner, j++) smooth -= ((xd[k] - m) - logS) * (weight ? weight[j] : 1);
      }
      nllSum += nll;
      smoothSum += smooth;
      if (values) values[b * inner + i] = eps > 0 ? (1 - eps) * nll + smooth * epsC : nll;
      if (gx) {
        // d/dx_j = scale·[(1-ε)·w[y]·(p_j - [j=y]) + (ε/C)·(Σw·p_j - w[j])], with p_j = e_j/s.
        const a = scale * (1 - eps) * wy;
        // Without smoothing its term is absent, not 0·scale: scale is inf when Σw[y] = 0.
        const r = (eps > 0 ? a + scale * epsC * wAll : a) / s;
        const sw = scale * epsC;
        for (let k = base, j = 0; k < end; k += inner, j++) gx[k] = gx[k] * r - (eps > 0 ? sw * (weight ? weight[j] : 1) : 0);
        gx[base + y * inner] -= a;
      }
    }
  }
  return [nllSum, smoothSum];
}

/**
 * An ignored row gets 0 - p·0 from log_softmax's backward: 0, unless its softmax is nan
 * (a nan or +inf logit, or every logit -inf), when torch's gradient is nan across the row.
 */
function ignoredRowGrad(xd: FloatArray, base: number, end: number, stride: number, gx: FloatArray): void {
  let allNegInf = true;
  let bad = false;
  for (let k = base; k < end; k += stride) {
    const v = xd[k];
    if (Number.isNaN(v) || v === Infinity) bad = true;
    if (v !== -Infinity) allNegInf = false;
  }
  if (bad || allNegInf) for (let k = base; k < end; k += stride) gx[k] = NaN;
}
