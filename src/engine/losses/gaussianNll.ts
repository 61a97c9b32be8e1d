import { valueError } from '../errors';
import { boolParam, floatParam, type LossImpl, type LossInput, type LossResult } from '../loss';
import { broadcastAll, finishPointwise, gradBuffer, meanDivisor, rejectIntegral } from '../pointwise';
import { allocFloat, sameShape, shapeStr, type Tensor } from '../tensor';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The var shapes F.gaussian_nll_loss accepts: input's shape; input.shape[:-1] (unsqueezed
 * at the end); or the same ndim where the sizes of var at the mismatched dims sum to 1.
 */
function varShape(x: readonly number[], v: readonly number[]): readonly number[] {
  if (sameShape(x, v)) return v;
  if (sameShape(x.slice(0, -1), v)) return [...v, 1];
  if (x.length === v.length) {
    let s = 0;
    for (let i = 0; i < v.length; i++) if (x[i] !== v[i]) s += v[i];
    if (s === 1) return v;
  }
  return valueError(
    'var',
    `var is of incorrect size: expected input's shape ${shapeStr(x)}, that shape without its last dim, ` +
      `or that shape with one dim of size 1; got ${shapeStr(v)}`,
  );
}

function negativeVar(got: string): never {
  return valueError('var', `var has negative entry/entries: expected var >= 0, got ${got}`);
}

export const gaussianNll: LossImpl = {
  module: 'GaussianNLLLoss',
  promotesIntegerArgs: true,
  compute(input: LossInput): LossResult {
    const { dtype, params } = input;
    const full = boolParam(params, 'full');
    const eps = floatParam(params, 'eps');
    const xt = input.args.input as Tensor;
    const rawVar = input.args.var;
    let vt: Tensor;
    if (typeof rawVar === 'number') {
      if (rawVar < 0) negativeVar(String(rawVar));
      // A Python float var becomes var * ones_like(input): it has no gradient.
      const data = allocFloat(dtype, 1);
      data[0] = rawVar;
      vt = { shape: xt.shape.map(() => 1), dtype, data };
    } else {
      // An integer input or target is promoted, but torch clamps var in place, which an integer var cannot hold.
      rejectIntegral('var', rawVar, "result type Float can't be cast to the desired output type long int");
      const bad = rawVar.data.findIndex((v) => v < 0);
      if (bad >= 0) negativeVar(`var.data[${bad}] = ${rawVar.data[bad]}`);
      vt = { ...rawVar, shape: varShape(xt.shape, rawVar.shape) };
    }
    const b = broadcastAll([
      ['input', xt],
      ['target', input.args.target as Tensor],
      ['var', vt],
    ], input.meter);
    const [xo, to, vo] = b.operands;
    const [x, t, v] = [xo.data, to.data, vo.data];
    const [xi, ti, vi] = [xo.index, to.index, vo.index];
    const n = b.n;
    const values = allocFloat(dtype, n);
    const dx = gradBuffer(input, n);
    const dt = gradBuffer(input, n);
    const dv = typeof rawVar === 'number' ? undefined : gradBuffer(input, n);
    // torch clamps var to eps under no_grad, in var's own precision; nan stays nan.
    const floor = dtype === 'float32' ? Math.fround(eps) : eps;
    const constant = full ? HALF_LOG_2PI : 0;
    // float32 cases round each step as torch does: (x − t)² may overflow float32 even when the loss would not.
    const r = dtype === 'float32' ? Math.fround : (v: number): number => v;
    for (let k = 0; k < n; k++) {
      const raw = v[vi ? vi[k] : k];
      const vv = raw < floor ? floor : raw;
      const d = r(x[xi ? xi[k] : k] - t[ti ? ti[k] : k]);
      const q = r(r(d * d) / vv);
      values[k] = r(r(0.5 * r(r(Math.log(vv)) + q)) + constant);
      const half = r(0.5 / vv);
      if (dx && dt) {
        const g = r(half * r(2 * d));
        dx[k] = g;
        dt[k] = -g;
      }
      // The clamp acts as a straight-through estimator: var's gradient is not zeroed where it was active.
      if (dv) dv[k] = r(half - r(0.5 * r(q / vv)));
    }
    const grads = [[xo, dx], [to, dt], [vo, dv]] as const;
    const result = finishPointwise(input, b.shape, values, grads, meanDivisor(params.reduction, n));
    if (!result.grad?.var || typeof rawVar === 'number') return result;
    // Report var's gradient with the shape the caller gave (undoing the unsqueeze).
    return { ...result, grad: { ...result.grad, var: { ...result.grad.var, shape: rawVar.shape } } };
  },
};
