import { runtimeError } from './errors';
import type { LossInput, LossResult } from './loss';
import { reduceLoss, reductionScale } from './reduction';
import { broadcastIndex, broadcastShapes, floatTensor, numel, sumToShape, type FloatArray, type Tensor } from './tensor';

export interface BroadcastPair {
  readonly a: Tensor;
  readonly b: Tensor;
  readonly shape: readonly number[];
  readonly n: number;
  /** Flat index into `a` for each broadcast element; undefined when `a` already has `shape`. */
  readonly aIndex: Int32Array | undefined;
  readonly bIndex: Int32Array | undefined;
  /**
   * Reduces per-element `values` and turns per-element derivatives of the unreduced loss
   * into gradients of `output.sum()`, summed back to each argument's shape.
   */
  finish(values: FloatArray, dA?: ArrayLike<number>, dB?: ArrayLike<number>): LossResult;
}

/** PyTorch's broadcasting error, naming both arguments. */
export function broadcastOrThrow(aName: string, a: readonly number[], bName: string, b: readonly number[]): number[] {
  const shape = broadcastShapes(a, b);
  if (shape) return shape;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      runtimeError(
        bName,
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}: ` +
          `${aName} has shape [${a.join(', ')}], ${bName} has shape [${b.join(', ')}]`,
      );
    }
  }
  return runtimeError(bName, `${aName} and ${bName} cannot be broadcast together`);
}

/** Broadcasts two float arguments the way PyTorch's pointwise losses do. */
export function broadcastPair(input: LossInput, aName: string, bName: string): BroadcastPair {
  const a = input.args[aName] as Tensor;
  const b = input.args[bName] as Tensor;
  const shape = broadcastOrThrow(aName, a.shape, bName, b.shape);
  const aIndex = broadcastIndex(a.shape, shape, input.meter);
  const bIndex = broadcastIndex(b.shape, shape, input.meter);
  const n = numel(shape);
  const { dtype, params } = input;
  return {
    a,
    b,
    shape,
    n,
    aIndex,
    bIndex,
    finish(values, dA, dB) {
      const output = reduceLoss(values, shape, params.reduction, dtype);
      if (!input.grad) return { output };
      const scale = reductionScale(params.reduction, n);
      const grad: Record<string, Tensor> = {};
      const scaled = (d: ArrayLike<number>): Float64Array => {
        const s = new Float64Array(n);
        for (let k = 0; k < n; k++) s[k] = d[k] * scale;
        return s;
      };
      if (dA) grad[aName] = floatTensor(a.shape, dtype, sumToShape(scaled(dA), aIndex, numel(a.shape), dtype));
      if (dB) grad[bName] = floatTensor(b.shape, dtype, sumToShape(scaled(dB), bIndex, numel(b.shape), dtype));
      return { output, grad };
    },
  };
}
