import { lossByFunctional, lossByModule } from '../../catalogue';
import { child, isAncestor, namedChildren, startOf, textOf, unparen, type SNode } from '../syntax';
import { Deps } from './deps';
import { qualify, resolveName, type ImportMap } from './imports';
import { bindingAt, classOfMethod, collectBindings, comprehensionBinding, enclosingFunction, parameterNames, reaches, scopeOf, type Binding } from './scopes';
import type { FileIndex } from './fileIndex';
import { callArgs, evaluateCall, evaluateSubscript, intLiteral } from './calls';
import { classOutput, isLayerClass } from './models';
import { argumentValue, argumentsAt } from './parameters';
import { binaryScalar } from './scalars';
import { argparseDefault, dataclassField } from './argparse';
import { returnValues } from './returns';
import { stringLiteral } from './strings';
import { UNKNOWN, dtypeOnly, element, merge, tensor, type Value } from './values';
import { iterated, keyedComprehension, listLiteral, mappedComprehension, yieldsOf } from './containers';
import { normalisedRate, shiftedRate } from './positiveRates';
import type { ModuleContext } from '../document';

export { stringLiteral };

const MAX_DEPTH = 40;
/** How deep evaluations may chain across modules (each hop may start a module's own chain). */
const MAX_MODULE_DEPTH = 12;
/** How many calls deep a factory is evaluated again with its call's arguments. */
const MAX_CONTEXTS = 2;
/** Factories are small; re-evaluating a long function per call would cost more than it finds. */
const MAX_FACTORY_CHARS = 3000;

/** A memoized computation with what it read; `running` while it is under way (a cycle guard). */
interface Memo {
  readonly v: Value;
  readonly deps: Deps;
  readonly running: boolean;
}

/**
 * Bindings hold nodes only (offsets are computed on use), and the syntax copier reuses the nodes of
 * unchanged statements, so these caches stay valid across edits for every untouched scope.
 */
const scopeCache = new WeakMap<SNode, Binding[]>();
const attrCache = new WeakMap<SNode, Map<string, Binding[]>>();
/** A scope's bindings grouped by name (in source order), so a lookup doesn't scan the whole scope. */
const byNameCache = new WeakMap<Binding[], Map<string, Binding[]>>();
const NONE: Binding[] = [];

/**
 * The facts every rule shares, computed lazily over one syntax tree: imports, bindings per scope,
 * `self` attributes per class and the value of any expression. Nothing here throws on odd code; what
 * can't be followed is `unknown`.
 */
export class Semantics {
  /** Memoized values with what computing them read, replayed into the current frame on a hit. */
  private memo = new Map<SNode, Memo>();
  private frame = new Deps();
  depth = 0;

  constructor(readonly root: SNode, readonly index: FileIndex, readonly context?: ModuleContext) {}

  /** The semantics that owns `n`'s tree: this one, another workspace module's, or none (a stale tree). */
  private ownerOf(n: SNode): Semantics | undefined {
    if (!this.context) return this;
    let top = n;
    while (top.parent) top = top.parent;
    if (top === this.root) return this;
    return this.context?.workspace.ownerOf(top);
  }

  /**
   * Runs `fn` on another module's semantics, charging this computation with having read that module
   * (and whatever modules it read in turn): a change to any of them invalidates the result.
   */
  across<T>(other: Semantics, fn: () => T, fallback: T): T {
    const ws = this.context?.workspace;
    if (!ws || !other.context || ws.depth >= MAX_MODULE_DEPTH) return fallback;
    const deps = new Deps();
    ws.depth++;
    try {
      return other.track(deps, fn, true);
    } finally {
      ws.depth--;
      this.frame.noteModule(other.context.path);
      this.frame.absorbModules(deps);
    }
  }

  /** Records that the computation looked at every file of the workspace (for callers). */
  noteAnyFile(): void {
    this.frame.anyFile = true;
  }

  /** Where a node of another module is: its path, 1-based line and 0-based column (undefined for this file's nodes). */
  locate(n: SNode): { path: string; line: number; column: number } | undefined {
    const owner = this.ownerOf(n);
    if (!owner || owner === this || !owner.context) return undefined;
    const text = owner.root.chunk.text;
    let line = 1;
    let lineStart = 0;
    const at = startOf(n);
    for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { path: owner.context.path, line, column: at - lineStart };
  }

  /** Whether `n` belongs to this file's tree (fixes may only edit such nodes). */
  owns(n: SNode): boolean {
    return this.ownerOf(n) === this;
  }

