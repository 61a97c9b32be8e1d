import type { WorkMeter } from './budget';
import { broadcastOrThrow } from './broadcast';
import { runtimeError } from './errors';
import type { LossInput, LossResult } from './loss';
import { accumulated, type Reduction } from './reduction';
import {
  allocFloat,
  broadcastIndex,
  broadcastShapes,
  floatTensor,
  isFloat,
  numel,
  sameShape,
  shapeStr,
  sumToShape,
  type FloatArray,
  type Tensor,
} from './tensor';

/** One argument of a pointwise loss, with its flat index into the broadcast result. */
export interface Operand {
  readonly name: string;
  readonly tensor: Tensor;
  readonly data: FloatArray;
  /** Flat index into `data` per broadcast element; undefined when the tensor already has the result's shape. */
  readonly index: Int32Array | undefined;
}

export interface Broadcast {
  readonly shape: readonly number[];
  readonly n: number;
  readonly operands: readonly Operand[];
}

/** Broadcasts named tensors left to right, raising PyTorch's size-mismatch error on failure. */
export function broadcastAll(entries: readonly (readonly [string, Tensor])[], meter: WorkMeter): Broadcast {
  let shape: readonly number[] = entries[0][1].shape;
  for (let i = 1; i < entries.length; i++) {
    const next = broadcastShapes(shape, entries[i][1].shape);
    // The names are only joined for the error, keeping the common path cheap for small inputs.
    const sofar = (): string => entries.slice(0, i).map((e) => e[0]).join(' and ');
    shape = next ?? broadcastOrThrow(sofar(), shape, entries[i][0], entries[i][1].shape);
  }
  const operands = entries.map(([name, tensor]) => ({
    name,
    tensor,
    data: tensor.data,
    index: broadcastIndex(tensor.shape, shape, meter),
  }));
  return { shape, n: numel(shape), operands };
}

/**
 * PyTorch's in-place ops cannot grow their output: raises its "doesn't match the broadcast
 * shape" error when `name` would broadcast `into` (whose shape is `intoShape`) to a larger shape.
 */
export function checkFitsInto(into: string, intoShape: readonly number[], name: string, shape: readonly number[]): void {
  const out = broadcastShapes(intoShape, shape) ?? broadcastOrThrow(into, intoShape, name, shape);
  if (!sameShape(out, intoShape)) {
    runtimeError(
      name,
      `output with shape ${shapeStr(intoShape)} doesn't match the broadcast shape ${shapeStr(out)}: ` +
        `${name} of shape ${shapeStr(shape)} must broadcast to ${into}'s shape ${shapeStr(intoShape)}`,
    );
  }
}

/** The divisor 'mean' applies: the element count. Other reductions divide by 1. */
export function meanDivisor(reduction: Reduction, n: number): number {
  return reduction === 'mean' ? n : 1;
}

/**
 * Reduces per-element losses (sum, then divides by `divisor`) and turns per-element
 * derivatives into gradients of `output.sum()`, summed back to each operand's own shape.
 */
export function finishPointwise(
  input: LossInput,
  shape: readonly number[],
  values: FloatArray,
  grads: readonly (readonly [Operand, Float64Array | undefined])[],
  divisor: number,
): LossResult {
  const { dtype } = input;
  let output: Tensor;
  if (input.params.reduction === 'none') {
    output = floatTensor(shape, dtype, values);
  } else {
    let s = 0;
    for (let k = 0; k < values.length; k++) s += values[k];
    const out = allocFloat(dtype, 1);
    out[0] = accumulated(s, dtype) / divisor;
    output = floatTensor([], dtype, out);
  }
  if (!input.grad) return { output };
  const grad: Record<string, Tensor> = {};
  for (const [op, d] of grads) {
    // Integer arguments (promoted by torch) never get a gradient.
    if (!d || !isFloat(op.tensor.dtype)) continue;
    if (divisor !== 1) for (let k = 0; k < d.length; k++) d[k] /= divisor;
    grad[op.name] = floatTensor(op.tensor.shape, dtype, sumToShape(d, op.index, numel(op.tensor.shape), dtype));
  }
  return { output, grad };
}

/** A per-element derivative buffer, or undefined when gradients were not asked for. */
export function gradBuffer(input: LossInput, n: number): Float64Array | undefined {
  return input.grad ? new Float64Array(n) : undefined;
}

/** torch's name for an integer dtype, as its messages print it. */
export function torchDtypeName(t: Tensor): string {
  return t.dtype === 'int64' ? 'Long' : t.dtype === 'int32' ? 'Int' : t.dtype === 'float32' ? 'Float' : 'Double';
}

/** Raises `message` (torch's words) when `name` holds an integer tensor where torch cannot take one. */
export function rejectIntegral(name: string, t: Tensor | number, message: string): void {
  if (typeof t !== 'number' && !isFloat(t.dtype)) {
    runtimeError(name, `${message}: expected ${name} to be a floating-point tensor, got ${t.dtype}`);
  }
}

/**
 * Sets `name`'s gradient to nan where `where(value)` holds. For terms torch computes on the
 * argument's own shape before broadcasting (e.g. xlogy(t, t)), 0·inf = nan reaches every such
 * element, even when the broadcast result is empty.
 */
export function nanGradWhere(result: LossResult, name: string, own: Tensor, where: (v: number) => boolean): LossResult {
  const g = result.grad?.[name];
  if (!g) return result;
  for (let i = 0; i < own.data.length; i++) if (where(own.data[i])) g.data[i] = NaN;
  return result;
}
