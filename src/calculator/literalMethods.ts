import type { DType, WorkBudget } from '../engine';
import { cast, dtypeOf, engineDType, toTensorValue, type Namespace, type TensorValue } from './literalDTypes';
import { applyOp, OP_NAMES } from './literalOps';
import { describeValue, fail, numelOf, positional, scalarOf, type Arg, type Value } from './values';
import { own } from './own';

const CASTS: Readonly<Record<string, DType>> = { float: 'float32', double: 'float64', long: 'int64', int: 'int32' };
const IDENTITY = new Set(['clone', 'detach', 'requires_grad_', 'numpy', 'cpu', 'contiguous']);

/** `.float()`, `.to(torch.float64)`, `.reshape(2, 3)`, `.unsqueeze(0)`, `.T` … on a tensor or list. */
export function callMethod(v: Value, name: string, args: readonly Arg[] | undefined, nameStart: number, end: number, dot: number, budget: WorkBudget): Value {
  const start = v.start;
  const space: Namespace = 'torch';
  const asTensor = (): TensorValue => toTensorValue(v, space);
  if (v.kind === 'dtype' || v.kind === 'none' || v.kind === 'string' || (v.kind === 'array' && v.shape.length === 0 && args === undefined)) {
    return fail(`'.${name}' is not supported on ${describeValue(v)}`, dot, end - dot);
  }
  const pos = args ? positional(args) : [];
  if (name === 'T' && args === undefined) return transpose(asTensor(), start, end);
  if (args === undefined) return fail(`attribute '.${name}' is not supported; call a method such as .float() or .reshape(...)`, nameStart, name.length);
  const castTo = own(CASTS, name);
  if (castTo) return { ...cast(asTensor(), castTo, start, end) };
  if (IDENTITY.has(name)) return { ...asTensor(), start, end };
  switch (name) {
    case 'to':
    case 'type':
    case 'astype': {
      const dv = pos.find((p) => p.kind === 'dtype' || p.kind === 'string') ?? (args.find((a) => a.name === 'dtype')?.value);
      if (!dv) return { ...asTensor(), start, end };
      const d = dtypeOf(dv, name === 'astype' ? 'numpy' : 'torch');
      return cast(asTensor(), engineDType(d!, dv), start, end);
    }
    case 'reshape':
    case 'view': {
      const t = asTensor();
      const n = numelOf(t.shape);
      const dims = pos.length === 1 && pos[0].kind === 'array' && pos[0].shape.length === 1 ? pos[0].data : pos.map((p) => scalarOf(p, `.${name}() size`, nameStart));
      const free = dims.filter((d) => d === -1).length;
      if (free > 1) fail(`only one dimension can be inferred (-1) in .${name}()`, nameStart, end - nameStart);
      const known = numelOf(dims.filter((d) => d !== -1));
      const shape = dims.map((d) => (d === -1 ? (known === 0 ? 0 : n / known) : d));
      if (shape.some((d) => !Number.isInteger(d) || d < 0) || numelOf(shape) !== n) {
        fail(`shape [${dims.join(', ')}] is invalid for input of size ${n}`, nameStart, end - nameStart);
      }
      return { ...t, shape, start, end };
    }
    case 'flatten':
      return { ...asTensor(), shape: [numelOf(asTensor().shape)], start, end };
    case 'unsqueeze': {
      const t = asTensor();
      const d = scalarOf(pos[0] ?? args.find((a) => a.name === 'dim')?.value, '.unsqueeze() dim', nameStart);
      const rank = t.shape.length + 1;
      const at = d < 0 ? d + rank : d;
      if (!Number.isInteger(at) || at < 0 || at >= rank) fail(`dimension out of range (expected to be in range of [${-rank}, ${rank - 1}], but got ${d})`, nameStart, end - nameStart);
      const shape = [...t.shape];
      shape.splice(at, 0, 1);
      return { ...t, shape, start, end };
    }
    case 'squeeze': {
      const t = asTensor();
      if (pos.length === 0) return { ...t, shape: t.shape.filter((d) => d !== 1), start, end };
      const d = scalarOf(pos[0], '.squeeze() dim', nameStart);
      const at = d < 0 ? d + t.shape.length : d;
      if (!Number.isInteger(at) || at < 0 || at >= t.shape.length) fail(`dimension out of range for a tensor of rank ${t.shape.length}: ${d}`, nameStart, end - nameStart);
      return { ...t, shape: t.shape[at] === 1 ? t.shape.filter((_, i) => i !== at) : [...t.shape], start, end };
    }
    case 't':
      return transpose(asTensor(), start, end);
  }
  if (OP_NAMES.has(name) && name !== 'one_hot') return applyOp(name, asTensor(), args, start, end, budget)!;
  return fail(`method '.${name}()' is not supported; the calculator understands .float(), .double(), .long(), .int(), .to(dtype), .reshape(...), .view(...), .unsqueeze(d), .squeeze(), .flatten() and .T`, nameStart, name.length);
}

function transpose(t: TensorValue, start: number, end: number): TensorValue {
  if (t.shape.length < 2) return { ...t, start, end };
  if (t.shape.length > 2) return fail('.T is only supported for 2-D tensors here', start, end - start);
  const [r, c] = t.shape;
  const data = new Array<number>(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) data[j * r + i] = t.data[i * c + j];
  return { ...t, shape: [c, r], data, start, end };
}
