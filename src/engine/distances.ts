import { broadcastOrThrow } from './broadcast';
import type { WorkMeter } from './budget';
import { runtimeError } from './errors';
import { broadcastIndex, numel, type FloatArray, type FloatDType, type Tensor } from './tensor';

/**
 * A distance over the last dimension of two broadcast tensors: one value per leading
 * position, and the vector-Jacobian product back to each argument's own shape.
 */
export interface Distance {
  readonly shape: readonly number[];
  readonly values: Float64Array;
  /**
   * Adds the gradients of Σ g·distance into `acc1` and `acc2` (x1's and x2's shapes; a
   * Float32Array rounds each addition as torch's float32 accumulation does). Returns false
   * when PyTorch's autograd yields no gradient at all (the p = 0 "norm").
   */
  backward(g: ArrayLike<number>, acc1: FloatArray, acc2: FloatArray): boolean;
}

export type DistanceFn = (x1Name: string, x1: Tensor, x2Name: string, x2: Tensor) => Distance;

/** torch.sign: 0 for nan, so a nan entry never poisons a norm gradient through sgn. */
function sgn(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/** `p` as PyTorch's C++ prints it in the empty-dimension error. */
function ordStr(p: number): string {
  return p === Infinity ? 'inf' : p === -Infinity ? '-inf' : String(p);
}

/** Rounding to the storage precision after each operation, so float32 overflow and noise match torch. */
type Round = (x: number) => number;
const exact: Round = (x) => x;

export function rounding(dtype: FloatDType): Round {
  return dtype === 'float32' ? Math.fround : exact;
}

interface Rows {
  readonly shape: number[];
  readonly outShape: number[];
  readonly rows: number;
  readonly d: number;
  readonly i1: Int32Array | undefined;
  readonly i2: Int32Array | undefined;
}

function rowsOf(x1Name: string, x1: Tensor, x2Name: string, x2: Tensor, keepdim: boolean, meter: WorkMeter): Rows {
  const shape = broadcastOrThrow(x1Name, x1.shape, x2Name, x2.shape);
  // A 0-d pair is one vector of length 1, as at::norm treats dim -1 of a scalar.
  const d = shape.length === 0 ? 1 : shape[shape.length - 1];
  const lead = shape.slice(0, -1);
  const outShape = shape.length === 0 ? [] : keepdim ? [...lead, 1] : lead;
  const i1 = broadcastIndex(x1.shape, shape, meter);
  const i2 = broadcastIndex(x2.shape, shape, meter);
  return {
    shape,
    outShape,
    rows: numel(lead),
    d,
    i1,
    i2,
  };
}

/**
 * `torch.pairwise_distance(x1, x2, p, eps, keepdim)` = ||x1 − x2 + eps||_p over the last
 * dimension (eps is added to the difference), with `norm_backward`'s gradient per p.
 */
export function pairwiseDistance(p: number, eps: number, keepdim: boolean, dtype: FloatDType, meter: WorkMeter): DistanceFn {
  const round = rounding(dtype);
  return (x1Name, x1, x2Name, x2) => {
    const r = rowsOf(x1Name, x1, x2Name, x2, keepdim, meter);
    const { rows, d } = r;
    if (d === 0 && (p < 0 || p === Infinity)) {
      runtimeError(
        'p',
        `linalg.vector_norm cannot compute the ${ordStr(p)} norm on the dimension ${Math.max(r.shape.length - 1, 0)}` +
          `because this dimension is empty and the operation does not have an identity ` +
          `(${x1Name} has shape [${x1.shape.join(', ')}], ${x2Name} has shape [${x2.shape.join(', ')}])`,
      );
    }
    const n = rows * d;
    const diff = new Float64Array(n);
    const a = x1.data;
    const b = x2.data;
    for (let k = 0; k < n; k++) {
      diff[k] = round(round(a[r.i1 ? r.i1[k] : k] - b[r.i2 ? r.i2[k] : k]) + eps);
    }
    const norms = new Float64Array(rows);
    for (let i = 0; i < rows; i++) norms[i] = vectorNorm(diff, i * d, d, p, round);
    return {
      shape: r.outShape,
      values: norms,
      backward(g, acc1, acc2) {
        if (p === 0) return false;
        const row = new Float64Array(d);
        for (let i = 0; i < rows; i++) {
          normBackward(diff, i * d, d, p, norms[i], g[i], row, round);
          for (let j = 0; j < d; j++) {
            const k = i * d + j;
            acc1[r.i1 ? r.i1[k] : k] += row[j];
            acc2[r.i2 ? r.i2[k] : k] -= row[j];
          }
        }
        return true;
      },
    };
  };
}

function vectorNorm(x: ArrayLike<number>, off: number, d: number, p: number, r: Round): number {
  if (p === Infinity || p === -Infinity) {
    let m = p === Infinity ? -Infinity : Infinity;
    for (let j = 0; j < d; j++) {
      const v = Math.abs(x[off + j]);
      if (Number.isNaN(v)) return NaN;
      m = p === Infinity ? Math.max(m, v) : Math.min(m, v);
    }
    return d === 0 ? 0 : m;
  }
  let s = 0;
  if (p === 0) {
    for (let j = 0; j < d; j++) s += x[off + j] !== 0 ? 1 : 0;
    return s;
  }
  if (p === 1) {
    for (let j = 0; j < d; j++) s = r(s + Math.abs(x[off + j]));
    return s;
  }
  if (p === 2) {
    for (let j = 0; j < d; j++) s = r(s + r(x[off + j] * x[off + j]));
    return r(Math.sqrt(s));
  }
  for (let j = 0; j < d; j++) s = r(s + r(Math.abs(x[off + j]) ** p));
  return r(s ** (1 / p));
}

/** `Tensor.pow(e)` as torch's pow kernel evaluates it: a few exponents take exact shortcuts. */
function tpow(x: number, e: number, r: Round): number {
  if (e === 0.5) return r(Math.sqrt(x));
  if (e === 2) return r(x * x);
  if (e === 3) return r(r(x * x) * x);
  if (e === -0.5) return r(1 / r(Math.sqrt(x)));
  if (e === -1) return r(1 / x);
  if (e === -2) return r(1 / r(x * x));
  return r(x ** e);
}

/** PyTorch's `norm_backward` for the row at `off`, written into `out[0..d)`. */
function normBackward(x: Float64Array, off: number, d: number, p: number, norm: number, g: number, out: Float64Array, r: Round): void {
  if (p === 1) {
    for (let j = 0; j < d; j++) out[j] = sgn(x[off + j]) * g;
  } else if (p === 2) {
    for (let j = 0; j < d; j++) out[j] = norm === 0 ? 0 : r(g * r(x[off + j] / norm));
  } else if (p === Infinity || p === -Infinity) {
    // The gradient is shared between all entries that attain the norm (or are nan).
    let count = 0;
    for (let j = 0; j < d; j++) {
      const v = Math.abs(x[off + j]);
      if (v === norm || Number.isNaN(v)) count++;
    }
    for (let j = 0; j < d; j++) {
      const v = Math.abs(x[off + j]);
      const mask = v === norm || Number.isNaN(v) ? 1 : 0;
      out[j] = sgn(x[off + j]) * (r(g / count) * mask);
    }
  } else if (p < 1) {
    const scale = tpow(norm, 1 - p, r);
    for (let j = 0; j < d; j++) {
      const v = x[off + j];
      out[j] = r(r((v === 0 ? 0 : sgn(v) * tpow(Math.abs(v), p - 1, r)) * g) * scale);
    }
  } else {
    const scale = norm === 0 ? 0 : r(g / tpow(norm, p - 1, r));
    for (let j = 0; j < d; j++) {
      const v = x[off + j];
      const scaled = p < 2 ? sgn(v) * tpow(Math.abs(v), p - 1, r) : r(v * tpow(Math.abs(v), p - 2, r));
      out[j] = r(scaled * scale);
    }
  }
}

/**
 * `1 − F.cosine_similarity(x1, x2, dim=-1, eps)`. PyTorch divides each vector by
 * max(||x||, eps) with the clamp under no_grad, so the gradient treats the clamped
 * norm as if it were ||x|| (and drops that term where ||x|| = 0).
 */
export function cosineDistance(eps: number, dtype: FloatDType, meter: WorkMeter): DistanceFn {
  const round = rounding(dtype);
  return (x1Name, x1, x2Name, x2) => {
    const r = rowsOf(x1Name, x1, x2Name, x2, false, meter);
    const { rows, d } = r;
    const a = x1.data;
    const b = x2.data;
    const u = r.i1 ? Float64Array.from(r.i1, (k) => a[k]) : a;
    const v = r.i2 ? Float64Array.from(r.i2, (k) => b[k]) : b;
    const n1 = new Float64Array(rows);
    const n2 = new Float64Array(rows);
    const values = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      n1[i] = vectorNorm(u, i * d, d, 2, round);
      n2[i] = vectorNorm(v, i * d, d, 2, round);
      const c1 = round(Math.max(n1[i], eps));
      const c2 = round(Math.max(n2[i], eps));
      let s = 0;
      for (let j = i * d; j < (i + 1) * d; j++) s = round(s + round(round(u[j] / c1) * round(v[j] / c2)));
      values[i] = round(1 - s);
    }
    return {
      shape: r.outShape,
      values,
      backward(g, acc1, acc2) {
        // Autograd's own order of operations: the gradient cancels almost exactly when x1 ∥ x2,
        // so only the same rounding steps reproduce torch's result there.
        for (let i = 0; i < rows; i++) {
          const gi = -g[i];
          const c1 = round(Math.max(n1[i], eps));
          const c2 = round(Math.max(n2[i], eps));
          let gc1 = 0;
          let gc2 = 0;
          for (let j = i * d; j < (i + 1) * d; j++) {
            gc1 = round(gc1 + round(-round(gi * round(v[j] / c2)) * round(round(u[j] / c1) / c1)));
            gc2 = round(gc2 + round(-round(gi * round(u[j] / c1)) * round(round(v[j] / c2) / c2)));
          }
          for (let j = i * d; j < (i + 1) * d; j++) {
            const t1 = n1[i] === 0 ? 0 : round(gc1 * round(u[j] / n1[i]));
            const t2 = n2[i] === 0 ? 0 : round(gc2 * round(v[j] / n2[i]));
            acc1[r.i1 ? r.i1[j] : j] += round(round(round(gi * round(v[j] / c2)) / c1) + t1);
            acc2[r.i2 ? r.i2[j] : j] += round(round(round(gi * round(u[j] / c1)) / c2) + t2);
          }
        }
        return true;
      },
    };
  };
}
