import { checkWork, elementsOf, type WorkMeter } from './budget';
import { typeError, valueError } from './errors';

export type DType = 'float64' | 'float32' | 'int64' | 'int32';
export type FloatDType = 'float64' | 'float32';
export type FloatArray = Float64Array | Float32Array;

/** A tensor as callers write it: plain arrays (with "nan"/"inf"/"-inf" strings) or typed arrays. */
export interface TensorLike {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly data: ArrayLike<number | string | bigint> | Float64Array | Float32Array | Int32Array | BigInt64Array;
}

/**
 * The engine's tensor: row-major data. Floating tensors keep their own precision
 * (Float32Array for float32); integer tensors are held as Float64Array, exact up to 2^53.
 */
export interface Tensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly data: FloatArray;
}

export function isFloat(dtype: DType): dtype is FloatDType {
  return dtype === 'float64' || dtype === 'float32';
}

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function allocFloat(dtype: FloatDType, n: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

export function floatTensor(shape: readonly number[], dtype: FloatDType, data: FloatArray): Tensor {
  return { shape, dtype, data };
}

export function scalar(value: number, dtype: FloatDType): Tensor {
  const data = allocFloat(dtype, 1);
  data[0] = value;
  return { shape: [], dtype, data };
}

const DTYPES: readonly DType[] = ['float64', 'float32', 'int64', 'int32'];

function decodeNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v === 'nan' || v === 'NaN') return NaN;
  if (v === 'inf' || v === 'Infinity') return Infinity;
  if (v === '-inf' || v === '-Infinity') return -Infinity;
  return NaN - 1; // marker handled by caller
}

/**
 * Validates a caller's tensor and converts it to the engine's form, naming `name` in errors.
 * With a meter, a tensor larger than its budget is refused before it is copied.
 */
export function toTensor(name: string, value: unknown, meter?: WorkMeter): Tensor {
  if (value === null || typeof value !== 'object') {
    typeError(name, `${name} must be a tensor {shape, dtype, data}, got ${describe(value)}`);
  }
  const t = value as Partial<TensorLike>;
  const dtype = t.dtype ?? 'float64';
  if (!DTYPES.includes(dtype)) {
    typeError(name, `${name} has unsupported dtype '${String(dtype)}'; expected one of ${DTYPES.join(', ')}`);
  }
  const shape = t.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    typeError(name, `${name}.shape must be a list of non-negative integers, got ${describe(shape)}`);
  }
  const raw = t.data;
  if (raw === null || typeof raw !== 'object' || typeof (raw as ArrayLike<unknown>).length !== 'number') {
    typeError(name, `${name}.data must be an array, got ${describe(raw)}`);
  }
  const src = raw as ArrayLike<unknown>;
  const n = numel(shape);
  if (src.length !== n) {
    valueError(name, `${name}.data has ${src.length} elements but shape [${shape.join(', ')}] needs ${n}`);
  }
  if (meter) checkWork(meter, 'tensor', n, name, name);
  if (dtype === 'float32' && src instanceof Float32Array) return { shape: [...shape], dtype, data: src };
  if (dtype === 'float64' && src instanceof Float64Array) return { shape: [...shape], dtype, data: src };
  const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = decodeNumber(src[i]);
    if (Number.isNaN(x) && !(src[i] === 'nan' || src[i] === 'NaN' || Number.isNaN(src[i] as number))) {
      typeError(name, `${name}.data[${i}] is not a number: ${describe(src[i])}`);
    }
    if (!isFloat(dtype) && !Number.isInteger(x)) {
      typeError(name, `${name} has dtype ${dtype} but data[${i}] = ${String(src[i])} is not an integer`);
    }
    data[i] = x;
  }
  return { shape: [...shape], dtype, data };
}

export function describe(value: unknown): string {
  if (value === null) return 'None';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'an object';
  return String(value);
}

export function shapeStr(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * NumPy/PyTorch broadcasting of two shapes; undefined when they are incompatible.
 */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] | undefined {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return undefined;
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * For each element of `outShape`, the flat index into a tensor of `shape` broadcast to it.
 * Returns undefined when no broadcasting is needed (identity), to keep the common path free.
 * Every broadcast that makes a result larger than an argument passes here, so the budget for
 * broadcast results is checked here, before the index (and the caller's buffers) exist.
 */
export function broadcastIndex(shape: readonly number[], outShape: readonly number[], meter: WorkMeter): Int32Array | undefined {
  if (sameShape(shape, outShape)) return undefined;
  checkWork(meter, 'broadcast', elementsOf(outShape), `the broadcast result ${shapeStr(outShape)}`);
  const n = numel(outShape);
  const idx = new Int32Array(n);
  const nd = outShape.length;
  const strides = new Array<number>(nd).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const o = nd - shape.length + i;
    strides[o] = shape[i] === 1 ? 0 : s;
    s *= shape[i];
  }
  const counter = new Array<number>(nd).fill(0);
  let flat = 0;
  for (let k = 0; k < n; k++) {
    idx[k] = flat;
    for (let d = nd - 1; d >= 0; d--) {
      counter[d]++;
      flat += strides[d];
      if (counter[d] < outShape[d]) break;
      flat -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
  return idx;
}

/** Sums a gradient over the broadcast elements back into the argument's own shape. */
export function sumToShape(grad: ArrayLike<number>, index: Int32Array | undefined, n: number, dtype: FloatDType): FloatArray {
  if (index === undefined) {
    if (grad instanceof Float64Array && dtype === 'float64') return grad;
    if (grad instanceof Float32Array && dtype === 'float32') return grad;
    const out = allocFloat(dtype, n);
    for (let i = 0; i < n; i++) out[i] = grad[i];
    return out;
  }
  const acc = new Float64Array(n);
  for (let k = 0; k < index.length; k++) acc[index[k]] += grad[k];
  if (dtype === 'float64') return acc;
  return Float32Array.from(acc);
}