  /**
   * Runs `fn`, recording into `deps` every module-level fact it reads (see `Deps`). Nested tracking
   * also charges the outer frame, unless `detached` (a separate unit of work, like another statement).
   */
  track<T>(deps: Deps, fn: () => T, detached = false): T {
    const outer = this.frame;
    this.frame = deps;
    try {
      return fn();
    } finally {
      this.frame = outer;
      if (!detached) outer.absorb(deps);
    }
  }

  /** Reads the loss sites of the whole file: the result then depends on every loss site. */
  everySite<T>(read: () => T): T {
    this.frame.allSites = true;
    return read();
  }

  /** Every import of the file (reading them all makes the result depend on any import). */
  get imports(): ImportMap {
    this.frame.allImports = true;
    return this.index.imports;
  }

  qualify(expr: SNode): string | undefined {
    let head = unparen(expr);
    while (head.type === 'attribute') {
      const obj = child(head, 'object');
      if (!obj) return undefined;
      head = unparen(obj);
    }
    if (head.type === 'identifier') this.noteImport(textOf(head));
    return qualify(expr, this.index.imports);
  }

  /** A name looked up among the imports (and so among the star imports, if any). */
  private noteImport(name: string): void {
    this.frame.noteImport(name);
    for (const k of this.index.starImports) this.frame.noteImport(k);
  }

  /**
   * Functions being evaluated for one call's arguments (innermost last): their parameters hold those
   * values, and the nodes inside them are memoized per evaluation, apart from the context-free memo.
   */
  private contexts: { fn: SNode; args: ReadonlyMap<string, Value>; memo: Map<SNode, Memo> }[] = [];

  /**
   * What `fn` returns for the arguments of `call` (a call in this file or another): its returns
   * evaluated again with the parameters bound to what the call passes. Bounded in depth.
   */
  returnFor(fn: SNode, call: SNode): Value {
    const owner = this.ownerOf(fn);
    if (!owner || !this.mayReturnFor(owner, fn)) return UNKNOWN;
    const args = argumentsAt(this, owner, fn, call);
    return args ? this.returnWith(fn, args) : UNKNOWN;
  }

  private mayReturnFor(owner: Semantics, fn: SNode): boolean {
    if (parameterNames(fn).length === 0 || fn.end - fn.start > MAX_FACTORY_CHARS) return false;
    return owner.contexts.length < MAX_CONTEXTS && !owner.contexts.some((c) => c.fn === fn);
  }

  /**
   * What `fn` returns with its parameters bound to `args` (a `collate_fn` given the list of samples a
   * `DataLoader` hands it; see `returnFor`).
   */
  returnWith(fn: SNode, args: ReadonlyMap<string, Value>): Value {
    const owner = this.ownerOf(fn);
    if (!owner || !this.mayReturnFor(owner, fn)) return UNKNOWN;
    if ([...args.values()].every((v) => v.t === 'unknown')) return UNKNOWN;
    // Calls passing alike arguments share one evaluation (a class's methods call each other a lot).
    const key = [...args].map(([k, v]) => `${k}=${valueKey(v, owner.nodeId)}`).join(';');
    let byArgs = owner.contextual.get(fn);
    if (!byArgs) owner.contextual.set(fn, (byArgs = new Map()));
    const hit = byArgs.get(key);
    if (hit) return hit;
    byArgs.set(key, UNKNOWN); // a recursive call with the same arguments gives up
    const run = (): Value => {
      owner.contexts.push({ fn, args, memo: new Map() });
      try {
        return owner.computeReturn(fn);
      } finally {
        owner.contexts.pop();
      }
    };
    const v = owner === this ? run() : this.across(owner, run, UNKNOWN);
    byArgs.set(key, v);
    return v;
  }

  /**
   * Runs `fn` with the names bound by a comprehension's `for` clause holding `names` (one key of a
   * dict comprehension evaluated at a time, see `keyedComprehension`).
   */
  withNames<T>(comprehension: SNode, names: ReadonlyMap<string, Value>, fn: () => T): T {
    this.contexts.push({ fn: comprehension, args: names, memo: new Map() });
    try {
      return fn();
    } finally {
      this.contexts.pop();
    }
  }

  /** Results of `returnFor`, per function and arguments. */
  private contextual = new Map<SNode, Map<string, Value>>();
  private readonly nodeIds = new WeakMap<SNode, number>();
  private nodeCount = 0;

  /** A number naming a node in `valueKey`s (the same node, the same number). */
  private readonly nodeId = (n: SNode | undefined): string => {
    if (!n) return '';
    let i = this.nodeIds.get(n);
    if (i === undefined) this.nodeIds.set(n, (i = ++this.nodeCount));
    return String(i);
  };

  /** The memo table for `expr`: the innermost call context whose function holds it, else the file's. */
  private memoFor(expr: SNode): Map<SNode, Memo> {
    for (let i = this.contexts.length - 1; i >= 0; i--) if (isAncestor(this.contexts[i].fn, expr)) return this.contexts[i].memo;
    return this.memo;
  }

