import type { DType } from '../engine';
import { applyOp, OP_NAMES } from './literalOps';
import { describeValue, fail, isEngineDType, MAX_ELEMENTS, numelOf, type Arg, type DTypeName, type Value } from './values';

type TensorValue = Extract<Value, { kind: 'tensor' }>;
type Namespace = 'torch' | 'numpy';

const TORCH_DTYPES: Readonly<Record<string, DTypeName>> = {
  float32: 'float32', float: 'float32', float64: 'float64', double: 'float64',
  int64: 'int64', long: 'int64', int32: 'int32', int: 'int32',
  float16: 'float16', half: 'float16', bfloat16: 'bfloat16', bool: 'bool',
  uint8: 'uint8', int8: 'int8', int16: 'int16', short: 'int16',
  complex64: 'complex64', cfloat: 'complex64', complex128: 'complex128', cdouble: 'complex128',
};

const NUMPY_DTYPES: Readonly<Record<string, DTypeName>> = {
  float32: 'float32', single: 'float32', float64: 'float64', double: 'float64', float_: 'float64',
  int64: 'int64', int_: 'int64', int32: 'int32', intc: 'int32', float16: 'float16', half: 'float16',
  bool_: 'bool', uint8: 'uint8', int8: 'int8', int16: 'int16', complex64: 'complex64', complex128: 'complex128',
};

/** Python's builtin types as dtypes: torch and NumPy both map `float` to float64. */
const BUILTIN_DTYPES: Readonly<Record<string, DTypeName>> = { float: 'float64', int: 'int64', bool: 'bool' };

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
    const d = BUILTIN_DTYPES[member];
    if (d) return { kind: 'dtype', dtype: d, start, end };
  }
  const table = space === 'numpy' ? NUMPY_DTYPES : space === 'torch' && ns !== '' ? TORCH_DTYPES : undefined;
  const d = table?.[member];
  if (d) return { kind: 'dtype', dtype: d, start, end };
  return undefined;
}

function dtypeOf(v: Value | undefined, space: Namespace): DTypeName | undefined {
  if (!v || v.kind === 'none') return undefined;
  if (v.kind === 'dtype') return v.dtype;
  if (v.kind === 'string') {
    const d = (space === 'numpy' ? NUMPY_DTYPES : TORCH_DTYPES)[v.value] ?? NUMPY_DTYPES[v.value];
    if (d) return d;
  }
  return fail(`dtype must be a dtype such as torch.float64, got ${describeValue(v)}`, v.start, v.end - v.start);
}

