import type { DType, WorkBudget } from '../engine';
import { cast, dtypeOf, engineDType, NUMPY_DTYPES, toTensorValue, TORCH_DTYPES, type Namespace, type TensorValue } from './literalDTypes';
import { applyOp, OP_NAMES } from './literalOps';
import { checkShape, fail, keyword, numelOf, positional, scalarOf, type Arg, type DTypeName, type Value } from './values';
import { own } from './own';



/** Python's builtin types as dtypes: torch and NumPy both map `float` to float64. */
const BUILTIN_DTYPES: Readonly<Record<string, DTypeName>> = { float: 'float64', int: 'int64', bool: 'bool' };

/** What Python's float() accepts besides numbers, lower-cased. */
const FLOAT_WORDS: Readonly<Record<string, number>> = { nan: NaN, inf: Infinity, '-inf': -Infinity, '+inf': Infinity, infinity: Infinity, '-infinity': -Infinity };

function split(name: string): { ns: string; member: string } {
  const i = name.lastIndexOf('.');
  return i < 0 ? { ns: '', member: name } : { ns: name.slice(0, i), member: name.slice(i + 1) };
}

function namespaceOf(ns: string, member: string): Namespace | 'math' | 'builtin' {
  if (ns === 'torch') return 'torch';
  if (ns === 'np' || ns === 'numpy') return 'numpy';
  if (ns === 'math') return 'math';
  if (ns === '') {
    if (member === 'array' || member === 'asarray') return 'numpy';
    if (member === 'float' || member === 'int' || member === 'bool') return 'builtin';
    return 'torch';
  }
  return 'torch';
}

function num(x: number, float: boolean, start: number, end: number): Value {
  return { kind: 'array', shape: [], data: [x], float, bool: false, start, end };
}

/** Bare names and module attributes: nan, inf, True, None, np.nan, math.pi, torch.float64 … */
export function constantByName(name: string, start: number, end: number): Value | undefined {
  const { ns, member } = split(name);
  const space = namespaceOf(ns, member);
  if (ns === '' || space === 'math' || space === 'numpy' || space === 'torch') {
    if (member === 'nan' || member === 'NaN') return num(NaN, true, start, end);
    if (member === 'inf' || member === 'Infinity') return num(Infinity, true, start, end);
    if (space === 'math' && member === 'pi') return num(Math.PI, true, start, end);
    if (space === 'math' && member === 'e') return num(Math.E, true, start, end);
  }
  if (ns === '') {
    if (member === 'True' || member === 'true') return { kind: 'array', shape: [], data: [1], float: false, bool: true, start, end };
    if (member === 'False' || member === 'false') return { kind: 'array', shape: [], data: [0], float: false, bool: true, start, end };
    if (member === 'None' || member === 'null') return { kind: 'none', start, end };
    const d = own(BUILTIN_DTYPES, member);
    if (d) return { kind: 'dtype', dtype: d, start, end };
  }
  const table = space === 'numpy' ? NUMPY_DTYPES : space === 'torch' && ns !== '' ? TORCH_DTYPES : undefined;
  const d = table && own(table, member);
  if (d) return { kind: 'dtype', dtype: d, start, end };
  return undefined;
}

/** Rejects keyword arguments a factory doesn't understand, so typos aren't silently ignored. */
function checkKeywords(fn: string, args: readonly Arg[], allowed: readonly string[]): void {
  for (const a of args) {
    if (a.name !== undefined && !allowed.includes(a.name)) {
      fail(`${fn}() got an unexpected keyword argument '${a.name}'`, a.start, a.name.length);
    }
  }
}

const IGNORED_KEYWORDS = ['requires_grad', 'device', 'pin_memory', 'layout', 'copy', 'order'];

/** `zeros(2, 3)`, `zeros((2, 3))` and `zeros([2, 3])` all mean shape [2, 3]. */
function sizeOf(fn: string, vals: readonly Value[], at: number, budget: WorkBudget): number[] {
  const dims: number[] = [];
  const v0 = vals[0];
  const one = vals.length === 1 && v0.kind === 'array' && v0.shape.length === 1;
  const items = one && v0.kind === 'array' ? v0.data.map((x) => ({ x, v: v0 })) : vals.map((v) => ({ x: scalarOf(v, `${fn}() size`, at), v }));
  for (const { x, v } of items) {
    if (!Number.isInteger(x) || x < 0) fail(`${fn}() size must be non-negative integers, got ${x}`, v.start, v.end - v.start);
    dims.push(x);
  }
  checkShape(budget, dims, `${fn}() of shape [${dims.join(', ')}]`, vals[0]?.start ?? at, vals.length ? vals[vals.length - 1].end - (vals[0]?.start ?? at) : 1);
  return dims;
}