  /** What `expr` evaluates to. */
  valueOf(expr: SNode): Value {
    const memo = this.contexts.length > 0 ? this.memoFor(expr) : this.memo;
    const cached = memo.get(expr);
    if (cached && !cached.running) {
      this.frame.absorb(cached.deps);
      return cached.v;
    }
    if (cached || this.depth > MAX_DEPTH) {
      // A cycle: what reads `expr` now holds only until `expr` is done.
      if (cached) this.frame.notePending(expr);
      return UNKNOWN;
    }
    const owner = this.ownerOf(expr);
    if (owner !== this) return owner ? this.across(owner, () => owner.valueOf(expr), UNKNOWN) : UNKNOWN;
    this.depth++;
    try {
      return this.once(memo, expr, expr, () => this.compute(expr));
    } finally {
      this.depth--;
    }
  }

  /**
   * Computes `key` once. While it runs, a cycle back to it sees unknown and records `guard` as
   * pending; a result that still depends on another pending computation is returned but not kept,
   * so what is memoized never depends on the order in which files and functions were asked about.
   */
  private once<K>(table: Map<K, Memo>, key: K, guard: object, compute: () => Value): Value {
    const deps = new Deps();
    table.set(key, { v: UNKNOWN, deps, running: true });
    let v: Value = UNKNOWN;
    this.running++;
    try {
      v = this.track(deps, compute, true);
    } finally {
      table.delete(key);
      this.running--;
    }
    deps.pending?.delete(guard);
    table.set(key, { v, deps, running: false });
    // A result that holds only inside a computation still under way is kept just until the outermost
    // computation ends (so a cycle is evaluated once per run, not once per path into it), then dropped.
    if (deps.pending?.size) this.provisional.push(() => table.delete(key));
    if (this.running === 0 && this.provisional.length > 0) {
      for (const drop of this.provisional) drop();
      this.provisional = [];
    }
    this.frame.absorb(deps);
    return v;
  }

  /** Computations under way (`once` calls not yet finished). */
  private running = 0;
  /** How to drop each result kept while pending, once nothing is running. */
  private provisional: (() => void)[] = [];

  /** A finished entry of `table` (absorbing what it read), `UNKNOWN` with `guard` pending for a running one. */
  private recall<K>(table: Map<K, Memo>, key: K, guard: object): Value | undefined {
    const hit = table.get(key);
    if (!hit) return undefined;
    if (hit.running) {
      this.frame.notePending(guard);
      return UNKNOWN;
    }
    this.frame.absorb(hit.deps);
    return hit.v;
  }

  private compute(expr: SNode): Value {
    const n = unparen(expr);
    switch (n.type) {
      case 'identifier':
        return this.nameValue(n);
      case 'attribute':
        return this.attributeValue(n);
      case 'call':
        return evaluateCall(this, n);
      case 'subscript':
        return evaluateSubscript(this, n);
      case 'dictionary':
        return this.dictValue(n);
      case 'expression_list':
      case 'tuple':
        return { t: 'tuple', items: namedChildren(n).map((c) => this.valueOf(c)) };
      case 'list':
        return listLiteral(this, n);
      case 'dictionary_comprehension': {
        const keyed = keyedComprehension(this, n);
        if (keyed) return keyed;
        const pair = child(n, 'body');
        const value = pair?.type === 'pair' ? child(pair, 'value') : undefined;
        return value ? { t: 'map', value: this.valueOf(value) } : UNKNOWN;
      }
      case 'list_comprehension':
      case 'generator_expression': {
        const mapped = mappedComprehension(this, n);
        if (mapped) return mapped;
        const body = child(n, 'body');
        return { t: 'list', item: body ? this.valueOf(body) : UNKNOWN };
      }
      case 'named_expression': {
        const v = child(n, 'value');
        return v ? this.valueOf(v) : UNKNOWN;
      }
      case 'function_definition':
      case 'lambda':
        return { t: 'function', def: n };
      case 'class_definition':
        return { t: 'class', def: n };
      case 'integer': {
        const v = intLiteral(n);
        return v === undefined ? UNKNOWN : { t: 'int', value: v };
      }
      case 'string': {
        const str = stringLiteral(n);
        return str === undefined ? UNKNOWN : { t: 'str', value: str };
      }
      case 'comparison_operator':
        return tensor('labels01', { int: false });
      case 'conditional_expression': {
        // `1 if same else 0` as a sample's label: batched by a DataLoader it is a {0, 1} tensor.
        const bin = binaryScalar(this, n);
        if (bin) return tensor('labels01', { int: bin.int, origin: n });
        const [a, , b] = namedChildren(n);
        return a && b ? merge([this.valueOf(a), this.valueOf(b)]) : UNKNOWN;
      }
      case 'binary_operator':
        return this.scaledValue(n);
      default:
        return UNKNOWN;
    }
  }

