import { broadcastOrThrow } from './broadcast';
import { runtimeError } from './errors';
import { broadcastIndex, numel, sumToShape, type FloatDType, type Tensor } from './tensor';

/**
 * A distance over the last dimension of two broadcast tensors: one value per leading
 * position, and the vector-Jacobian product back to each argument's own shape.
 */
export interface Distance {
  readonly shape: readonly number[];
  readonly values: Float64Array;
  /**
   * Gradients of Σ g·distance with respect to x1 and x2 (float64, in their own shapes);
   * undefined when PyTorch's autograd yields no gradient at all (the p = 0 "norm").
   */
  backward(g: ArrayLike<number>): [Float64Array, Float64Array] | undefined;
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

interface Rows {
  readonly shape: number[];
  readonly outShape: number[];
  readonly rows: number;
  readonly d: number;
  readonly i1: Int32Array | undefined;
  readonly i2: Int32Array | undefined;
  /** Gradients summed back from the broadcast shape to each argument's shape. */
  back(g1: Float64Array, g2: Float64Array): [Float64Array, Float64Array];
}

function rowsOf(x1Name: string, x1: Tensor, x2Name: string, x2: Tensor, keepdim: boolean): Rows {
  const shape = broadcastOrThrow(x1Name, x1.shape, x2Name, x2.shape);
  // A 0-d pair is one vector of length 1, as at::norm treats dim -1 of a scalar.
  const d = shape.length === 0 ? 1 : shape[shape.length - 1];
  const lead = shape.slice(0, -1);
  const outShape = shape.length === 0 ? [] : keepdim ? [...lead, 1] : lead;
  const i1 = broadcastIndex(x1.shape, shape);
  const i2 = broadcastIndex(x2.shape, shape);
  const n1 = numel(x1.shape);
  const n2 = numel(x2.shape);
  return {
    shape,
    outShape,
    rows: numel(lead),
    d,
    i1,
    i2,
    back: (g1, g2) => [
      sumToShape(g1, i1, n1, 'float64') as Float64Array,
      sumToShape(g2, i2, n2, 'float64') as Float64Array,
    ],
  };
}

/**
 * `torch.pairwise_distance(x1, x2, p, eps, keepdim)` = ||x1 − x2 + eps||_p over the last
 * dimension (eps is added to the difference), with `norm_backward`'s gradient per p.
 */
export function pairwiseDistance(p: number, eps: number, keepdim: boolean, dtype: FloatDType): DistanceFn {
  const round = dtype === 'float32' ? Math.fround : (x: number) => x;
  return (x1Name, x1, x2Name, x2) => {
    const r = rowsOf(x1Name, x1, x2Name, x2, keepdim);
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
    for (let i = 0; i < rows; i++) norms[i] = round(vectorNorm(diff, i * d, d, p));
    return {
      shape: r.outShape,
      values: norms,
      backward(g) {
        if (p === 0) return undefined;
        const g1 = new Float64Array(n);
        for (let i = 0; i < rows; i++) normBackward(diff, i * d, d, p, norms[i], g[i], g1);
        const g2 = new Float64Array(n);
        for (let k = 0; k < n; k++) g2[k] = -g1[k];
        return r.back(g1, g2);
      },
    };
  };
}

function vectorNorm(x: Float64Array, off: number, d: number, p: number): number {
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
    for (let j = 0; j < d; j++) s += Math.abs(x[off + j]);
    return s;
  }
  if (p === 2) {
    for (let j = 0; j < d; j++) s += x[off + j] * x[off + j];
    return Math.sqrt(s);
  }
  for (let j = 0; j < d; j++) s += Math.abs(x[off + j]) ** p;
  return s ** (1 / p);
}

/** PyTorch's `norm_backward` for one row, accumulated into `out`. */
function normBackward(x: Float64Array, off: number, d: number, p: number, norm: number, g: number, out: Float64Array): void {
  if (p === 1) {
    for (let j = 0; j < d; j++) out[off + j] = sgn(x[off + j]) * g;
  } else if (p === 2) {
    for (let j = 0; j < d; j++) out[off + j] = norm === 0 ? 0 : g * (x[off + j] / norm);
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
      out[off + j] = sgn(x[off + j]) * ((g / count) * mask);
    }
  } else if (p < 1) {
    const scale = norm ** (1 - p);
    for (let j = 0; j < d; j++) {
      const v = x[off + j];
      out[off + j] = (v === 0 ? 0 : sgn(v) * Math.abs(v) ** (p - 1)) * g * scale;
    }
  } else {
    const scale = norm === 0 ? 0 : g / norm ** (p - 1);
    for (let j = 0; j < d; j++) {
      const v = x[off + j];
      const scaled = p < 2 ? sgn(v) * Math.abs(v) ** (p - 1) : v * Math.abs(v) ** (p - 2);
      out[off + j] = scaled * scale;
    }
  }
}

/**
 * `1 − F.cosine_similarity(x1, x2, dim=-1, eps)`. PyTorch divides each vector by
 * max(||x||, eps) with the clamp under no_grad, so the gradient treats the clamped
 * norm as if it were ||x|| (and drops that term where ||x|| = 0).
 */
export function cosineDistance(eps: number, dtype: FloatDType): DistanceFn {
  const round = dtype === 'float32' ? Math.fround : (x: number) => x;
  return (x1Name, x1, x2Name, x2) => {
    const r = rowsOf(x1Name, x1, x2Name, x2, false);
    const { rows, d } = r;
    const a = x1.data;
    const b = x2.data;
    const n = rows * d;
    const u = new Float64Array(n);
    const v = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      u[k] = a[r.i1 ? r.i1[k] : k];
      v[k] = b[r.i2 ? r.i2[k] : k];
    }
    const n1 = new Float64Array(rows);
    const n2 = new Float64Array(rows);
    const values = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let s1 = 0;
      let s2 = 0;
      for (let j = i * d; j < (i + 1) * d; j++) {
        s1 += u[j] * u[j];
        s2 += v[j] * v[j];
      }
      n1[i] = Math.sqrt(s1);
      n2[i] = Math.sqrt(s2);
      const c1 = Math.max(n1[i], eps);
      const c2 = Math.max(n2[i], eps);
      let s = 0;
      for (let j = i * d; j < (i + 1) * d; j++) s += (u[j] / c1) * (v[j] / c2);
      values[i] = round(1 - round(s));
    }
    return {
      shape: r.outShape,
      values,
      backward(g) {
        // Autograd's own order of operations: the gradient cancels almost exactly when x1 ∥ x2,
        // so only the same rounding steps reproduce torch's result there.
        const g1 = new Float64Array(n);
        const g2 = new Float64Array(n);
        for (let i = 0; i < rows; i++) {
          const gi = -g[i];
          const c1 = Math.max(n1[i], eps);
          const c2 = Math.max(n2[i], eps);
          let gc1 = 0;
          let gc2 = 0;
          for (let j = i * d; j < (i + 1) * d; j++) {
            gc1 += -(gi * (v[j] / c2)) * (u[j] / c1 / c1);
            gc2 += -(gi * (u[j] / c1)) * (v[j] / c2 / c2);
          }
          for (let j = i * d; j < (i + 1) * d; j++) {
            g1[j] = (gi * (v[j] / c2)) / c1 + (n1[i] === 0 ? 0 : gc1 * (u[j] / n1[i]));
            g2[j] = (gi * (u[j] / c1)) / c2 + (n2[i] === 0 ? 0 : gc2 * (v[j] / n2[i]));
          }
        }
        return r.back(g1, g2);
      },
    };
  };
}
