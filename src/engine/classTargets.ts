import { indexError, runtimeError, valueError } from './errors';
import type { Reduction } from './reduction';
import { allocFloat, shapeStr, type FloatArray, type FloatDType, type Tensor } from './tensor';

/**
 * Class-index targets as NLLLoss and CrossEntropyLoss read them (torch's nll_loss_nd):
 * input (C), (N, C) or (N, C, d1, …, dK); target (), (N) or (N, d1, …, dK).
 * Element (n, c, i) of the input sits at (n·C + c)·inner + i; its target at n·inner + i.
 */
export interface ClassTargets {
  readonly n: number;
  readonly c: number;
  /** d1·…·dK (1 for 1-D and 2-D inputs). */
  readonly inner: number;
  /** The shape of the unreduced loss. */
  readonly outShape: readonly number[];
  readonly target: FloatArray;
  readonly weight: FloatArray | null;
  readonly ignoreIndex: number;
  /** Σ w[y] over the targets that are not ignored (their count without a weight). */
  readonly weightSum: number;
}

const TORCH_DTYPE: Record<string, string> = { float64: 'Double', float32: 'Float', int64: 'Long', int32: 'Int' };

export function torchDtypeName(dtype: string): string {
  return TORCH_DTYPE[dtype] ?? dtype;
}

/** Validates class-index targets in torch's order of checks and with its wording. */
export function resolveClassTargets(
  module: string,
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  ignoreIndex: number,
): ClassTargets {
  const xs = input.shape;
  const ts = target.shape;
  const got = `input has shape ${shapeStr(xs)}, target has shape ${shapeStr(ts)}`;
  if (xs.length < 1) {
    valueError('input', `${module}: Expected 1 or more dimensions (got 0): input must be (C), (N, C) or (N, C, d1, ...), ${got}`);
  }
  if (xs.length === 1 && ts.length === 1 && ts[0] !== 1) {
    valueError('target', `${module}: For 1D input, 1D target must have size 1, but got target size: ${ts[0]} (${got})`);
  }
  const tBatch = ts.length === 0 ? 0 : ts[0];
  if (xs.length !== 1 && xs[0] !== tBatch) {
    valueError('target', `${module}: Expected input batch_size (${xs[0]}) to match target batch_size (${tBatch}). (${got})`);
  }
  if (xs.length <= 2) {
    if (ts.length > 1) {
      runtimeError('target', `${module}: 0D or 1D target tensor expected, multi-target not supported (${got})`);
    }
  } else if (xs.length === 4 && ts.length !== 3) {
    runtimeError('target', `${module}: only batches of spatial targets supported (3D tensors) but got targets of dimension: ${ts.length} (${got})`);
  } else if (ts.length !== xs.length - 1 || ts.some((d, k) => k > 0 && d !== xs[k + 1])) {
    const want = shapeStr([xs[0], ...xs.slice(2)]);
    const words = xs.length === 4 ? `size mismatch (got input: ${shapeStr(xs)} , target: ${shapeStr(ts)})` : `Expected target size ${want}, got ${shapeStr(ts)}`;
    runtimeError('target', `${module}: ${words}; target must have shape ${want} for input of shape ${shapeStr(xs)}`);
  }
  if (target.dtype !== 'int64') {
    runtimeError('target', `${module}: expected target dtype to be Long or Byte, but got ${torchDtypeName(target.dtype)}: class-index targets must be int64 (got ${target.dtype})`);
  }
  const c = xs.length === 1 ? xs[0] : xs[1];
  if (weight && (weight.shape.length !== 1 || weight.shape[0] !== c)) {
    const words = xs.length <= 2 ? `weight tensor should be defined either for all ${c} classes or no classes but got weight tensor of shape: ${shapeStr(weight.shape)}` : 'weight tensor should be defined either for all or no classes';
    runtimeError('weight', `${module}: ${words}; expected weight of shape [${c}], got ${shapeStr(weight.shape)}`);
  }
  if (weight && weight.dtype !== input.dtype) {
    runtimeError('weight', `${module}: expected scalar type ${torchDtypeName(input.dtype)} but found ${torchDtypeName(weight.dtype)}: weight must have the input's dtype ${input.dtype}, got ${weight.dtype}`);
  }
  const n = xs.length === 1 ? 1 : xs[0];
  let inner = 1;
  for (let k = 2; k < xs.length; k++) inner *= xs[k];
  const t = target.data;
  const w = weight ? weight.data : null;
  let weightSum = 0;
  for (let k = 0; k < t.length; k++) {
    const y = t[k];
    if (y === ignoreIndex) continue;
    if (y < 0 || y >= c) indexError('target', `${module}: Target ${y} is out of bounds. Class indices must lie in [0, ${c - 1}] or equal ignore_index (${ignoreIndex}), got ${y}`);
    weightSum += w ? w[y] : 1;
  }
  const outShape = xs.length === 1 ? [] : [xs[0], ...xs.slice(2)];
  return { n, c, inner, outShape, target: t, weight: w, ignoreIndex, weightSum };
}

/** d(reduced)/d(per-position loss): 1/Σw[y] for mean (inf when it is 0, as torch), else 1. */
export function classScale(ct: ClassTargets, reduction: Reduction): number {
  return reduction === 'mean' ? 1 / ct.weightSum : 1;
}

/** The loss tensor: per-position values for 'none', else the already reduced number. */
export function classOutput(ct: ClassTargets, reduction: Reduction, dtype: FloatDType, values: FloatArray | null, reduced: number): Tensor {
  if (reduction === 'none' && values) return { shape: ct.outShape, dtype, data: values };
  const out = allocFloat(dtype, 1);
  out[0] = reduced;
  return { shape: [], dtype, data: out };
}