  /**
   * `logits / T`, `logits * scale`: scores scaled by a scalar are still scores (knowledge distillation
   * divides by a temperature), and so are sums of scores. Nothing else survives arithmetic.
   */
  private scaledValue(n: SNode): Value {
    const op = n.children.length === 2 ? textOf(n).slice(n.children[0].end - n.start, n.children[1].start - n.start).trim() : '';
    const [a, b] = n.children;
    const va = this.valueOf(a);
    const vb = this.valueOf(b);
    // `probs + 1e-8`: an epsilon added before a log leaves probabilities.
    if (op === '+' && va.t === 'tensor' && (va.kind === 'softmax' || va.kind === 'sigmoid') && ['integer', 'float'].includes(unparen(b).type)) {
      return { ...va, origin: n, inner: undefined, guarded: true };
    }
    const rate = shiftedRate(n, op, va, b) ?? normalisedRate(this, n, op, va, a, b);
    if (rate) return rate;
    // Summed heads (`self.wide(x) + self.deep(x)`) are scores too.
    if ((op === '+' || op === '-') && va.t === 'tensor' && va.kind === 'logits' && vb.t === 'tensor' && vb.kind === 'logits') {
      return { ...va, width: va.width === vb.width ? va.width : undefined, origin: n, inner: undefined };
    }
    if (op !== '/' && op !== '*') return UNKNOWN;
    // A positive tensor (`logit_scale.exp()`) scales scores like a number does.
    const scalar = (x: SNode, v: Value) => ['integer', 'float'].includes(unparen(x).type) || (v.t !== 'tensor' || v.kind === 'unknown' || v.kind === 'positive');
    if (va.t === 'tensor' && va.kind === 'logits' && scalar(b, vb)) return { ...va, origin: n, inner: undefined };
    if (op === '*' && vb.t === 'tensor' && vb.kind === 'logits' && scalar(a, va)) return { ...vb, origin: n, inner: undefined };
    return UNKNOWN;
  }

  /** The value a qualified torch name denotes when used without a call (`nn.MSELoss`, `F.cross_entropy`). */
  private qualifiedValue(n: SNode): Value | undefined {
    const q = this.qualify(n);
    return q ? this.namedValue(q, n) : undefined;
  }

  /** What a qualified name denotes: a torch loss class or function, a workspace module's binding, or unknown. */
  private namedValue(q: string, ref: SNode): Value {
    const mod = /^torch\.nn\.(\w+)$/.exec(q);
    const sig = mod ? lossByModule(mod[1]) : undefined;
    if (sig) return { t: 'lossClass', sig, ref };
    const fn = /^torch\.nn\.functional\.(\w+)$/.exec(q);
    const fsig = fn ? lossByFunctional(fn[1]) : undefined;
    if (fsig) return { t: 'lossFunction', sig: fsig, ref };
    if (mod && isLayerClass(q)) return { t: 'layerClass', q };
    return this.workspaceValue(q, ref) ?? UNKNOWN;
  }

  /**
   * A name imported from a module of the workspace (`from models.net import Net`, `import model as M`
   * then `M.Net`, `from .losses import get_criterion`): what that module binds it to. Unresolved
   * modules, torch itself and anything a cycle reaches again stay unknown.
   */
  private workspaceValue(q: string, ref: SNode): Value | undefined {
    const ws = this.context?.workspace;
    if (!ws || q === 'torch' || q.startsWith('torch.')) return undefined;
    const r = ws.resolve(this.context!.path, q);
    if (!r) return undefined;
    this.frame.noteModule(r.path);
    if (r.rest.length === 0) return { t: 'pymodule', path: r.path };
    if (r.rest.length > 1) return UNKNOWN;
    const other = ws.semanticsAt(r.path);
    if (!other) return UNKNOWN;
    return this.across(other, () => other.exportValue(r.rest[0], ref), UNKNOWN);
  }

  /** What the module binds `name` to once it has run: its module-level bindings, else its imports. */
  exportValue(name: string, ref: SNode): Value {
    const all = this.bindingsNamed(this.root, name);
    const bindings = all.filter((b) => !isItem(b));
    if (bindings.length > 0) {
      const v = bindings.length === 1 ? this.bindingValue(bindings[0]) : merge(bindings.map((b) => this.bindingValue(b)));
      return this.withItems(v, all.filter(isItem), (b) => topLevel(b, this.root));
    }
    this.noteImport(name);
    const q = resolveName(this.index.imports, name);
    return q === undefined ? UNKNOWN : this.namedValue(q, ref);
  }

