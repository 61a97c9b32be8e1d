import type { DType } from '../engine';
import { describeValue, fail, isEngineDType, type DTypeName, type Value } from './values';
import { own } from './own';

/** Dtype names as torch, NumPy and Python spell them, and conversion of parsed values to typed tensors. */
export type TensorValue = Extract<Value, { kind: 'tensor' }>;
export type Namespace = 'torch' | 'numpy';

export const TORCH_DTYPES: Readonly<Record<string, DTypeName>> = {
  float32: 'float32', float: 'float32', float64: 'float64', double: 'float64',
  int64: 'int64', long: 'int64', int32: 'int32', int: 'int32',
  float16: 'float16', half: 'float16', bfloat16: 'bfloat16', bool: 'bool',
  uint8: 'uint8', int8: 'int8', int16: 'int16', short: 'int16',
  complex64: 'complex64', cfloat: 'complex64', complex128: 'complex128', cdouble: 'complex128',
};

export const NUMPY_DTYPES: Readonly<Record<string, DTypeName>> = {
  float32: 'float32', single: 'float32', float64: 'float64', double: 'float64', float_: 'float64',
  int64: 'int64', int_: 'int64', int32: 'int32', intc: 'int32', float16: 'float16', half: 'float16',
  bool_: 'bool', uint8: 'uint8', int8: 'int8', int16: 'int16', complex64: 'complex64', complex128: 'complex128',
};

export function dtypeOf(v: Value | undefined, space: Namespace): DTypeName | undefined {
  if (!v || v.kind === 'none') return undefined;
  if (v.kind === 'dtype') return v.dtype;
  if (v.kind === 'string') {
    const d = own(space === 'numpy' ? NUMPY_DTYPES : TORCH_DTYPES, v.value) ?? own(NUMPY_DTYPES, v.value);
    if (d) return d;
  }
  return fail(`dtype must be a dtype such as torch.float64, got ${describeValue(v)}`, v.start, v.end - v.start);
}

export function engineDType(d: DTypeName, at: Value | { start: number; end: number }): DType {
  if (isEngineDType(d)) return d;
  return fail(`dtype ${d} is not supported by the loss engine; use float32, float64, int64 or int32`, at.start, at.end - at.start);
}

/** list → tensor with the namespace's default dtype (torch: float32/int64; NumPy: float64/int64). */
export function toTensorValue(v: Value, space: Namespace, dtype?: DTypeName, dtypeAt?: Value): TensorValue {
  if (v.kind === 'tensor') return dtype ? cast(v, engineDType(dtype, dtypeAt ?? v), v.start, v.end) : v;
  if (v.kind !== 'array') return fail(`expected a number, a list or a tensor, found ${describeValue(v)}`, v.start, v.end - v.start);
  if (!dtype && v.bool && v.data.length > 0) {
    fail('bool tensors are not supported by the loss engine; write 0 and 1 (or 0.0 and 1.0) instead', v.start, v.end - v.start);
  }
  // An empty list has no integers in it, so both libraries give it their default float dtype.
  const isFloat = v.float || v.data.length === 0;
  const d: DType = dtype ? engineDType(dtype, dtypeAt ?? v) : isFloat ? (space === 'numpy' ? 'float64' : 'float32') : 'int64';
  return cast({ kind: 'tensor', shape: v.shape, data: v.data, dtype: d, start: v.start, end: v.end }, d, v.start, v.end);
}

export function cast(t0: TensorValue, dtype: DType, start: number, end: number): TensorValue {
  // Values of a float32 tensor are float32 values; a later .double() must see the rounded ones.
  const t = t0.dtype === 'float32' && dtype !== 'float32' ? { ...t0, data: t0.data.map(Math.fround) } : t0;
  if (dtype === 'int64' || dtype === 'int32') {
    const data = new Array<number>(t.data.length);
    for (let i = 0; i < t.data.length; i++) {
      const x = t.data[i];
      if (!Number.isFinite(x)) fail(`cannot convert ${x} to an integer dtype (${dtype})`, start, end - start);
      data[i] = Math.trunc(x);
    }
    return { ...t, data, dtype, start, end };
  }
  return { ...t, dtype, start, end };
}