function engineDType(d: DTypeName, at: Value | { start: number; end: number }): DType {
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

function cast(t0: TensorValue, dtype: DType, start: number, end: number): TensorValue {
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

function positional(args: readonly Arg[]): Value[] {
  return args.filter((a) => a.name === undefined).map((a) => a.value);
}

function keyword(args: readonly Arg[], name: string): Value | undefined {
  return args.find((a) => a.name === name)?.value;
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

function scalarOf(v: Value | undefined, what: string, at: number): number {
  if (!v) return fail(`missing ${what}`, at);
  if ((v.kind === 'array' || v.kind === 'tensor') && v.shape.length === 0) return v.data[0];
  return fail(`${what} must be a number, got ${describeValue(v)}`, v.start, v.end - v.start);
}

/** `zeros(2, 3)`, `zeros((2, 3))` and `zeros([2, 3])` all mean shape [2, 3]. */
function sizeOf(fn: string, vals: readonly Value[], at: number): number[] {
  const dims: number[] = [];
  const v0 = vals[0];
  const one = vals.length === 1 && v0.kind === 'array' && v0.shape.length === 1;
  const items = one && v0.kind === 'array' ? v0.data.map((x) => ({ x, v: v0 })) : vals.map((v) => ({ x: scalarOf(v, `${fn}() size`, at), v }));
  for (const { x, v } of items) {
    if (!Number.isInteger(x) || x < 0) fail(`${fn}() size must be non-negative integers, got ${x}`, v.start, v.end - v.start);
    dims.push(x);
  }
  checkSize(dims, vals[0]?.start ?? at, vals.length ? vals[vals.length - 1].end - (vals[0]?.start ?? at) : 1);
  return dims;
}

function checkSize(shape: readonly number[], start: number, length: number): void {
  const n = numelOf(shape);
  if (n > MAX_ELEMENTS) fail(`shape [${shape.join(', ')}] has ${n.toLocaleString('en')} elements; the calculator holds at most ${MAX_ELEMENTS.toLocaleString('en')}`, start, length);
}

function filled(shape: number[], value: number, dtype: DType, start: number, end: number): TensorValue {
  return cast({ kind: 'tensor', shape, data: new Array<number>(numelOf(shape)).fill(value), dtype, start, end }, dtype, start, end);
}

const RANDOM = new Set(['rand', 'randn', 'randint', 'rand_like', 'randn_like', 'randint_like', 'normal', 'bernoulli', 'multinomial', 'empty', 'empty_like']);

/** Tensor factories of torch and NumPy, and Python's float()/int(). */
export function callFunction(name: string, args: readonly Arg[], start: number, end: number): Value {
  const { ns, member } = split(name);
  const space = namespaceOf(ns, member);
  const pos = positional(args);
  if (space === 'builtin') {
    const v = pos[0];
    if (v?.kind === 'string') {
      const x = { nan: NaN, inf: Infinity, '-inf': -Infinity, '+inf': Infinity, infinity: Infinity, '-infinity': -Infinity }[v.value.trim().toLowerCase()];
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
      return filled(sizeOf(fn, pos, start), 0, d, start, end);
    }
    case 'zeros':
    case 'ones': {
      checkKeywords(fn, args, ['dtype', 'size', 'shape', ...IGNORED_KEYWORDS]);
      const sizeVals = pos.length ? pos : [keyword(args, 'size') ?? keyword(args, 'shape')].filter((v): v is Value => !!v);
      const shape = sizeOf(fn, sizeVals, start);
      return filled(shape, member === 'ones' ? 1 : 0, dtype ? engineDType(dtype, dtypeArg!) : space === 'numpy' ? 'float64' : 'float32', start, end);
    }
    case 'full': {
      checkKeywords(fn, args, ['dtype', 'size', 'shape', 'fill_value', ...IGNORED_KEYWORDS]);
      const sizeVal = pos[0] ?? keyword(args, 'size') ?? keyword(args, 'shape');
      const fill = pos[1] ?? keyword(args, 'fill_value');
      if (!sizeVal) fail(`${fn}() needs a size, e.g. ${fn}((2, 3), 0.5)`, start);
      const shape = sizeOf(fn, [sizeVal], start);
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
      checkSize([count], start, end - start);
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
      checkSize([steps], start, end - start);
      const data = Array.from({ length: steps }, (_, i) => (steps === 1 ? a : a + ((b - a) * i) / (steps - 1)));
      return filledFrom([steps], data, dtype ? engineDType(dtype, dtypeArg!) : space === 'numpy' ? 'float64' : 'float32', start, end);
    }
    case 'eye': {
      checkKeywords(fn, args, ['dtype', 'n', 'm', 'M', 'N', ...IGNORED_KEYWORDS]);
      const n = scalarOf(pos[0] ?? keyword(args, 'n') ?? keyword(args, 'N'), `${fn}() n`, start);
      const m = pos[1] || keyword(args, 'm') || keyword(args, 'M') ? scalarOf(pos[1] ?? keyword(args, 'm') ?? keyword(args, 'M'), `${fn}() m`, start) : n;
      const shape = sizeOf(fn, [num(n, false, start, end), num(m, false, start, end)], start);
      const data = new Array<number>(n * m).fill(0);
      for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
      return filledFrom(shape, data, dtype ? engineDType(dtype, dtypeArg!) : space === 'numpy' ? 'float64' : 'float32', start, end);
    }
  }
  if (OP_NAMES.has(member) && space === 'torch' && pos[0]) {
    const rest = args.filter((a) => a.value !== pos[0]);
    return applyOp(member, toTensorValue(pos[0], 'torch'), rest, start, end)!;
  }
  return fail(`${name}() is not a tensor constructor the calculator understands; use torch.tensor, zeros, ones, full, arange, linspace or eye`, start, name.length);
}

function filledFrom(shape: number[], data: number[], dtype: DType, start: number, end: number): TensorValue {
  return cast({ kind: 'tensor', shape, data, dtype, start, end }, dtype, start, end);
}

const CASTS: Readonly<Record<string, DType>> = { float: 'float32', double: 'float64', long: 'int64', int: 'int32' };
const IDENTITY = new Set(['clone', 'detach', 'requires_grad_', 'numpy', 'cpu', 'contiguous']);

/** `.float()`, `.to(torch.float64)`, `.reshape(2, 3)`, `.unsqueeze(0)`, `.T` … on a tensor or list. */
export function callMethod(v: Value, name: string, args: readonly Arg[] | undefined, nameStart: number, end: number, dot: number): Value {
  const start = v.start;
  const space: Namespace = 'torch';
  const asTensor = (): TensorValue => toTensorValue(v, space);
  if (v.kind === 'dtype' || v.kind === 'none' || v.kind === 'string' || (v.kind === 'array' && v.shape.length === 0 && args === undefined)) {
    return fail(`'.${name}' is not supported on ${describeValue(v)}`, dot, end - dot);
  }
  const pos = args ? positional(args) : [];
  if (name === 'T' && args === undefined) return transpose(asTensor(), start, end);
  if (args === undefined) return fail(`attribute '.${name}' is not supported; call a method such as .float() or .reshape(...)`, nameStart, name.length);
  if (CASTS[name]) return { ...cast(asTensor(), CASTS[name], start, end) };
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
  if (OP_NAMES.has(name) && name !== 'one_hot') return applyOp(name, asTensor(), args, start, end)!;
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