  private nameValue(n: SNode): Value {
    const name = textOf(n);
    this.noteImport(name);
    if (resolveName(this.index.imports, name) !== undefined) return this.qualifiedValue(n) ?? UNKNOWN;
    const self = this.selfInstance(n, name);
    if (self) return self;
    const value = this.lookup(name, n);
    if (value.t === 'unknown') return byName(name, n);
    return value;
  }

  /**
   * `self` in a method of a class defined here (not rebound, not a static or class method): calling
   * it runs the class's `forward`, as `self(x)` does in an `nn.Module`'s training step.
   */
  private selfInstance(n: SNode, name: string): Value | undefined {
    const fn = enclosingFunction(n);
    const cls = fn && classOfMethod(fn);
    if (!fn || !cls || parameterNames(fn)[0] !== name) return undefined;
    const decorated = fn.parent?.type === 'decorated_definition' ? textOf(fn.parent) : '';
    if (/^\s*@\s*(staticmethod|classmethod)\b/m.test(decorated.slice(0, decorated.length - textOf(fn).length))) return undefined;
    if (this.bindingsNamed(fn, name).length > 0) return undefined;
    return { t: 'module', ...classOutput(this, cls), name: textOf(child(cls, 'name') ?? cls), cls };
  }

  /** What a binding gives its name: the value, or one element of it (`a, b = f()`). */
  private bindingValue(b: Binding): Value {
    if (!b.value) return UNKNOWN;
    let v = this.valueOf(b.value);
    for (const step of b.path ?? []) {
      // An item assignment sets one key, not the whole name (see `withItems`).
      if (step === 'item') return UNKNOWN;
      v = step === 'iter' ? iterated(this, v) : step === 'dtype' ? dtypeOnly(v) : element(v, step);
    }
    return v;
  }

  /** Resolves a name at `use` through the enclosing scopes (function → enclosing functions → module). */
  lookup(name: string, use: SNode): Value {
    const owner = this.ownerOf(use);
    if (owner !== this) return owner ? this.across(owner, () => owner.lookup(name, use), UNKNOWN) : UNKNOWN;
    // A comprehension evaluated key by key binds its loop names to that key's values.
    for (let i = this.contexts.length - 1; i >= 0; i--) {
      const c = this.contexts[i];
      if (c.fn.type !== 'function_definition' && c.args.has(name) && isAncestor(c.fn, use)) return c.args.get(name)!;
    }
    // `{c: i for i, c in enumerate(classes)}`: a comprehension's own names hold one item of what it iterates.
    const comp = comprehensionBinding(name, use);
    if (comp) {
      let v = iterated(this, this.valueOf(comp.right));
      for (const i of comp.path) v = element(v, i);
      return v;
    }
    const useAt = startOf(use);
    for (let scope = scopeOf(use); ; scope = scopeOf(scope)) {
      if (scope.type === 'class_definition' || scope.type === 'lambda') {
        if (scope.parent === null) return UNKNOWN;
        continue;
      }
      const all = this.bindingsNamed(scope, name);
      const items = all.filter(isItem);
      const bindings = items.length === 0 ? all : all.filter((b) => !isItem(b));
      // `d["k"] = v` before the use (or later in a loop around it): those keys hold those values.
      const reached = (b: Binding) => bindingAt(b) <= useAt || sharedLoop(b.stmt, use) !== undefined;
      const definite = (b: Binding) => bindingAt(b) <= useAt && reaches(b, use, scope);
      if (scope.type === 'function_definition') {
        const param = parameterNames(scope).includes(name);
        // `targets = targets.to(device)`: before its first rebinding a parameter holds what was passed.
        const rebound = bindings.length > 0 && !(param && bindings.every((b) => b.when !== 'unknown' && bindingAt(b) > useAt && !sharedLoop(b.stmt, use)));
        if (!rebound && !param) {
          if (items.length > 0) return UNKNOWN;
          continue;
        }
        const v = rebound ? this.reachingValue(bindings, use, useAt, scope) : this.parameterValue(scope, name, use);
        return this.withItems(v, items.filter(reached), definite);
      }
      // Module scope: a use inside a function sees the module's final binding only if there is one.
      if (bindings.length === 0) return UNKNOWN;
      if (enclosingFunction(use) === undefined) return this.withItems(this.reachingValue(bindings, use, useAt, scope), items.filter(reached), definite);
      const v = bindings.length === 1 ? this.bindingValue(bindings[0]) : merge(bindings.map((b) => this.bindingValue(b)));
      return this.withItems(v, items, (b) => topLevel(b, scope));
    }
  }

