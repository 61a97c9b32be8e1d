import { LOSSES, lossByFunctional, lossByModule } from '../../catalogue';
import { child, textOf, unparen, type SNode } from '../syntax';
import { collectImports, type ImportMap } from './imports';
import { topLevelBindings, type Binding } from './scopes';

/**
 * What one statement subtree contains, cached by node identity. The syntax copier keeps the SNode of
 * every statement an edit didn't touch, so after a keystroke only the edited statements are indexed
 * again; everything else comes from this cache.
 */
interface ChunkIndex {
  /** The index of each chunk nested in this one (their items are not repeated here). */
  readonly nested: readonly ChunkIndex[];
  readonly calls: readonly SNode[];
  readonly imports: readonly SNode[];
  /** Assignments: the bound name (identifier or `self.x`'s `x`) and every name read on the right. */
  readonly flows: readonly { readonly target: string; readonly reads: ReadonlySet<string> }[];
  /** Function definitions with every name their `return`s read (what the function can hand out). */
  readonly defs: readonly { readonly name: string; readonly reads: ReadonlySet<string> }[];
}

const cache = new WeakMap<SNode, ChunkIndex>();

/** Every module and functional loss name, longest first so a name never stops at a shorter one's end. */
const LOSS_NAME = new RegExp(`\\b(?:${LOSSES.flatMap((l) => [l.module, l.functional.name]).sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');

/** Whether a text names any loss (a module without one can't bind a name that holds a loss itself). */
export function mentionsLoss(text: string): boolean {
  return LOSS_NAME_ONCE.test(text);
}

/** `LOSS_NAME` without the global flag, whose `test` would leave a `lastIndex` behind. */
const LOSS_NAME_ONCE = new RegExp(LOSS_NAME.source);

export const isLossName = (n: string): boolean => lossByModule(n) !== undefined || lossByFunctional(n) !== undefined;

const STOP = new Set(['string', 'comment', 'concatenated_string']);

function isChunkRoot(n: SNode): boolean {
  return n.parent !== null && n.parent.chunk !== n.chunk;
}

/** CPython's limit on nested brackets (its parser gives up beyond it). */
const MAX_NESTED_ARGUMENTS = 200;

/** Names found for calls and subscripts (each link of a `f()()()…` chain asks for the same one). */
const lastNames = new WeakMap<SNode, string | undefined>();

function lastName(n: SNode | undefined): string | undefined {
  // A loop, not recursion: `f()()()…` and `x[0][0]…` chains may be thousands deep in hostile files.
  const links: SNode[] = [];
  let name: string | undefined;
  for (let cur = n; cur; ) {
    const u = unparen(cur);
    if (lastNames.has(u)) {
      name = lastNames.get(u);
      break;
    }
    if (u.type === 'identifier') name = textOf(u);
    else if (u.type === 'attribute') {
      const a = child(u, 'attribute');
      name = a ? textOf(a) : undefined;
    } else if (u.type === 'subscript' || u.type === 'call') {
      links.push(u);
      cur = child(u, u.type === 'call' ? 'function' : 'value');
      continue;
    }
    break;
  }
  for (const l of links) lastNames.set(l, name);
  return name;
}

function indexOf(root: SNode): ChunkIndex {
  const hit = cache.get(root);
  if (hit) return hit;
  const calls: SNode[] = [];
  const imports: SNode[] = [];
  const flows: { target: string; reads: ReadonlySet<string> }[] = [];
  const defs: { name: string; reads: ReadonlySet<string> }[] = [];
  const assignments: SNode[] = [];
  const functions: SNode[] = [];
  const nested: ChunkIndex[] = [];
  const stack: SNode[] = [root];
  // How many argument lists enclose each node: CPython refuses more than 200 nested brackets, so calls
  // deeper than that are in code that never runs (and reading their arguments would cost depth²).
  const depths: number[] = [0];
  while (stack.length) {
    const n = stack.pop()!;
    const depth = depths.pop()!;
    if (n !== root && isChunkRoot(n)) {
      nested.push(indexOf(n));
      continue;
    }
    if (STOP.has(n.type)) continue;
    switch (n.type) {
      case 'call':
        if (depth <= MAX_NESTED_ARGUMENTS) calls.push(n);
        break;
      case 'import_statement':
      case 'import_from_statement':
        imports.push(n);
        break;
      case 'assignment':
        assignments.push(n);
        break;
      case 'function_definition':
        functions.push(n);
        break;
    }
    const inner = n.type === 'argument_list' ? depth + 1 : depth;
    for (let i = n.children.length - 1; i >= 0; i--) {
      stack.push(n.children[i]);
      depths.push(inner);
    }
  }
  for (const a of assignments) {
    const target = lastName(child(a, 'left'));
    const right = child(a, 'right');
    if (target && right) flows.push({ target, reads: identsIn(right) });
  }
  // Arguments flow into parameters (`train(model, crit)` → `criterion` of `def train(model, criterion)`),
  // through slots named by callee and position: `train#1`, or by keyword.
  for (const c of calls) {
    const callee = lastName(child(c, 'function'));
    const list = child(c, 'arguments');
    if (!callee || list?.type !== 'argument_list') continue;
    let i = 0;
    for (const a of list.children) {
      if (a.type === 'keyword_argument') {
        const name = child(a, 'name');
        const value = child(a, 'value');
        if (name && value) flows.push({ target: textOf(name), reads: identsIn(value) });
      } else if (a.type !== 'comment' && a.type !== 'list_splat' && a.type !== 'dictionary_splat') flows.push({ target: `${callee}#${i++}`, reads: identsIn(a) });
    }
  }
  for (const f of functions) {
    const name = child(f, 'name');
    const body = child(f, 'body');
    if (name && body) defs.push({ name: textOf(name), reads: returnReads(body) });
    if (name) flows.push(...parameterFlows(f, textOf(name)));
  }
  const out = { nested, calls, imports, flows, defs };
  cache.set(root, out);
  return out;
}

