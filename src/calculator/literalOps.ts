import type { WorkBudget } from '../engine';
import { checkElements, describeValue, fail, numelOf, type Arg, type Value } from './values';
import { own } from './own';

type TensorValue = Extract<Value, { kind: 'tensor' }>;

/**
 * The few functions people apply to literal tensors before a loss (`F.log_softmax(x, dim=1)`,
 * `torch.sigmoid(z)`, `F.one_hot(y, 3)`), so such inputs still count as literals. Computed in
 * float64 and stored in the input's dtype, as PyTorch returns them.
 */
const UNARY: Readonly<Record<string, (x: number) => number>> = {
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  log: Math.log,
  exp: Math.exp,
  tanh: Math.tanh,
  abs: Math.abs,
  relu: (x) => (x > 0 ? x : Number.isNaN(x) ? x : 0),
};

export const OP_NAMES: ReadonlySet<string> = new Set([...Object.keys(UNARY), 'softmax', 'log_softmax', 'one_hot']);

function floatDType(t: TensorValue): 'float32' | 'float64' {
  return t.dtype === 'float64' ? 'float64' : 'float32';
}

function intArg(v: Value | undefined, what: string, fallback: number | undefined, at: number): number {
  if (v === undefined) {
    if (fallback === undefined) fail(`missing ${what}`, at);
    return fallback;
  }
  if (v.kind === 'array' && v.shape.length === 0 && Number.isInteger(v.data[0])) return v.data[0];
  return fail(`${what} must be an integer, got ${describeValue(v)}`, v.start, v.end - v.start);
}

/** softmax / log_softmax along `dim`, with PyTorch's implicit dim when none is given. */
function softmax(t: TensorValue, dimArg: Value | undefined, log: boolean, name: string, start: number, end: number): TensorValue {
  if (t.dtype === 'int64' || t.dtype === 'int32') fail(`"${name}" not implemented for '${t.dtype === 'int64' ? 'Long' : 'Int'}': use .float() first`, start, end - start);
  const rank = t.shape.length;
  const implicit = rank === 0 || rank === 1 || rank === 3 ? 0 : 1;
  let dim = intArg(dimArg, `${name}() dim`, implicit, start);
  if (dim < 0) dim += Math.max(rank, 1);
  if (dim < 0 || dim >= Math.max(rank, 1)) fail(`Dimension out of range (expected to be in range of [${-Math.max(rank, 1)}, ${Math.max(rank, 1) - 1}], but got ${intArg(dimArg, 'dim', implicit, start)})`, dimArg?.start ?? start, 1);
  const size = rank === 0 ? 1 : t.shape[dim];
  const inner = rank === 0 ? 1 : numelOf(t.shape.slice(dim + 1));
  const outer = rank === 0 ? 1 : numelOf(t.shape.slice(0, dim));
  const out = new Array<number>(t.data.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const at = (k: number) => o * size * inner + k * inner + i;
      let max = -Infinity;
      for (let k = 0; k < size; k++) max = Math.max(max, t.data[at(k)]);
      let sum = 0;
      for (let k = 0; k < size; k++) sum += Math.exp(t.data[at(k)] - max);
      const logSum = max + Math.log(sum);
      for (let k = 0; k < size; k++) out[at(k)] = log ? t.data[at(k)] - logSum : Math.exp(t.data[at(k)] - logSum);
    }
  }
  return { ...t, data: out, dtype: floatDType(t), start, end };
}

function oneHot(t: TensorValue, classes: Value | undefined, start: number, end: number, budget: WorkBudget): TensorValue {
  if (t.dtype !== 'int64') fail('one_hot is only applicable to index tensor of type LongTensor', start, end - start);
  const max = t.data.reduce((m, x) => Math.max(m, x), -1);
  let c = intArg(classes, 'one_hot() num_classes', -1, start);
  if (c === -1) c = max + 1;
  if (t.data.some((x) => x < 0 || x >= c)) fail(`Class values must be non-negative and smaller than num_classes (${c})`, start, end - start);
  // One class index of 10⁸ asks for a 10⁸-wide row: refuse it before allocating.
  checkElements(budget, t.data.length * c, `one_hot() with ${c} classes`, start, end - start);
  const data = new Array<number>(t.data.length * c).fill(0);
  t.data.forEach((x, i) => (data[i * c + x] = 1));
  return { ...t, shape: [...t.shape, c], data, dtype: 'int64', start, end };
}

/** Applies `name` to tensor `t` with the call's remaining arguments; undefined when `name` is no op we know. */
export function applyOp(name: string, t: TensorValue, rest: readonly Arg[], start: number, end: number, budget: WorkBudget): TensorValue | undefined {
  const kw = (k: string) => rest.find((a) => a.name === k)?.value;
  const pos = rest.filter((a) => a.name === undefined).map((a) => a.value);
  const f = own(UNARY, name);
  if (f) return { ...t, data: t.data.map(f), dtype: floatDType(t), start, end };
  if (name === 'softmax' || name === 'log_softmax') return softmax(t, pos[0] ?? kw('dim'), name === 'log_softmax', name, start, end);
  if (name === 'one_hot') return oneHot(t, pos[0] ?? kw('num_classes'), start, end, budget);
  return undefined;
}