  /**
   * What a dict holds after item assignments (`out["toxic"] = torch.sigmoid(out["toxic"])`): each key
   * assigned holds its value, or (when the assignment may not run) whatever both agree on.
   */
  private withItems(base: Value, items: readonly Binding[], definite: (b: Binding) => boolean): Value {
    if (items.length === 0) return base;
    if (base.t !== 'dict' && base.t !== 'map' && base.t !== 'unknown') return UNKNOWN;
    const overrides = new Map(base.t === 'dict' ? base.overrides : undefined);
    const rest = base.t === 'map' ? base.value : base.t === 'dict' ? base.rest : undefined;
    for (const b of items) {
      const v = this.valueOf(b.value!);
      const entry = base.t === 'dict' ? base.entries.get(b.key!) : undefined;
      const before = overrides.get(b.key!) ?? (entry ? this.valueOf(entry) : rest ?? UNKNOWN);
      overrides.set(b.key!, definite(b) ? v : merge([before, v]));
    }
    return { t: 'dict', entries: base.t === 'dict' ? base.entries : new Map(), overrides, rest };
  }

  private params = new Map<SNode, Map<string, Memo>>();
  private paramGuards = new Map<SNode, Map<string, object>>();

  /** A parameter's value from the call sites (see `argumentValue`), else the same-name fallback. */
  private parameterValue(fn: SNode, name: string, use: SNode): Value {
    for (let i = this.contexts.length - 1; i >= 0; i--) if (this.contexts[i].fn === fn) return this.contexts[i].args.get(name) ?? UNKNOWN;
    let byName = this.params.get(fn);
    if (!byName) this.params.set(fn, (byName = new Map()));
    let guards = this.paramGuards.get(fn);
    if (!guards) this.paramGuards.set(fn, (guards = new Map()));
    let guard = guards.get(name);
    if (!guard) guards.set(name, (guard = {}));
    const v = this.recall(byName, name, guard) ?? this.once(byName, name, guard, () => argumentValue(this, fn, name));
    return v.t === 'unknown' ? this.parameterFallback(name, use) : v;
  }

  /**
   * Scripts pass their one module-level model or criterion to `train(model, criterion)` under the same
   * name; a parameter named like a unique module-level binding of a model or loss is taken to be it.
   * Tensors are never assumed this way.
   */
  private parameterFallback(name: string, use: SNode): Value {
    const fn = enclosingFunction(use);
    if (!fn) return UNKNOWN;
    let top = use;
    while (top.parent) top = top.parent;
    // The cheap binding test first: most parameters have no unique module-level namesake.
    this.frame.noteSingle(name);
    const bindings = this.index.moduleBindings(name);
    if (bindings.length !== 1 || !bindings[0].value || isItem(bindings[0])) return UNKNOWN;
    if (!this.calledWithSameName(fn, name)) return UNKNOWN;
    const v = this.bindingValue(bindings[0]);
    return v.t === 'module' || v.t === 'loss' ? v : UNKNOWN;
  }

  /** Calls in the file whose callee's last name is `name`. */
  callsNamed(name: string): readonly SNode[] {
    this.frame.noteCalls(name);
    return this.index.callsNamed(name).filter((c) => {
      const f = child(c, 'function');
      return f !== undefined && (f.type === 'identifier' || f.type === 'attribute');
    });
  }

  /** Whether the function is called in this file, and every call passes a variable of that name for the parameter. */
  private calledWithSameName(fn: SNode, name: string): boolean {
    const fname = child(fn, 'name');
    if (!fname) return false;
    const params = parameterNames(fn);
    const offset = classOfMethod(fn) ? 1 : 0;
    const pos = params.indexOf(name) - offset;
    const calls = this.callsNamed(textOf(fname));
    if (calls.length === 0) return false;
    return calls.every((c) => {
      const a = callArgs(c);
      const arg = a.keywords.get(name) ?? a.positional[pos];
      return arg !== undefined && arg.type === 'identifier' && textOf(arg) === name;
    });
  }

