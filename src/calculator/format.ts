import type { DType } from '../engine';

interface TensorData {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly data: ArrayLike<number>;
}

/** Shortest decimal that reads back to the same float32 value (what PyTorch's repr aims for). */
function shortestFloat32(x: number): string {
  const f = Math.fround(x);
  for (let p = 1; p <= 9; p++) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return String(s);
  }
  return String(f);
}

/** A number as Python source: `1.0` for whole floats, `float('nan')` for non-finite values. */
export function pythonNumber(x: number, dtype: DType): string {
  if (Number.isNaN(x)) return "float('nan')";
  if (x === Infinity) return "float('inf')";
  if (x === -Infinity) return "-float('inf')";
  if (dtype === 'int64' || dtype === 'int32') return String(Math.trunc(x));
  const s = dtype === 'float32' ? shortestFloat32(x) : String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A number for people: 4 significant digits by default, PyTorch-like for nan/inf. */
export function displayNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-4) return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(digits)));
}

/** Nested Python list text for row-major data, e.g. `[[2.0, -1.0], [0.5, 0.1]]`. */
export function nestedList(t: TensorData): string {
  const { shape, data, dtype } = t;
  if (shape.length === 0) return pythonNumber(data[0], dtype);
  let i = 0;
  const walk = (dim: number): string => {
    const parts: string[] = [];
    for (let k = 0; k < shape[dim]; k++) {
      parts.push(dim === shape.length - 1 ? pythonNumber(data[i++], dtype) : walk(dim + 1));
    }
    return `[${parts.join(', ')}]`;
  };
  return walk(0);
}

/**
 * `torch.tensor(...)` source reproducing `t` exactly: PyTorch infers float32/int64 from the
 * literal, so only float64 and int32 need an explicit dtype.
 */
export function torchTensorSource(t: TensorData, extra: readonly string[] = []): string {
  const kw = [...extra];
  if (t.dtype === 'float64') kw.unshift('dtype=torch.float64');
  if (t.dtype === 'int32') kw.unshift('dtype=torch.int32');
  // An empty int64 tensor reads back as float32 without a dtype.
  if (t.dtype === 'int64' && t.data.length === 0) kw.unshift('dtype=torch.long');
  const body = nestedList(t);
  return `torch.tensor(${[body, ...kw].join(', ')})`;
}

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
