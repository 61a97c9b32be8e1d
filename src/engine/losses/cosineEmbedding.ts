import { broadcastOrThrow } from '../broadcast';
import { LossError, runtimeError } from '../errors';
import { floatParam, tensorArg, type LossImpl, type LossInput, type LossResult } from '../loss';
import { allocFloat, broadcastIndex, floatTensor, isFloat, numel, shapeStr, sumToShape, type Tensor } from '../tensor';
import { accumulated } from '../reduction';

/**
 * Torch adds this to both squared norms, so zero vectors give cos = 0 instead of nan. It is a
 * float32 constant in torch (9.99999996e-13), which shows in the gradient at zero vectors.
 */
const EPSILON = Math.fround(1e-12);

export const cosineEmbedding: LossImpl = {
  module: 'CosineEmbeddingLoss',
  // Integer tensors are promoted (torch only compares the target with ±1); they get no gradient.
  promotesIntegerArgs: true,
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const a = tensorArg(input, 'input1');
    const b = tensorArg(input, 'input2');
    const target = tensorArg(input, 'target');
    const margin = floatParam(params, 'margin');
    const td = target.shape.length;
    const sizes = `inputs with sizes ${shapeStr(a.shape)} and ${shapeStr(b.shape)}`;
    if (td > 1) {
      runtimeError('target', `CosineEmbeddingLoss: 0D or 1D target tensor expected, multi-target not supported; got target of shape ${shapeStr(target.shape)}`);
    }
    if (td === 1 && (a.shape.length !== 2 || b.shape.length !== 2)) {
      runtimeError('input1', `CosineEmbeddingLoss: 1D target tensor expects 2D input tensors, but found ${sizes}.`);
    }
    if (td === 0 && (a.shape.length !== 1 || b.shape.length !== 1)) {
      runtimeError('input1', `CosineEmbeddingLoss: 0D target tensor expects 1D input tensors, but found ${sizes}.`);
    }
    const xShape = broadcastOrThrow('input1', a.shape, 'input2', b.shape);
    const ai = broadcastIndex(a.shape, xShape, input.meter);
    const bi = broadcastIndex(b.shape, xShape, input.meter);
    const rows = td === 1 ? xShape[0] : 1;
    const d = xShape[xShape.length - 1];
    const cosShape = td === 1 ? [rows] : [];
    let outShape: number[];
    try {
      outShape = broadcastOrThrow('target', target.shape, 'input1', cosShape);
    } catch (e) {
      // torch's message compares target (a) with the rows of the inputs (b); the target is to blame.
      throw e instanceof LossError ? new LossError(e.type, 'target', e.message) : e;
    }
    const ci = broadcastIndex(cosShape, outShape, input.meter);
    const ti = broadcastIndex(target.shape, outShape, input.meter);
    const ad = a.data;
    const bd = b.data;
    // Parallel vectors make the gradient a difference of nearly equal terms, so float32 cases
    // round every step to float32 in torch's order; otherwise the noise alone exceeds 1e-6.
    const f = dtype === 'float32' ? Math.fround : (v: number): number => v;
    const eps = f(EPSILON);
    const prod = new Float64Array(rows);
    const mag1 = new Float64Array(rows);
    const mag2 = new Float64Array(rows);
    const denom = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let p = 0;
      let m1 = 0;
      let m2 = 0;
      for (let k = r * d; k < (r + 1) * d; k++) {
        const u = ad[ai ? ai[k] : k];
        const v = bd[bi ? bi[k] : k];
        p = f(p + f(u * v));
        m1 = f(m1 + f(u * u));
        m2 = f(m2 + f(v * v));
      }
      prod[r] = p;
      mag1[r] = f(m1 + eps);
      mag2[r] = f(m2 + eps);
      denom[r] = f(Math.sqrt(f(mag1[r] * mag2[r])));
    }
    const n = numel(outShape);
    const reduction = params.reduction;
    const scale = f(reduction === 'mean' ? 1 / n : 1);
    const fm = f(margin);
    const values = allocFloat(dtype, n);
    const gcos = new Float64Array(rows);
    let total = 0;
    for (let o = 0; o < n; o++) {
      const r = ci ? ci[o] : o;
      const t = target.data[ti ? ti[o] : o];
      const cos = f(prod[r] / denom[r]);
      // Targets other than ±1 contribute 0; the margin branch passes its gradient at cos == margin.
      let v = 0;
      if (t === 1) {
        v = f(1 - cos);
        gcos[r] = f(gcos[r] - scale);
      } else if (t === -1) {
        const h = f(cos - fm);
        v = h > 0 || Number.isNaN(h) ? h : 0; // clamp_min keeps nan
        if (h >= 0) gcos[r] = f(gcos[r] + scale);
      }
      values[o] = v;
      total += v;
    }
    let output: Tensor;
    if (reduction === 'none') {
      output = floatTensor(outShape, dtype, values);
    } else {
      const out = allocFloat(dtype, 1);
      out[0] = accumulated(total, dtype) / (reduction === 'mean' ? n : 1);
      output = floatTensor([], dtype, out);
    }
    if (!input.grad) return { output };
    const g1 = new Float64Array(rows * d);
    const g2 = new Float64Array(rows * d);
    for (let r = 0; r < rows; r++) {
      // The chain rule through prod / sqrt(mag1·mag2), step by step as torch's autograd takes it.
      const g = gcos[r];
      const den = denom[r];
      const gp = f(g / den);
      const gden = f(-g * f(f(prod[r] / den) / den));
      const gsq = f(gden / f(2 * den));
      const gm1 = f(gsq * mag2[r]);
      const gm2 = f(gsq * mag1[r]);
      for (let k = r * d; k < (r + 1) * d; k++) {
        const u = ad[ai ? ai[k] : k];
        const v = bd[bi ? bi[k] : k];
        g1[k] = f(f(2 * f(gm1 * u)) + f(gp * v));
        g2[k] = f(f(2 * f(gm2 * v)) + f(gp * u));
      }
    }
    return {
      output,
      grad: {
        ...(isFloat(a.dtype) ? { input1: floatTensor(a.shape, dtype, sumToShape(g1, ai, a.data.length, dtype)) } : {}),
        ...(isFloat(b.dtype) ? { input2: floatTensor(b.shape, dtype, sumToShape(g2, bi, b.data.length, dtype)) } : {}),
      },
    };
  },
};