  private reachingValue(bindings: readonly Binding[], use: SNode, useAt: number, scope: SNode): Value {
    if (bindings.some((b) => b.when === 'unknown')) return UNKNOWN;
    // `t[i] = 1` (before the use, or anywhere in a loop around it) leaves t's dtype but not its kind.
    const inPlace = bindings.filter((b) => b.path?.[0] === 'dtype');
    if (inPlace.length > 0) {
      const v = this.reachingValue(bindings.filter((b) => !inPlace.includes(b)), use, useAt, scope);
      return inPlace.some((b) => bindingAt(b) <= useAt || sharedLoop(b.stmt, use)) ? dtypeOnly(v) : v;
    }
    const before = bindings.filter((b) => bindingAt(b) <= useAt);
    if (before.length === 0) return UNKNOWN;
    const last = before[before.length - 1];
    // The only binding before the use may sit in a loop or branch: if the use runs at all, it sees it
    // (unless a parameter of that name holds something else when the branch doesn't run).
    const only = before.length === 1 && !(scope.type === 'function_definition' && parameterNames(scope).includes(last.name));
    if (!last.value) return UNKNOWN;
    // A loop may carry a later binding back to this use, unless the binding before the use runs
    // first on every pass (it sits in the same loop body, on the way to the use).
    if (bindings.some((b) => {
      if (bindingAt(b) <= useAt) return false;
      const loop = sharedLoop(b.stmt, use);
      return loop !== undefined && !(isAncestor(loop, last.stmt) && reaches(last, use, loop));
    })) return UNKNOWN;
    if (reaches(last, use, scope) || only) return this.bindingValue(last);
    // `if cuda: target = target.cuda()`: a binding that may not run; the use sees it or what came
    // before it, so it holds whatever both agree on.
    if (before.length < 2 || !isAncestor(scopeOf(last.stmt) === scope ? scope : last.stmt, use)) return UNKNOWN;
    const earlier = this.reachingValue(bindings.filter((b) => b !== last), use, useAt, scope);
    return earlier.t === 'unknown' ? UNKNOWN : merge([earlier, this.bindingValue(last)]);
  }

  /** A function's or class's own bindings (the module's are looked up by name: `bindingsNamed`). */
  private bindingsOf(scope: SNode): readonly Binding[] {
    let b = scopeCache.get(scope);
    if (!b) {
      b = collectBindings(scope).names;
      scopeCache.set(scope, b);
    }
    return b;
  }

  /** The scope's bindings of `name`, in source order (the same as filtering `bindingsOf`). */
  bindingsNamed(scope: SNode, name: string): readonly Binding[] {
    if (scope.parent === null) {
      this.frame.noteName(name);
      return this.index.moduleBindings(name);
    }
    const all = this.bindingsOf(scope) as Binding[];
    let m = byNameCache.get(all);
    if (!m) {
      m = new Map();
      for (const b of all) {
        const list = m.get(b.name);
        if (list) list.push(b);
        else m.set(b.name, [b]);
      }
      byNameCache.set(all, m);
    }
    return m.get(name) ?? NONE;
  }

  /** `self.<attr>` bindings from every method of `cls` and its class body. */
  attributesOf(cls: SNode): Map<string, Binding[]> {
    let attrs = attrCache.get(cls);
    if (attrs) return attrs;
    attrs = new Map();
    attrCache.set(cls, attrs);
    const body = child(cls, 'body');
    const add = (b: Binding) => {
      const list = attrs!.get(b.name) ?? [];
      list.push(b);
      attrs!.set(b.name, list);
    };
    for (const b of this.bindingsOf(cls)) add(b);
    for (const stmt of body ? namedChildren(body) : []) {
      const fn = stmt.type === 'decorated_definition' ? child(stmt, 'definition') : stmt;
      if (fn?.type !== 'function_definition') continue;
      const self = parameterNames(fn)[0];
      if (!self) continue;
      for (const b of collectBindings(fn, self).attrs) add(b);
    }
    return attrs;
  }

  private attributeValue(n: SNode): Value {
    const q = this.qualifiedValue(n);
    if (q && q.t !== 'unknown') return q;
    const obj = child(n, 'object');
    const attr = child(n, 'attribute');
    if (!obj || !attr) return UNKNOWN;
    const fn = enclosingFunction(n);
    const cls = fn && classOfMethod(fn);
    if (cls && obj.type === 'identifier' && textOf(obj) === parameterNames(fn!)[0]) {
      const v = this.selfAttribute(cls, textOf(attr));
      if (v.t !== 'unknown') return v;
    }
    // `net.head(h)`, `agent.policy`: an attribute of an instance of a class defined in the workspace
    // holds what its methods set (values are only computed when something asks for them).
    if (obj.type === 'identifier' || obj.type === 'attribute') {
      const o = this.valueOf(obj);
      if (o.t === 'module' && o.cls) {
        const cls = o.cls;
        const v = dataclassField(this, cls, o.construction, textOf(attr), () => this.selfAttribute(cls, textOf(attr)));
        if (v.t !== 'unknown') return v;
      }
      if (o.t === 'namespace') return argparseDefault(this, o.parser, textOf(attr));
    }
    return byName(textOf(attr), n);
  }

  selfAttribute(cls: SNode, name: string): Value {
    const bindings = this.attributesOf(cls).get(name) ?? [];
    if (bindings.length === 0) {
      const method = this.methodOf(cls, name);
      return method ? { t: 'function', def: method } : UNKNOWN;
    }
    return merge(bindings.map((b) => this.bindingValue(b)));
  }