/** `p(a, b)` with `p` a parameter of the enclosing function, or `self.x(a, b)` in a method. */
function callsPassedValue(call: SNode): boolean {
  const list = child(call, 'arguments');
  if (list?.type !== 'argument_list' || list.children.filter((c) => c.type !== 'comment' && c.type !== 'keyword_argument').length < 2) return false;
  const fn = unparen(child(call, 'function') ?? call);
  let def: SNode | null = call.parent;
  while (def && def.type !== 'function_definition') def = def.parent;
  if (!def) return false;
  const params = child(def, 'parameters');
  const names = params ? params.children.map((p) => (p.type === 'identifier' ? p : child(p, 'name'))).filter((p): p is SNode => p?.type === 'identifier').map(textOf) : [];
  if (fn.type === 'identifier') return names.includes(textOf(fn));
  const obj = fn.type === 'attribute' ? child(fn, 'object') : undefined;
  return obj?.type === 'identifier' && names[0] === textOf(obj) && textOf(obj) === 'self';
}

/** Each parameter reads its slots (`train#1` for a function, `Trainer#0` for `__init__`) and its default. */
function parameterFlows(fn: SNode, name: string): { target: string; reads: ReadonlySet<string> }[] {
  const params = child(fn, 'parameters');
  if (!params) return [];
  let owner = fn.parent;
  if (owner?.type === 'decorated_definition') owner = owner.parent;
  const cls = owner?.type === 'block' && owner.parent?.type === 'class_definition' ? owner.parent : undefined;
  const slot = cls && name === '__init__' ? textOf(child(cls, 'name') ?? cls) : name;
  const out: { target: string; reads: ReadonlySet<string> }[] = [];
  let i = cls ? -1 : 0;
  for (const p of params.children) {
    if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' || p.type === 'keyword_separator') break;
    const id = p.type === 'identifier' ? p : child(p, 'name');
    if (!id || id.type !== 'identifier') continue;
    const reads = new Set([`${slot}#${i}`]);
    const d = child(p, 'value');
    if (d) identsIn(d, reads);
    if (i >= 0) out.push({ target: textOf(id), reads });
    i++;
  }
  return out;
}

