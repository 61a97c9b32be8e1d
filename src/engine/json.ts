import type { DType, Tensor } from './tensor';

/** A tensor in the fixture JSON encoding: flat row-major data, non-finite numbers as strings. */
export interface TensorJson {
  shape: number[];
  dtype: DType;
  data: (number | string)[];
}

export function encodeNumber(x: number): number | string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return x;
}

export function tensorToJson(t: Tensor): TensorJson {
  return { shape: [...t.shape], dtype: t.dtype, data: Array.from(t.data, encodeNumber) };
}