  /** A method by name in `cls` or a base class defined in the same file. */
  methodOf(cls: SNode, name: string, seen = new Set<SNode>()): SNode | undefined {
    if (seen.has(cls)) return undefined;
    seen.add(cls);
    const body = child(cls, 'body');
    for (const stmt of body ? namedChildren(body) : []) {
      const fn = stmt.type === 'decorated_definition' ? child(stmt, 'definition') : stmt;
      if (fn?.type === 'function_definition' && textOf(child(fn, 'name') ?? fn) === name) return fn;
    }
    const supers = child(cls, 'superclasses');
    for (const base of supers ? namedChildren(supers) : []) {
      if (base.type !== 'identifier') continue;
      const v = this.lookup(textOf(base), cls);
      if (v.t === 'class') {
        const m = this.methodOf(v.def, name, seen);
        if (m) return m;
      }
    }
    return undefined;
  }

  private returns = new Map<SNode, Memo>();

  /** What the function returns: the merge of its `return` expressions (none or bare `return` → unknown). */
  returnValue(fn: SNode): Value {
    return this.recall(this.returns, fn, fn) ?? this.once(this.returns, fn, fn, () => this.computeReturn(fn));
  }

  computeReturn(fn: SNode): Value {
    const body = child(fn, 'body');
    if (!body) return UNKNOWN;
    // A generator hands out its yielded items.
    const yields = yieldsOf(this, body);
    if (yields) return { t: 'list', item: merge(yields) };
    return merge(returnValues(this, body));
  }

  private dictValue(n: SNode): Value {
    const entries = new Map<string, SNode>();
    for (const pair of namedChildren(n)) {
      if (pair.type !== 'pair') return UNKNOWN;
      const key = child(pair, 'key');
      const value = child(pair, 'value');
      const k = key && stringLiteral(key);
      if (k === undefined || !value) return UNKNOWN;
      entries.set(k, value);
    }
    return { t: 'dict', entries };
  }
}

/** Whether a binding's statement runs whenever its module does (not in a branch, loop or function). */
function topLevel(b: Binding, module: SNode): boolean {
  let p = b.stmt.parent;
  while (p?.type === 'expression_statement') p = p.parent;
  return p === module;
}

/** An item assignment (`d["k"] = v`). */
function isItem(b: Binding): boolean {
  return b.path?.[0] === 'item';
}

/** What a value is, as a key: values with the same key give a function the same facts. */
function valueKey(v: Value, id: (n: SNode | undefined) => string): string {
  const key = (x: Value) => valueKey(x, id);
  switch (v.t) {
    case 'tensor':
      return `T${v.kind}/${v.int}/${v.width}/${v.padding?.value ?? ''}`;
    case 'str':
      return `S${v.value}`;
    case 'int':
      return `I${v.value}`;
    case 'loss':
      return `L${id(v.construction)}`;
    case 'lossClass':
    case 'lossFunction':
      return `${v.t}${v.sig.id}`;
    case 'layerClass':
      return `${v.t}${v.q}`;
    case 'function':
    case 'class':
      return `${v.t}${id(v.def)}`;
    case 'module':
      return `M${id(v.cls)}/${v.out ? key(v.out) : ''}/${v.passthrough}`;
    case 'tuple':
      return `(${v.items.map(key).join(',')})`;
    case 'list':
      return `[${key(v.item)}]`;
    case 'map':
      return `{${key(v.value)}}`;
    case 'dict':
    case 'namespace':
      return `${v.t}${id(v.t === 'dict' ? [...v.entries.values()][0] : v.parser)}${v.t === 'dict' && (v.overrides || v.rest) ? `{${[...(v.overrides ?? [])].map(([k, x]) => `${k}=${key(x)}`).join(',')}|${v.rest ? key(v.rest) : ''}}` : ''}`;
    case 'pymodule':
      return `P${v.path}`;
    default:
      return v.t;
  }
}

/** Names that say what they hold, used only when the code itself shows nothing. */
function byName(name: string, n: SNode): Value {
  if (/logits?$|^logits?_|_logits?_/i.test(name) && !/prob/i.test(name)) return tensor('logits', { origin: n });
  if (/^log_?probs?$|_log_?probs?$|^log_probas?$/i.test(name)) return tensor('logProbs', { origin: n });
  return UNKNOWN;
}

/** The innermost loop (in the same function) holding both the binding statement and the use. */
function sharedLoop(stmt: SNode, use: SNode): SNode | undefined {
  for (let cur = stmt.parent; cur; cur = cur.parent) {
    if ((cur.type === 'for_statement' || cur.type === 'while_statement') && isAncestor(cur, use)) return cur;
    if (cur.type === 'function_definition') return undefined;
  }
  return undefined;
}

