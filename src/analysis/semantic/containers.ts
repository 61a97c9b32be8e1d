import { child, namedChildren, textOf, unparen, type SNode } from '../syntax';
import { callArgs } from './callArgs';
import { classOfMethod, enclosingFunction, parameterNames, scopeOf } from './scopes';
import { stringLiteral } from './strings';
import type { Semantics } from './semantics';
import { UNKNOWN, merge, tensor, withInt, type Value } from './values';

/** Builtins that iterate what they are given; shadowed names are left to the file's own bindings. */
const ITERATING_BUILTINS = new Set(['enumerate', 'zip', 'iter', 'next', 'list', 'tuple', 'sorted', 'reversed', 'len']);
/** Torch calls whose items (or batches) hold what the items of their first argument hold. */
const DATA_WRAPPERS = new Set(['torch.utils.data.DataLoader', 'torch.utils.data.Subset', 'torch.utils.data.dataloader.DataLoader']);
/** torchvision datasets whose samples are `(image, class index)` (with the default target transform). */
const LABELLED_DATASETS = new Set(
  ['ImageFolder', 'DatasetFolder', 'MNIST', 'FashionMNIST', 'KMNIST', 'QMNIST', 'EMNIST', 'CIFAR10', 'CIFAR100', 'SVHN', 'STL10', 'ImageNet', 'Food101', 'Flowers102', 'Caltech101', 'GTSRB']
    .map((n) => `torchvision.datasets.${n}`),
);
const PROGRESS_BARS = new Set(['tqdm.tqdm', 'tqdm.auto.tqdm', 'tqdm.notebook.tqdm', 'tqdm.std.tqdm', 'tqdm']);
/** Torch calls joining a list of tensors into one tensor of the same kind. */
const JOINS = new Set(['torch.stack', 'torch.cat', 'torch.concat', 'torch.concatenate', 'torch.vstack', 'torch.hstack']);

