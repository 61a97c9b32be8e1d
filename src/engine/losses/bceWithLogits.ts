import { valueError } from '../errors';
import { tensorParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { broadcastAll, checkFitsInto, finishPointwise, gradBuffer, meanDivisor } from '../pointwise';
import { allocFloat, floatTensor, sameShape, type FloatArray, type Tensor } from '../tensor';
import { accumulated } from '../reduction';

const torchSize = (t: Tensor): string => `torch.Size([${t.shape.join(', ')}])`;
const exact = (v: number): number => v;

/**
 * The common case (no weight, no pos_weight) in one pass, float64: one exp and one log1p per
 * element, nothing allocated per element. torch: (1 − t)·x − log σ(x), where
 * log σ(x) = min(x, 0) − log1p(exp(−|x|)); d/dx = σ(x) − t; d/dt = −x.
 */
function fused64(x: FloatArray, t: FloatArray, values: FloatArray | undefined, gx: FloatArray | undefined, gt: FloatArray | undefined, scale: number): number {
  const n = x.length;
  let s = 0;
  for (let k = 0; k < n; k++) {
    const xv = x[k];
    const tv = t[k];
    const e = Math.exp(-Math.abs(xv));
    const loss = (1 - tv) * xv - ((xv < 0 ? xv : 0) - Math.log1p(e));
    if (values) values[k] = loss;
    s += loss;
    if (gx && gt) {
      const inv = 1 / (1 + e);
      gx[k] = ((xv >= 0 ? inv : e * inv) - tv) * scale;
      gt[k] = -xv * scale;
    }
  }
  return s;
}

/**
 * fused64's arithmetic over float32 arrays, for reduced outputs. A separate function so that
 * each loop keeps type feedback for one array type (a loop fed both runs measurably slower).
 */
function fusedSum32(x: FloatArray, t: FloatArray, gx: FloatArray | undefined, gt: FloatArray | undefined, scale: number): number {
  const n = x.length;
  let s = 0;
  for (let k = 0; k < n; k++) {
    const xv = x[k];
    const tv = t[k];
    const e = Math.exp(-Math.abs(xv));
    s += (1 - tv) * xv - ((xv < 0 ? xv : 0) - Math.log1p(e));
    if (gx && gt) {
      const inv = 1 / (1 + e);
      gx[k] = ((xv >= 0 ? inv : e * inv) - tv) * scale;
      gt[k] = -xv * scale;
    }
  }
  return s;
}

/**
 * The same in float32, rounding after each step as torch's float32 kernels do: with large
 * logits, (1 − t)·x and log σ(x) nearly cancel and the rounding decides the result.
 */
function fused32(x: FloatArray, t: FloatArray, values: FloatArray, gx: FloatArray | undefined, gt: FloatArray | undefined, scale: number): number {
  const n = x.length;
  const r = Math.fround;
  let s = 0;
  for (let k = 0; k < n; k++) {
    const xv = x[k];
    const tv = t[k];
    const e = r(Math.exp(-Math.abs(xv)));
    const loss = r(r(r(1 - tv) * xv) - r((xv < 0 ? xv : 0) - r(Math.log1p(e))));
    values[k] = loss;
    s += loss;
    if (gx && gt) {
      const inv = 1 / (1 + e);
      gx[k] = r(r(xv >= 0 ? inv : e * inv) - tv) * scale;
      gt[k] = -xv * scale;
    }
  }
  return s;
}

function fused(input: LossInput, x: FloatArray, t: FloatArray, shape: readonly number[]): LossResult {
  const { dtype, params } = input;
  const n = x.length;
  const values = params.reduction === 'none' ? allocFloat(dtype, n) : undefined;
  const gx = input.grad ? allocFloat(dtype, n) : undefined;
  const gt = input.grad ? allocFloat(dtype, n) : undefined;
  const scale = params.reduction === 'mean' ? 1 / n : 1;
  // float32 rounds each step only where the per-element values are returned; a reduced result
  // is accumulated from exact float64 terms, which keeps large float32 means within 1e-10.
  let sum: number;
  if (dtype === 'float64') sum = fused64(x, t, values, gx, gt, scale);
  else sum = values ? fused32(x, t, values, gx, gt, scale) : fusedSum32(x, t, gx, gt, scale);
  let output: Tensor;
  if (values) output = floatTensor(shape, dtype, values);
  else {
    const out = allocFloat(dtype, 1);
    out[0] = params.reduction === 'mean' ? accumulated(sum, dtype) / n : accumulated(sum, dtype);
    output = floatTensor([], dtype, out);
  }
  if (!gx || !gt) return { output };
  return { output, grad: { input: floatTensor(shape, dtype, gx), target: floatTensor(shape, dtype, gt) } };
}

export const bceWithLogits: LossImpl = {
  module: 'BCEWithLogitsLoss',
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const xt = input.args.input as Tensor;
    const tt = input.args.target as Tensor;
    if (!sameShape(xt.shape, tt.shape)) {
      valueError('target', `Target size (${torchSize(tt)}) must be the same as input size (${torchSize(xt)})`);
    }
    const wt = tensorParam(params, 'weight');
    const pt = tensorParam(params, 'pos_weight');
    // torch computes the loss in a buffer shaped like input, so weights may only broadcast into it.
    if (pt) checkFitsInto('input', xt.shape, 'pos_weight', pt.shape);
    if (wt) checkFitsInto('input', xt.shape, 'weight', wt.shape);
    if (!wt && !pt) return fused(input, xt.data, tt.data, xt.shape);
    const b = broadcastAll([['input', xt], ['target', tt], ['weight', wt ?? xt], ['pos_weight', pt ?? xt]], input.meter);
    const [xo, to, wo, po] = b.operands;
    const [x, t, w, p] = [xt.data, tt.data, wo.data, po.data];
    const [wi, pi] = [wo.index, po.index];
    const n = b.n;
    const values = allocFloat(dtype, n);
    const dx = gradBuffer(input, n);
    const dt = gradBuffer(input, n);
    // Round each step to float32 for float32 cases, in torch's order of operations.
    const r = dtype === 'float32' ? Math.fround : exact;
    for (let k = 0; k < n; k++) {
      const xv = x[k];
      const tv = t[k];
      const e = r(Math.exp(-Math.abs(xv)));
      const l = r(Math.log1p(e));
      const logSig = r((xv < 0 ? xv : 0) - l);
      const inv = 1 / (1 + e);
      const sig = r(xv >= 0 ? inv : e * inv);
      let loss: number;
      let gInput: number;
      let gTarget: number;
      if (pt) {
        const pv = p[pi ? pi[k] : k];
        const logWeight = r(r(r(pv - 1) * tv) + 1);
        loss = r(r(r(1 - tv) * xv) - r(logWeight * logSig));
        const pw = r(pv * tv);
        gInput = r(r(r(r(pw + 1) - tv) * sig) - pw);
        // d/dt = log σ(−x) − pos_weight · log σ(x)
        gTarget = r(r((-xv < 0 ? -xv : 0) - l) - r(logSig * pv));
      } else {
        loss = r(r(r(1 - tv) * xv) - logSig);
        gInput = r(sig - tv);
        gTarget = -xv;
      }
      if (wt) {
        const wv = w[wi ? wi[k] : k];
        loss *= wv;
        gInput = r(gInput * wv);
        gTarget = r(gTarget * wv);
      }
      values[k] = loss;
      if (dx && dt) {
        dx[k] = gInput;
        dt[k] = gTarget;
      }
    }
    return finishPointwise(input, b.shape, values, [[xo, dx], [to, dt]], meanDivisor(params.reduction, n));
  },
};