function filled(shape: number[], value: number, dtype: DType, start: number, end: number): TensorValue {
  return cast({ kind: 'tensor', shape, data: new Array<number>(numelOf(shape)).fill(value), dtype, start, end }, dtype, start, end);
}

const RANDOM = new Set(['rand', 'randn', 'randint', 'rand_like', 'randn_like', 'randint_like', 'normal', 'bernoulli', 'multinomial', 'empty', 'empty_like']);

/** Tensor factories of torch and NumPy, and Python's float()/int(). */
export function callFunction(name: string, args: readonly Arg[], start: number, end: number, budget: WorkBudget): Value {
  const { ns, member } = split(name);
  const space = namespaceOf(ns, member);
  const pos = positional(args);
  if (space === 'builtin') {
    const v = pos[0];
    if (v?.kind === 'string') {
      const x = own(FLOAT_WORDS, v.value.trim().toLowerCase());
      const parsed = x ?? Number(v.value);
      if (Number.isNaN(parsed) && x === undefined) fail(`could not convert string to ${member}: '${v.value}'`, v.start, v.end - v.start);
      return num(member === 'int' ? Math.trunc(parsed) : parsed, member === 'float', start, end);
    }
    const x = scalarOf(v, `${member}() argument`, start);
    return num(member === 'int' ? Math.trunc(x) : x, member === 'float', start, end);
  }
  if (space === 'math') return fail(`math.${member}() is not supported; write the number`, start, name.length);
  if (RANDOM.has(member)) {
    return fail(`${name}() draws random values; write the values, or use torch.full, torch.arange or torch.linspace`, start, name.length);
  }
  const dtypeArg = keyword(args, 'dtype');
  const dtype = dtypeOf(dtypeArg, space);
  const fn = `${name}`;
  switch (member) {
    case 'tensor':
    case 'as_tensor':
    case 'array':
    case 'asarray': {
      checkKeywords(fn, args, ['dtype', ...IGNORED_KEYWORDS]);
      const data = pos[0] ?? keyword(args, 'data');
      if (!data) fail(`${fn}() needs the data, e.g. ${fn}([[2.0, -1.0]])`, start);
      // NumPy's second positional argument is the dtype.
      const d2 = space === 'numpy' && pos[1] ? dtypeOf(pos[1], space) : undefined;
      const t = toTensorValue(data, space, dtype ?? d2, dtypeArg ?? pos[1]);
      return { ...t, start, end };
    }
    case 'Tensor':
    case 'FloatTensor':
    case 'DoubleTensor':
    case 'LongTensor':
    case 'IntTensor': {
      checkKeywords(fn, args, IGNORED_KEYWORDS);
      const d: DType = member === 'DoubleTensor' ? 'float64' : member === 'LongTensor' ? 'int64' : member === 'IntTensor' ? 'int32' : 'float32';
      const data = pos[0];
      if (data && data.kind === 'array' && data.shape.length >= 1) return { ...toTensorValue(data, 'torch', d), start, end };
      return filled(sizeOf(fn, pos, start, budget), 0, d, start, end);
    }
    case 'zeros':
    case 'ones': {
      checkKeywords(fn, args, ['dtype', 'size', 'shape', ...IGNORED_KEYWORDS]);
      const sizeVals = pos.length ? pos : [keyword(args, 'size') ?? keyword(args, 'shape')].filter((v): v is Value => !!v);
      const shape = sizeOf(fn, sizeVals, start, budget);
      return filled(shape, member === 'ones' ? 1 : 0, dtype ? engineDType(dtype, dtypeArg!) : space === 'numpy' ? 'float64' : 'float32', start, end);
    }
    case 'full': {
      checkKeywords(fn, args, ['dtype', 'size', 'shape', 'fill_value', ...IGNORED_KEYWORDS]);
      const sizeVal = pos[0] ?? keyword(args, 'size') ?? keyword(args, 'shape');
      const fill = pos[1] ?? keyword(args, 'fill_value');
      if (!sizeVal) fail(`${fn}() needs a size, e.g. ${fn}((2, 3), 0.5)`, start);
      const shape = sizeOf(fn, [sizeVal], start, budget);
      const x = scalarOf(fill, `${fn}() fill_value`, end - 1);
      const isFloat = fill?.kind === 'array' ? fill.float : true;
      const d: DType = dtype ? engineDType(dtype, dtypeArg!) : isFloat ? (space === 'numpy' ? 'float64' : 'float32') : 'int64';
      return filled(shape, x, d, start, end);
    }
    case 'zeros_like':
    case 'ones_like':
    case 'full_like': {
      checkKeywords(fn, args, ['dtype', 'fill_value', ...IGNORED_KEYWORDS]);
      const like = toTensorValue(pos[0] ?? fail(`${fn}() needs a tensor`, start), space);
      const x = member === 'full_like' ? scalarOf(pos[1] ?? keyword(args, 'fill_value'), `${fn}() fill_value`, end - 1) : member === 'ones_like' ? 1 : 0;
      return filled([...like.shape], x, dtype ? engineDType(dtype, dtypeArg!) : like.dtype, start, end);
    }
    case 'arange': {
      checkKeywords(fn, args, ['dtype', 'start', 'end', 'stop', 'step', ...IGNORED_KEYWORDS]);
      const nums = pos.map((v) => scalarOf(v, `${fn}() argument`, start));
      const [a, b, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
      if (nums.length === 0 || nums.length > 3) fail(`${fn}() takes 1 to 3 numbers (end | start, end[, step])`, start);
      if (step === 0 || !Number.isFinite(step)) fail(`${fn}() step must be a non-zero finite number`, start, end - start);
      const count = Math.max(0, Math.ceil((b - a) / step));
      checkShape(budget, [count], `${fn}() of ${count} elements`, start, end - start);
      const isFloat = pos.some((v) => v.kind === 'array' && v.float);
      const data = Array.from({ length: count }, (_, i) => a + i * step);
      const d: DType = dtype ? engineDType(dtype, dtypeArg!) : isFloat ? (space === 'numpy' ? 'float64' : 'float32') : 'int64';
      return cast({ kind: 'tensor', shape: [count], data, dtype: d, start, end }, d, start, end);
    }
    case 'linspace': {
      checkKeywords(fn, args, ['dtype', 'steps', 'num', 'endpoint', ...IGNORED_KEYWORDS]);
      const a = scalarOf(pos[0], `${fn}() start`, start);
      const b = scalarOf(pos[1], `${fn}() end`, start);
      const steps = scalarOf(pos[2] ?? keyword(args, 'steps') ?? keyword(args, 'num') ?? (space === 'numpy' ? num(50, false, end, end) : undefined), `${fn}() steps`, end - 1);
      if (!Number.isInteger(steps) || steps < 0) fail(`${fn}() steps must be a non-negative integer, got ${steps}`, start, end - start);
      checkShape(budget, [steps], `${fn}() of ${steps} steps`, start, end - start);
      const data = Array.from({ length: steps }, (_, i) => (steps === 1 ? a : a + ((b - a) * i) / (steps - 1)));
      return filledFrom([steps], data, dtype ? engineDType(dtype, dtypeArg!) : space === 'numpy' ? 'float64' : 'float32', start, end);
    }
    case 'eye': {
      checkKeywords(fn, args, ['dtype', 'n', 'm', 'M', 'N', ...IGNORED_KEYWORDS]);
      const n = scalarOf(pos[0] ?? keyword(args, 'n') ?? keyword(args, 'N'), `${fn}() n`, start);
      const m = pos[1] || keyword(args, 'm') || keyword(args, 'M') ? scalarOf(pos[1] ?? keyword(args, 'm') ?? keyword(args, 'M'), `${fn}() m`, start) : n;
      const shape = sizeOf(fn, [num(n, false, start, end), num(m, false, start, end)], start, budget);
      const data = new Array<number>(n * m).fill(0);
      for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
      return filledFrom(shape, data, dtype ? engineDType(dtype, dtypeArg!) : space === 'numpy' ? 'float64' : 'float32', start, end);
    }
  }
  if (OP_NAMES.has(member) && space === 'torch' && pos[0]) {
    const rest = args.filter((a) => a.value !== pos[0]);
    return applyOp(member, toTensorValue(pos[0], 'torch'), rest, start, end, budget)!;
  }
  return fail(`${name}() is not a tensor constructor the calculator understands; use torch.tensor, zeros, ones, full, arange, linspace or eye`, start, name.length);
}

function filledFrom(shape: number[], data: number[], dtype: DType, start: number, end: number): TensorValue {
  return cast({ kind: 'tensor', shape, data, dtype, start, end }, dtype, start, end);
}

