import { lossByModule } from '../../catalogue';
import { callArgs, intLiteral, type CallArgs } from './callArgs';
import { child, namedChildren, textOf, unparen, type SNode } from '../syntax';
import { classOutput, layerValue, sequentialValue } from './models';
import { classOfMethod, enclosingFunction, parameterNames } from './scopes';
import { builtinCall, dataCall } from './containers';
import { binaryScalar } from './scalars';
import { positiveRateCall, positiveRateMethod } from './positiveRates';
import { paddedCall, slicedPadding, tokenizedBatch } from './padding';
import type { Semantics } from './semantics';
import * as N from './torchNames';
import { UNKNOWN, dtypeOnly, element, isProbability, merge, tensor, withInt, type TensorValue, type Value } from './values';

export { callArgs, intLiteral, type CallArgs };

function dtypeOf(s: Semantics, n: SNode | undefined): boolean | undefined {
  if (!n) return undefined;
  const q = s.qualify(n);
  if (q && N.INT_DTYPES.has(q)) return true;
  if (q && N.FLOAT_DTYPES.has(q)) return false;
  const str = textOf(unparen(n)).replace(/['"]/g, '');
  if (/^(torch\.)?(long|int64|int32|int)$/.test(str)) return true;
  if (/^(torch\.)?(float|float32|float64|double)$/.test(str)) return false;
  return undefined;
}


function reshaped(v: Value): Value {
  return v.t === 'tensor' ? { ...v, width: undefined, widthName: undefined } : v;
}

/** Calls: torch functions, tensor methods, layers and models, helper functions, loss constructions. */
export function evaluateCall(s: Semantics, call: SNode): Value {
  const fn = child(call, 'function');
  if (!fn) return UNKNOWN;
  const args = callArgs(call);
  const q = s.qualify(fn);
  // A qualified name torch doesn't explain may be a workspace module's (`from models import Net`).
  if (q) return qualifiedCall(s, call, q, args) ?? calleeCall(s, call, s.valueOf(fn), args);
  if (fn.type === 'attribute') {
    const obj = child(fn, 'object');
    const method = textOf(child(fn, 'attribute') ?? fn);
    // `self.softmax(x)` where `self.softmax = nn.LogSoftmax(dim=1)`: a layer is what it was built as,
    // not what it is called (and an attribute of unknown value says nothing, whatever its name).
    if (obj && ownAttribute(s, obj, method)) return calleeCall(s, call, s.valueOf(fn), args);
    if (obj) {
      const r = methodCall(s, call, obj, method, args);
      if (r) return r;
    }
  }
  if (fn.type === 'identifier') {
    const b = builtinCall(s, call, textOf(fn));
    if (b) return b;
    // `float(a.rating > b.rating)`: a Python 0/1 label, a {0, 1} tensor once a DataLoader batches it.
    const bin = binaryScalar(s, call);
    if (bin) return tensor('labels01', { int: bin.int, origin: call });
  }
  return calleeCall(s, call, s.valueOf(fn), args);
}

/** Whether `obj.name` is an attribute set on an instance of a class defined in the workspace. */
function ownAttribute(s: Semantics, obj: SNode, name: string): boolean {
  const o = unparen(obj);
  if (o.type !== 'identifier') return false;
  const fn = enclosingFunction(o);
  const cls = fn && classOfMethod(fn);
  if (cls && parameterNames(fn!)[0] === textOf(o)) return s.attributesOf(cls).has(name);
  const v = s.valueOf(o);
  return v.t === 'module' && v.cls !== undefined && s.attributesOf(v.cls).has(name);
}

/** Calling a value: a layer or model, a class or function defined in the workspace, a loss. */
function calleeCall(s: Semantics, call: SNode, callee: Value, args: CallArgs): Value {
  const first = args.positional[0];
  switch (callee.t) {
    case 'module':
      if (callee.passthrough) return first ? s.valueOf(first) : UNKNOWN;
      // The activation lives inside the model, so there is nothing to strip at the call.
      if (callee.outs) return { t: 'tuple', items: callee.outs.map((v) => (v.t === 'tensor' ? { ...v, origin: call, inner: undefined, source: v.source ?? v.origin } : v)) };
      if (callee.outDict) return callee.outDict;
      return callee.out ? { ...callee.out, origin: call, inner: undefined, source: callee.out.source ?? callee.out.origin } : UNKNOWN;
    case 'class':
      return { t: 'module', ...classOutput(s, callee.def), name: textOf(child(callee.def, 'name') ?? callee.def), cls: callee.def, construction: call };
    case 'function': {
      // A factory whose result depends on what it is given (`build_model("attn_pool")`,
      // `get_loss(cfg)`) is evaluated again with this call's arguments.
      const v = s.returnValue(callee.def);
      return v.t === 'unknown' ? s.returnFor(callee.def, call) : v;
    }
    case 'lossClass':
      // `cls = nn.MSELoss` … `cls()`: a construction through an alias.
      return { t: 'loss', sig: callee.sig, construction: call };
    case 'layerClass':
      // `ACTIVATIONS[name]()` where the registry holds `nn.Sigmoid`: that layer, built here.
      return layerValue(s, callee.q, call, args) ?? UNKNOWN;
    case 'lossFunction':
    case 'loss':
      return tensor('unknown');
    default:
      // `tokenizer(texts, padding=True, return_tensors="pt")`: input_ids padded with the pad id.
      return tokenizedBatch(call, args) ?? UNKNOWN;
  }
}

function qualifiedCall(s: Semantics, call: SNode, q: string, args: CallArgs): Value | undefined {
  const first = args.positional[0];
  if (N.SIGMOID_FUNCTIONS.has(q)) return tensor('sigmoid', { origin: call, inner: first });
  if (N.SOFTMAX_FUNCTIONS.has(q)) return tensor('softmax', { origin: call, inner: first });
  if (N.LOG_SOFTMAX_FUNCTIONS.has(q)) return tensor('logProbs', { origin: call, inner: first });
  const rate = positiveRateCall(q, call, first);
  if (rate) return rate;
  if (N.LOG_FUNCTIONS.has(q)) return first && isProbability(s.valueOf(first)) ? tensor('logProbs', { origin: call }) : UNKNOWN;
  if (N.ONE_HOT_FUNCTIONS.has(q)) return tensor('oneHot', { int: true, origin: call, inner: first });
  if (N.EYE_FUNCTIONS.has(q)) return { t: 'eye' };
  if (N.ARGMAX_FUNCTIONS.has(q)) return tensor('indices', { int: true, origin: call });
  // A dataclass field's default: `field(default=3)`, `field(default_factory=lambda: {"toxic": 1})`.
  if (q === 'dataclasses.field') {
    const given = args.keywords.get('default');
    if (given) return s.valueOf(given);
    const factory = args.keywords.get('default_factory');
    const body = factory && unparen(factory).type === 'lambda' ? child(unparen(factory), 'body') : undefined;
    return body ? s.valueOf(body) : UNKNOWN;
  }
  if (q === 'torch.randint') {
    const v = randint(args, call);
    const int = dtypeOf(s, args.keywords.get('dtype'));
    return int === undefined ? v : { ...v, int };
  }
  if (q === 'torch.bernoulli') return tensor('labels01', { int: false, origin: call });
  const padded = paddedCall(s, q, args, call);
  if (padded) return padded;
  if (N.TENSOR_FUNCTIONS.has(q)) return literalTensor(s, q, args, call);
  if (N.COMPARISON_FUNCTIONS.has(q)) return tensor('labels01', { int: false, origin: call });
  if (N.ALL_ZERO_FUNCTIONS.has(q)) {
    // All zeros is within {0, 1}: as an embedding loss's target it labels every pair 0, never -1.
    return tensor('labels01', { int: dtypeOf(s, args.keywords.get('dtype')) ?? (q === 'torch.zeros' ? false : undefined), origin: call });
  }
  if (N.ZEROS_FUNCTIONS.has(q) || N.FACTORY_FUNCTIONS.has(q)) {
    let int = dtypeOf(s, args.keywords.get('dtype'));
    // torch.full(size, 1) infers int64 from an int fill value (`real_label = 1` too).
    const fill = q === 'torch.full' || q === 'torch.full_like' ? args.positional[1] ?? args.keywords.get('fill_value') : undefined;
    if (int === undefined && fill && !args.keywords.has('dtype') && (intLiteral(fill) !== undefined || s.valueOf(fill).t === 'int')) int = q === 'torch.full' ? true : undefined;
    if (int === undefined && (q === 'torch.randn' || q === 'torch.rand')) int = false;
    return tensor('unknown', { int, origin: call });
  }
  if (q === 'torch.where') {
    const [, a, b] = args.positional;
    const va = intLiteral(a);
    const vb = intLiteral(b);
    if (va !== undefined && vb !== undefined && [va, vb].every((x) => x === 0 || x === 1)) return tensor('labels01', { int: true, origin: call });
    return UNKNOWN;
  }
  const mod = /^torch\.nn\.(\w+)$/.exec(q);
  const sig = mod ? lossByModule(mod[1]) : undefined;
  if (sig) return { t: 'loss', sig, construction: call };
  if (N.SELECTING_FUNCTIONS.has(q) || N.RESHAPING_FUNCTIONS.has(q)) return first ? selected(s.valueOf(first), call) : UNKNOWN;
  const data = dataCall(s, q, call);
  if (data) return data;
  if (N.SEQUENTIAL.has(q)) return sequentialValue(s, args, call);
  if (q === 'torch.nn.ModuleDict' && first) {
    const v = s.valueOf(first);
    return v.t === 'dict' ? v : UNKNOWN;
  }
  // `Variable(x)` (pre-0.4 autograd) is the tensor itself.
  if (q === 'torch.autograd.Variable' || q === 'torch.autograd.variable.Variable') return first ? s.valueOf(first) : UNKNOWN;
  if (N.MODULE_WRAPPERS.has(q)) {
    const inner = first ?? args.keywords.get('module') ?? args.keywords.get('model');
    const v = inner ? s.valueOf(inner) : UNKNOWN;
    return v.t === 'module' ? v : UNKNOWN;
  }
  const layer = layerValue(s, q, call, args);
  if (layer) return layer;
  return undefined;
}

function randint(args: CallArgs, call: SNode): TensorValue {
  // randint(high, size) or randint(low, high, size)
  const p = args.positional;
  const ints = p.map(intLiteral);
  let low: number | undefined;
  let high: number | undefined;
  if (p.length >= 3) [low, high] = ints;
  else if (p.length === 2) [low, high] = [0, ints[0]];
  if (args.keywords.has('high')) high = intLiteral(args.keywords.get('high'));
  if (args.keywords.has('low')) low = intLiteral(args.keywords.get('low'));
  if (low === 0 && high === 2) return tensor('labels01', { int: true, origin: call });
  return tensor('indices', { int: true, origin: call });
}

/** `torch.tensor([[0, 1], [1, 0]])` and friends: dtype and the set of values from the literal. */
function literalTensor(s: Semantics, q: string, args: CallArgs, call: SNode): Value {
  const data = args.positional[0];
  const explicit = dtypeOf(s, args.keywords.get('dtype'));
  const ctorInt = q === 'torch.LongTensor' || q === 'torch.IntTensor' ? true : q === 'torch.FloatTensor' || q === 'torch.Tensor' ? false : undefined;
  if (!data) return UNKNOWN;
  const lit = readNumbers(repeatedList(unparen(data)));
  if (!lit) {
    // `torch.tensor(np.eye(C)[y])`, `torch.from_numpy(a)`: a conversion keeps what the values mean.
    const v = s.valueOf(data);
    if (v.t === 'tensor' && (v.kind !== 'unknown' || v.int !== undefined)) return { ...v, int: explicit ?? ctorInt ?? v.int, origin: call, inner: undefined };
    // `torch.tensor(prefs)` where `prefs` gathered 1.0/0.0 or class ids by `append`: a vector of them.
    const item = v.t === 'list' ? v.item : undefined;
    if (item?.t === 'tensor' && (item.kind === 'labels01' || item.kind === 'indices')) return tensor(item.kind, { int: explicit ?? ctorInt ?? item.int, origin: call });
    // `torch.tensor(label)` where `label` is 1.0 or 0.0 (a pair's similarity, a click).
    const bin = binaryScalar(s, data);
    if (bin) return tensor('labels01', { int: explicit ?? ctorInt ?? bin.int, origin: call });
    return explicit !== undefined || ctorInt !== undefined ? tensor('unknown', { int: explicit ?? ctorInt, origin: call }) : UNKNOWN;
  }
  const int = explicit ?? ctorInt ?? lit.allInt;
  const values = lit.rows.flat();
  const binary = values.length > 0 && values.every((v) => v === 0 || v === 1);
  if (binary && lit.depth === 2 && lit.rows.length > 0 && lit.rows.every((r) => r.length > 1 && r.filter((v) => v === 1).length === 1))
    return tensor('oneHot', { int, origin: call });
  if (binary) return tensor('labels01', { int, origin: call });
  if (lit.depth === 1 && lit.allInt && values.every((v) => v >= 0)) return tensor('indices', { int, origin: call });
  return tensor('unknown', { int, origin: call });
}

/** `[1, 0] * 5` → `[1, 0]`: repeating a list keeps its values. */
function repeatedList(n: SNode): SNode {
  if (n.type !== 'binary_operator' || n.children.length !== 2) return n;
  const [a, b] = n.children.map(unparen);
  if ((a.type === 'list' || a.type === 'tuple') && b.type === 'integer') return a;
  if ((b.type === 'list' || b.type === 'tuple') && a.type === 'integer') return b;
  return n;
}

function readNumbers(n: SNode): { rows: number[][]; depth: number; allInt: boolean } | undefined {
  if (n.type !== 'list' && n.type !== 'tuple') return undefined;
  const items = namedChildren(n);
  let allInt = true;
  const num = (x: SNode): number | undefined => {
    const u = unparen(x);
    if (u.type === 'integer') return intLiteral(u);
    if (u.type === 'float') {
      allInt = false;
      return Number(textOf(u));
    }
    if (u.type === 'unary_operator' && textOf(u).startsWith('-')) {
      const inner = namedChildren(u)[0];
      const v = inner ? num(inner) : undefined;
      return v === undefined ? undefined : -v;
    }
    return undefined;
  };
  if (items.every((i) => unparen(i).type === 'list' || unparen(i).type === 'tuple') && items.length > 0) {
    const rows: number[][] = [];
    for (const r of items) {
      const row = namedChildren(unparen(r)).map(num);
      if (row.some((v) => v === undefined)) return undefined;
      rows.push(row as number[]);
    }
    return { rows, depth: 2, allInt };
  }
  const row = items.map(num);
  if (row.some((v) => v === undefined)) return undefined;
  return { rows: [row as number[]], depth: 1, allInt };
}

function methodCall(s: Semantics, call: SNode, obj: SNode, name: string, args: CallArgs): Value | undefined {
  const objValue = (): Value => s.valueOf(obj);
  // `x.sigmoid_()` changes `x` in place to what `x.sigmoid()` returns (it rebinds `x`, see scopes).
  const inPlace = name.endsWith('_') && !name.endsWith('__') && IN_PLACE.has(name.slice(0, -1));
  const method = inPlace ? name.slice(0, -1) : name;
  if (inPlace && (method === 'sigmoid' || method === 'softmax' || method === 'log_softmax')) {
    return tensor(method === 'log_softmax' ? 'logProbs' : method, { origin: call });
  }
  if (N.COMPARISON_METHODS.has(method)) return tensor('labels01', { int: false, origin: call });
  const rate = positiveRateMethod(method, call, obj);
  if (rate) return rate;
  switch (method) {
    case 'sigmoid':
      return tensor('sigmoid', { origin: call, inner: obj });
    case 'softmax':
      return tensor('softmax', { origin: call, inner: obj });
    case 'log_softmax':
      return tensor('logProbs', { origin: call, inner: obj });
    case 'log':
      return isProbability(objValue()) ? tensor('logProbs', { origin: call }) : UNKNOWN;
    case 'argmax':
      return tensor('indices', { int: true, origin: call });
    case 'scatter_':
    case 'scatter': {
      const base = unparen(obj);
      const src = args.positional[2] ?? args.keywords.get('value') ?? args.keywords.get('src');
      const isZeros = (base.type === 'call' && (() => {
        const q = s.qualify(child(base, 'function')!);
        return q !== undefined && N.ZEROS_FUNCTIONS.has(q);
      })()) || allZeros(s, objValue());
      const one = src && /^1(\.0*)?$/.test(textOf(unparen(src)));
      return isZeros && one && intLiteral(args.positional[0]) === 1 ? tensor('oneHot', { origin: call }) : UNKNOWN;
    }
    case 'astype': {
      // NumPy's `labels.astype(np.int64)`: a cast like torch's.
      const d = dtypeOf(s, args.positional[0] ?? args.keywords.get('dtype'));
      return d === undefined ? UNKNOWN : withInt(objValue(), d);
    }
    case 'to':
    case 'type': {
      const target = args.keywords.get('dtype') ?? args.positional[0];
      const d = dtypeOf(s, target);
      if (d !== undefined) return withInt(objValue(), d);
      if (method !== 'to') return UNKNOWN;
      const v = objValue();
      // `.to(device)` keeps the dtype; `.to(x.dtype)`, `.to(dtype=…)`, `.to(other)` may change it.
      if (v.t !== 'tensor' || v.int === undefined || !target || (!args.keywords.has('dtype') && looksLikeDevice(target))) return v;
      return { ...v, int: undefined };
    }
    case 'fill_': {
      // `label.fill_(FAKE)`: new values, the same dtype (an int64 label tensor stays one).
      const fill = args.positional[0];
      const v = dtypeOnly(objValue());
      return v.t === 'tensor' && fill && binaryScalar(s, fill) ? { ...v, kind: 'labels01', origin: call } : v;
    }
    case 'parse_args':
      return { t: 'namespace', parser: obj };
    case 'values':
    case 'items': {
      // A dict whose values are alike: `.values()` gives them, `.items()` (key, value) pairs.
      const v = objValue();
      if (v.t !== 'map' || args.positional.length > 0) return undefined;
      return { t: 'list', item: method === 'values' ? v.value : { t: 'tuple', items: [UNKNOWN, v.value] } };
    }
    case 'forward': {
      const v = objValue();
      return v.t === 'module' && v.out ? { ...v.out, origin: call, inner: undefined } : undefined;
    }
  }
  if (CLAMPS.has(method)) {
    // `probs.clamp_min(1e-8)`, `probs.clamp(min=eps)`: still probabilities (only they are worth keeping).
    const v = objValue();
    return isProbability(v) ? { ...v, origin: call, inner: undefined, guarded: true } : UNKNOWN;
  }
  if (N.INT_CAST_METHODS.has(method) && args.positional.length === 0) return withInt(objValue(), true);
  if (N.FLOAT_CAST_METHODS.has(method) && args.positional.length === 0) return withInt(objValue(), false);
  if (N.KIND_PRESERVING_METHODS.has(method)) {
    const v = objValue();
    return v.t === 'tensor' || v.t === 'module' || v.t === 'loss' ? v : UNKNOWN;
  }
  if (N.RESHAPING_METHODS.has(method)) return reshaped(objValue());
  if (N.SELECTING_METHODS.has(method)) return selected(objValue(), call);
  return undefined;
}

/**
 * `pi.gather(1, a)`, `x.index_select(0, idx)`, `torch.flatten(p)`: picking or rearranging elements keeps
 * what they mean, not the width; a one-hot stays one only when whole rows are picked, so not here.
 */
function selected(v: Value, call: SNode): Value {
  if (v.t !== 'tensor') return UNKNOWN;
  if (v.kind === 'oneHot') return v.int === undefined ? UNKNOWN : tensor('unknown', { int: v.int, origin: call });
  // Picked elements (`masked_select(y, y != PAD)`) may leave the padding out.
  return { ...v, width: undefined, widthName: undefined, origin: call, inner: undefined, padding: undefined };
}

/** `'cuda'`, `device`, `x.device`, `torch.device(…)`, `args.gpu`: arguments of `.to` that move, not cast. */
function looksLikeDevice(n: SNode): boolean {
  const u = unparen(n);
  if (u.type === 'string' || u.type === 'integer') return true;
  const name = u.type === 'identifier' ? textOf(u) : u.type === 'attribute' ? textOf(child(u, 'attribute') ?? u) : u.type === 'call' ? textOf(child(u, 'function') ?? u) : '';
  return /device|dev$|gpu|cuda|cpu|rank/i.test(name);
}

const CLAMPS = new Set(['clamp', 'clamp_min', 'clip']);

/** In-place methods whose out-of-place twin keeps or sets what the values mean (`scatter_` included). */
const IN_PLACE = new Set(['sigmoid', 'scatter', ...N.KIND_PRESERVING_METHODS, ...N.RESHAPING_METHODS]);

/** A tensor made by `torch.zeros(...)` (through a variable: `oh = torch.zeros(n, C)`; `oh.scatter_(…)`). */
function allZeros(s: Semantics, v: Value): boolean {
  if (v.t !== 'tensor' || v.origin?.type !== 'call') return false;
  const fn = child(v.origin, 'function');
  const q = fn && s.qualify(fn);
  return q !== undefined && N.ALL_ZERO_FUNCTIONS.has(q);
}

/** `torch.eye(C)[y]` is one-hot; other subscripts say nothing. */
export function evaluateSubscript(s: Semantics, n: SNode): Value {
  const value = child(n, 'value');
  if (!value) return UNKNOWN;
  const v = s.valueOf(value);
  if (v.t === 'eye') return tensor('oneHot', { origin: n, inner: child(n, 'subscript') });
  if (v.t === 'tuple') {
    const keys = n.children.filter((c) => c.field === 'subscript');
    const key = keys.length === 1 ? unparen(keys[0]) : undefined;
    const i = key?.type === 'unary_operator' && textOf(key).startsWith('-') ? -(intLiteral(namedChildren(key)[0]) ?? NaN) : intLiteral(key);
    return i === undefined || Number.isNaN(i) ? UNKNOWN : element(v, i);
  }
  // `loaders[phase]` of a dict whose values are alike; `batches[i]` of a list; `batches[1:]` is a list too.
  if (v.t === 'map') return v.value;
  if (v.t === 'list') {
    const keys = n.children.filter((c) => c.field === 'subscript');
    return keys.length === 1 && unparen(keys[0]).type === 'slice' ? v : keys.length === 1 ? v.item : UNKNOWN;
  }
  if (v.t === 'dict') {
    const key = child(n, 'subscript');
    // `LOSSES["bce"]`, or `LOSSES[name]` where `name` is known to be `"bce"` (a config value, a parameter).
    const kv = key && unparen(key).type !== 'string' ? s.valueOf(key) : undefined;
    const k = key && unparen(key).type === 'string' ? textOf(unparen(key)).slice(1, -1) : kv?.t === 'str' ? kv.value : undefined;
    // An unknown key is one of the keys (or a KeyError): what every value agrees on.
    if (k === undefined) return merge([...v.entries.values()].map((e) => s.valueOf(e)).concat([...(v.overrides?.values() ?? [])], v.rest ? [v.rest] : []));
    const set = v.overrides?.get(k);
    if (set) return set;
    const entry = v.entries.get(k);
    return entry ? s.valueOf(entry) : v.rest ?? UNKNOWN;
  }
  // `y[idx]`, `y[:64]`, `logits[:, 0]`: selecting elements keeps what they mean (not the width).
  // A one-hot stays one only when whole rows are picked.
  if (v.t === 'tensor' && v.kind !== 'unknown') {
    const keys = n.children.filter((c) => c.field === 'subscript');
    // `y[idx]`, `y[n:]` pick rows; `y[:, pos, :]` keeps the last (class) dimension whole: both stay one-hot.
    const last = keys.length > 0 ? unparen(keys[keys.length - 1]) : undefined;
    const wholeRows = keys.length === 1 || (last?.type === 'slice' && namedChildren(last).length === 0);
    if (v.kind === 'oneHot' && !wholeRows) return UNKNOWN;
    return { ...v, width: undefined, widthName: undefined, origin: n, inner: undefined, padding: slicedPadding(n, v) };
  }
  const padding = v.t === 'tensor' ? slicedPadding(n, v) : undefined;
  if (v.t === 'tensor' && (v.int !== undefined || padding !== undefined)) return tensor('unknown', { int: v.int, padding, origin: n });
  return UNKNOWN;
}

export type { TensorValue };