/** What one item of iterating `v` holds (a row of a tensor, a sample or batch of a dataset). */
export function iterated(s: Semantics, v: Value): Value {
  switch (v.t) {
    case 'list':
      return v.item;
    case 'tuple':
      return merge([...v.items]);
    case 'tensor':
      return v.kind === 'unknown' && v.int === undefined ? UNKNOWN : { ...v, width: undefined, widthName: undefined };
    case 'module': {
      // A `Dataset` defined in the workspace: its items are what `__getitem__` returns.
      const getitem = v.cls && s.methodOf(v.cls, '__getitem__');
      return getitem ? s.returnValue(getitem) : UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/**
 * `[a, b]` (every element alike), or `[]` filled by `.append(…)` calls: on a name, in the same scope;
 * on `self.x`, in the methods of the same class. `xs, ys = [], []` names each list in turn.
 */
export function listLiteral(s: Semantics, n: SNode): Value {
  const items = namedChildren(n);
  if (items.some((i) => i.type === 'list_splat')) return UNKNOWN;
  if (items.length > 0) return { t: 'list', item: merge(items.map((i) => s.valueOf(i))), length: items.length };
  const target = assignedTo(n);
  if (!target) return { t: 'list', item: UNKNOWN };
  const name = textOf(target);
  const self = target.type === 'attribute' ? selfTarget(target) : undefined;
  if (target.type !== 'identifier' && !self) return { t: 'list', item: UNKNOWN };
  const scope = scopeOf(n);
  const appended: Value[] = [];
  for (const call of s.callsNamed('append')) {
    const fn = child(call, 'function');
    const obj = fn?.type === 'attribute' ? child(fn, 'object') : undefined;
    if (!obj || obj.type !== target.type || textOf(obj) !== name) continue;
    if (self ? classOf(call) !== self.cls || selfTarget(obj)?.self !== self.self : scopeOf(call) !== scope) continue;
    const arg = callArgs(call).positional[0];
    appended.push(arg ? s.valueOf(arg) : UNKNOWN);
  }
  return { t: 'list', item: merge(appended) };
}

/** The name or attribute an expression is assigned to: `xs = …`, or its place in `xs, ys = …, …`. */
function assignedTo(n: SNode): SNode | undefined {
  const parent = n.parent;
  if (parent?.type === 'assignment' && n.field === 'right') return child(parent, 'left') ?? undefined;
  if (parent?.type !== 'expression_list' || parent.parent?.type !== 'assignment' || parent.field !== 'right') return undefined;
  const left = child(parent.parent, 'left');
  if (!left || (left.type !== 'pattern_list' && left.type !== 'tuple_pattern')) return undefined;
  const targets = namedChildren(left);
  const values = namedChildren(parent);
  return targets.length === values.length ? targets[values.indexOf(n)] : undefined;
}

/** `self.x` inside a method: the class and the name of `self` (so appends in other methods count). */
function selfTarget(attr: SNode): { cls: SNode; self: string } | undefined {
  const obj = child(attr, 'object');
  const cls = classOf(attr);
  return obj?.type === 'identifier' && cls ? { cls, self: textOf(obj) } : undefined;
}

/** The class whose method holds `n`. */
function classOf(n: SNode): SNode | undefined {
  const fn = enclosingFunction(n);
  return fn ? classOfMethod(fn) : undefined;
}

/** `enumerate(loader)`, `zip(a, b)`, `next(iter(loader))`, … when the name is Python's builtin. */
export function builtinCall(s: Semantics, call: SNode, name: string): Value | undefined {
  if (!ITERATING_BUILTINS.has(name) || s.lookup(name, call).t !== 'unknown') return undefined;
  const args = callArgs(call);
  const values = args.positional.map((a) => s.valueOf(a));
  switch (name) {
    case 'enumerate':
      // The counter is a non-negative Python int, kept as a class index: `{c: i for i, c in
      // enumerate(classes)}` maps names to the ids a Dataset returns as labels (batched, int64 indices).
      return values[0] ? { t: 'list', item: { t: 'tuple', items: [tensor('indices', { int: true, origin: call }), iterated(s, values[0])] } } : UNKNOWN;
    case 'zip': {
      // `zip(*batch)` over samples `(x, y)`: its i-th tuple gathers the samples' i-th parts.
      const splat = zipOfSplat(s, call);
      if (splat) return splat;
      return { t: 'list', item: { t: 'tuple', items: values.map((v) => iterated(s, v)) } };
    }
    case 'next':
      return values[0] ? iterated(s, values[0]) : UNKNOWN;
    case 'len': {
      // `len(CLASSES)` of a literal list or tuple: a width given by a list of class names.
      const v = values[0];
      const n = v?.t === 'list' ? v.length : v?.t === 'tuple' ? v.items.length : undefined;
      return n === undefined ? UNKNOWN : { t: 'int', value: n };
    }
    default:
      return values[0] ? { t: 'list', item: iterated(s, values[0]) } : UNKNOWN;
  }
}

/** `zip(*samples)` where every sample is a tuple: the tuple of its columns, each a list of that part. */
function zipOfSplat(s: Semantics, call: SNode): Value | undefined {
  const list = child(call, 'arguments');
  const only = list ? namedChildren(list) : [];
  if (only.length !== 1 || only[0].type !== 'list_splat') return undefined;
  const inner = namedChildren(only[0])[0];
  const sample = inner ? iterated(s, s.valueOf(inner)) : UNKNOWN;
  return sample.t === 'tuple' ? { t: 'tuple', items: sample.items.map((item) => ({ t: 'list', item })) } : UNKNOWN;
}

/** `DataLoader(ds)`, `TensorDataset(x, y)`, `torch.stack(probs)`, …; undefined for other names. */
export function dataCall(s: Semantics, q: string, call: SNode): Value | undefined {
  const args = callArgs(call);
  const first = args.positional[0] ?? args.keywords.get('dataset') ?? args.keywords.get('tensors');
  if (DATA_WRAPPERS.has(q)) {
    // A `collate_fn` builds each batch: the batches are what it returns.
    const collate = args.keywords.get('collate_fn');
    if (collate) return { t: 'list', item: collated(s, collate, first ? iterated(s, s.valueOf(first)) : UNKNOWN) };
    return first ? { t: 'list', item: iterated(s, s.valueOf(first)) } : UNKNOWN;
  }
  if (q === 'torch.utils.data.TensorDataset') {
    if (args.hasSplat) return UNKNOWN;
    return { t: 'list', item: { t: 'tuple', items: args.positional.map((a) => iterated(s, s.valueOf(a))) } };
  }
  // scikit-learn's `train_test_split(X, y)` gives (X_train, X_test, y_train, y_test): rows keep what they hold.
  if (q === 'sklearn.model_selection.train_test_split') {
    if (args.hasSplat) return UNKNOWN;
    return { t: 'tuple', items: args.positional.flatMap((a) => {
      const v = s.valueOf(a);
      return [v, v];
    }) };
  }
  // A progress bar iterates what it wraps.
  if (PROGRESS_BARS.has(q)) return first ? s.valueOf(first) : UNKNOWN;
  if (q === 'torch.utils.data.random_split') return first ? { t: 'list', item: s.valueOf(first) } : UNKNOWN;
  // torchvision's classification datasets yield (image, class index); batched, an int64 tensor.
  if (LABELLED_DATASETS.has(q) && !args.keywords.has('target_transform') && !args.hasSplat) return { t: 'list', item: { t: 'tuple', items: [UNKNOWN, tensor('indices', { int: true, origin: call })] } };
  if (JOINS.has(q)) {
    const item = first ? iterated(s, s.valueOf(first)) : UNKNOWN;
    return item.t === 'tensor' ? { ...item, width: undefined, widthName: undefined, origin: call, inner: undefined } : UNKNOWN;
  }
  return undefined;
}

/** What a `collate_fn` returns: a function's returns given the list of samples, or a lambda's body. */
function collated(s: Semantics, fn: SNode, samples: Value): Value {
  const f = s.valueOf(fn);
  if (f.t === 'function') {
    if (f.def.type === 'lambda') {
      const body = child(f.def, 'body');
      return body ? s.valueOf(body) : UNKNOWN;
    }
    // What it returns depends on the samples it is given: evaluate it with them when they are known.
    const first = parameterNames(f.def)[0];
    const given = first !== undefined && samples.t !== 'unknown' ? s.returnWith(f.def, new Map([[first, { t: 'list', item: samples }]])) : UNKNOWN;
    return given.t !== 'unknown' ? given : s.returnValue(f.def);
  }
  return UNKNOWN;
}

/** Whether a function body yields (a generator: calling it gives its yielded items). */
export function yieldsOf(s: Semantics, body: SNode): Value[] | undefined {
  const out: Value[] = [];
  const stack = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') continue;
    if (n.type === 'yield') {
      const e = namedChildren(n)[0];
      out.push(e && !textOf(n).startsWith('yield from') ? s.valueOf(unparen(e)) : UNKNOWN);
      continue;
    }
    for (const c of n.children) stack.push(c);
  }
  return out.length > 0 ? out : undefined;
}

/** Methods a comprehension may apply to each item and keep what it holds (casts set the dtype). */
const PER_ITEM: Record<string, boolean | undefined> = { to: undefined, cuda: undefined, cpu: undefined, detach: undefined, contiguous: undefined, float: false, double: false, half: false, long: true, int: true };

/**
 * `[t.to(device) for t in batch]`: one comprehension moving or casting each item of a tuple keeps
 * each item's facts in place (so `x, y, label = [t.to(device) for t in batch]` still knows `label`).
 */
export function mappedComprehension(s: Semantics, n: SNode): Value | undefined {
  const parts = namedChildren(n);
  const clauses = parts.filter((c) => c.type === 'for_in_clause');
  const body = child(n, 'body');
  if (!body || clauses.length !== 1 || parts.some((c) => c.type === 'if_clause')) return undefined;
  const left = child(clauses[0], 'left');
  const right = child(clauses[0], 'right');
  if (left?.type !== 'identifier' || !right) return undefined;
  const casts: (boolean | undefined)[] = [];
  let cur = unparen(body);
  while (cur.type === 'call') {
    const fn = child(cur, 'function');
    const obj = fn?.type === 'attribute' ? child(fn, 'object') : undefined;
    const method = fn && child(fn, 'attribute');
    if (!obj || !method || !(textOf(method) in PER_ITEM)) return undefined;
    casts.unshift(PER_ITEM[textOf(method)]);
    cur = unparen(obj);
  }
  if (cur.type !== 'identifier' || textOf(cur) !== textOf(left)) return undefined;
  const map = (v: Value): Value => casts.reduce<Value>((acc, c) => (c === undefined ? acc : withInt(acc, c)), v);
  const it = s.valueOf(right);
  if (it.t === 'tuple') return { t: 'tuple', items: it.items.map(map) };
  if (it.t === 'list') return { t: 'list', item: map(it.item) };
  return undefined;
}

/** More keys than this and a dict comprehension is read as one value for any key (a map). */
const MAX_KEYS = 16;

/**
 * `{name: nn.Linear(h, dim) for name, dim in cfg.task_dims.items()}` over a dict (or a list of string
 * keys) whose keys are all known: evaluated key by key, so each key keeps its own value (a head of
 * width 1 for one task, 3 for another). Anything else is left to the per-comprehension reading.
 */
export function keyedComprehension(s: Semantics, n: SNode): Value | undefined {
  const parts = namedChildren(n);
  const clauses = parts.filter((c) => c.type === 'for_in_clause');
  const pair = child(n, 'body');
  if (clauses.length !== 1 || parts.some((c) => c.type === 'if_clause') || pair?.type !== 'pair') return undefined;
  const keyNode = child(pair, 'key');
  const valueNode = child(pair, 'value');
  const left = child(clauses[0], 'left');
  const right = child(clauses[0], 'right');
  if (!keyNode || !valueNode || !left || !right) return undefined;
  const names = left.type === 'identifier' ? [textOf(left)] : left.type === 'pattern_list' || left.type === 'tuple_pattern' ? namedChildren(left).map((c) => (c.type === 'identifier' ? textOf(c) : '')) : [];
  if (names.length === 0 || names.length > 2 || names.includes('')) return undefined;
  const items = keyedItems(s, right, names.length === 2);
  if (!items) return undefined;
  const overrides = new Map<string, Value>();
  for (const [key, value] of items) {
    const bound = new Map<string, Value>([[names[0], { t: 'str', value: key }]]);
    if (names.length === 2) bound.set(names[1], value);
    const out = s.withNames(n, bound, () => {
      const k = s.valueOf(keyNode);
      return k.t === 'str' ? ([k.value, s.valueOf(valueNode)] as const) : undefined;
    });
    if (!out) return undefined;
    overrides.set(out[0], out[1]);
  }
  return { t: 'dict', entries: new Map(), overrides };
}

/** The (key, value) pairs a `for` clause walks: `d.items()` (pairs) or `d`, `d.keys()`, `["a", "b"]` (keys). */
function keyedItems(s: Semantics, right: SNode, pairs: boolean): [string, Value][] | undefined {
  const r = unparen(right);
  const fn = r.type === 'call' ? child(r, 'function') : undefined;
  const method = fn?.type === 'attribute' ? textOf(child(fn, 'attribute') ?? fn) : undefined;
  const over = (method === 'items' || method === 'keys') && callArgs(r).positional.length === 0 ? child(fn!, 'object') : r;
  if (!over || pairs !== (method === 'items')) return undefined;
  if (!pairs && (over.type === 'list' || over.type === 'tuple')) {
    const keys = namedChildren(over).map((k) => stringLiteral(k));
    return keys.every((k): k is string => k !== undefined) && keys.length <= MAX_KEYS ? keys.map((k) => [k, UNKNOWN]) : undefined;
  }
  const d = s.valueOf(over);
  if (d.t !== 'dict' || d.rest !== undefined) return undefined;
  const keys = new Set([...d.entries.keys(), ...(d.overrides?.keys() ?? [])]);
  if (keys.size > MAX_KEYS) return undefined;
  return [...keys].map((k) => {
    const entry = d.entries.get(k);
    return [k, pairs ? d.overrides?.get(k) ?? (entry ? s.valueOf(entry) : UNKNOWN) : UNKNOWN];
  });
}