function identsIn(n: SNode, out = new Set<string>()): Set<string> {
  const stack = [n];
  while (stack.length) {
    const cur = stack.pop()!;
    if (STOP.has(cur.type)) continue;
    if (cur.type === 'identifier') out.add(textOf(cur));
    for (const c of cur.children) stack.push(c);
  }
  return out;
}

const NOT_OURS = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition', 'string', 'comment']);

/** Names read by the `return`s of a function body (not of functions nested in it). */
function returnReads(body: SNode): ReadonlySet<string> {
  const out = new Set<string>();
  const stack = [body];
  while (stack.length) {
    const cur = stack.pop()!;
    if (cur.type === 'return_statement') {
      for (const c of cur.children) if (c.named) identsIn(c, out);
      continue;
    }
    for (const c of cur.children) if (!NOT_OURS.has(c.type)) stack.push(c);
  }
  return out;
}

/** What one top-level statement holds, computed once per statement node (it survives edits elsewhere). */
export interface StatementIndex {
  readonly imports: readonly SNode[];
  /** Calls by the last name of their callee (`f`, `x.f`, `x.f()` … → `f`). */
  readonly callees: ReadonlyMap<string, readonly SNode[]>;
  /** Identifiers that name a loss, and local aliases imported for one. */
  readonly lossNames: readonly string[];
  /** Assignments and defs as name flows: what each binds and every name it reads. */
  readonly flows: readonly { readonly target: string; readonly reads: ReadonlySet<string> }[];
  /**
   * Calls with two or more arguments of a parameter or of `self.<attr>` (`criterion(out, y)` in
   * `def train(model, criterion)`): the loss may come from a caller in another file, which this
   * file's loss names can't show, so these are always evaluated.
   */
  readonly passedCalls: readonly SNode[];
  /** Module-level bindings the statement makes, by name (imports aside). */
  readonly bindings: ReadonlyMap<string, readonly Binding[]>;
  readonly importMap: ImportMap;
}

/** Every chunk index in a statement (its own and all nested ones). */
function chunksOf(idx: ChunkIndex, out: ChunkIndex[] = []): ChunkIndex[] {
  out.push(idx);
  for (const n of idx.nested) chunksOf(n, out);
  return out;
}

const statements = new WeakMap<SNode, StatementIndex>();

export function statementIndex(top: SNode): StatementIndex {
  let hit = statements.get(top);
  if (hit) return hit;
  const chunks = chunksOf(indexOf(top));
  const callees = new Map<string, SNode[]>();
  const names = new Set<string>();
  const imports: SNode[] = [];
  const flows: { target: string; reads: ReadonlySet<string> }[] = [];
  for (const idx of chunks) {
    for (const c of idx.calls) {
      const name = lastName(child(c, 'function'));
      if (name === undefined) continue;
      const list = callees.get(name);
      if (list) list.push(c);
      else callees.set(name, [c]);
    }
    imports.push(...idx.imports);
    flows.push(...idx.flows);
    for (const d of idx.defs) flows.push({ target: d.name, reads: d.reads });
  }
  // A text search finds the loss names faster than slicing every identifier; a hit in a string or a
  // comment only adds a name to follow, never a finding.
  for (const m of textOf(top).matchAll(LOSS_NAME)) names.add(m[0]);
  const lossNames = [...names];
  for (const imp of imports)
    for (const a of imp.children) {
      if (a.type !== 'aliased_import') continue;
      const name = child(a, 'name');
      const alias = child(a, 'alias');
      if (name && alias && isLossName(textOf(name).split('.').pop()!)) lossNames.push(textOf(alias));
    }
  const bindings = new Map<string, Binding[]>();
  for (const b of topLevelBindings(top)) {
    const list = bindings.get(b.name);
    if (list) list.push(b);
    else bindings.set(b.name, [b]);
  }
  const passedCalls: SNode[] = [];
  for (const idx of chunks) for (const c of idx.calls) if (callsPassedValue(c)) passedCalls.push(c);
  hit = { imports, callees, lossNames, flows, bindings, passedCalls, importMap: collectImports(imports) };
  statements.set(top, hit);
  return hit;
}
