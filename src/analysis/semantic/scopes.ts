import { child, endOf, isAncestor, namedChildren, startOf, textOf, unparen, walk, type SNode } from '../syntax';
import { stringLiteral } from './strings';

/** One place a name (or `self.attr`) gets a value; `value` is undefined when it can't be followed. */
export interface Binding {
  readonly name: string;
  readonly value: SNode | undefined;
  /** The statement (or definition) that binds. */
  readonly stmt: SNode;
  /** When the binding takes effect: after its statement, at its start (definitions), or unknown (`global`). */
  readonly when: 'end' | 'start' | 'unknown';
  /**
   * How the name gets a part of `value`: `iter` for one item of an iteration (`for x in loader`), then
   * the element indexes of nested unpacking (`a, b = model(x)` → [0] / [1]; `for i, (x, y) in …`).
   */
  readonly path?: readonly Step[];
  /** For an item assignment `d["k"] = v` (path `['item']`): the key. */
  readonly key?: string;
}

/**
 * One step from a value to a part of it: an item of iterating it, element `i` of a tuple, or only
 * the dtype of a tensor changed in place (`t[i] = 1`); `item` sets one key of a dict (`d["k"] = v`).
 */
export type Step = 'iter' | 'dtype' | 'item' | number;

/** Document offset after which the binding holds (-1 for unknown); computed on demand so bindings can be cached across edits. */
export function bindingAt(b: Binding): number {
  return b.when === 'unknown' ? -1 : b.when === 'start' ? startOf(b.stmt) : endOf(b.stmt);
}

const SCOPE_TYPES = new Set(['function_definition', 'class_definition', 'module', 'lambda']);
const NESTED_SCOPES = new Set(['function_definition', 'class_definition', 'lambda', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

export function scopeOf(n: SNode): SNode {
  // Without a scope above (a file tree-sitter could only recover as ERROR), the root is the scope;
  // returning `n` itself would make scope walks loop forever.
  let top = n;
  for (let cur = n.parent; cur; cur = cur.parent) {
    if (SCOPE_TYPES.has(cur.type)) return cur;
    top = cur;
  }
  return top;
}

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/**
 * The comprehension `for` clause that binds `name` where `use` sits (Python 3 gives comprehensions
 * their own scope), with the element path to the name in its target (`for i, c in …` → c is [1]).
 * The iterable of a clause is not in that clause's scope: a use inside it looks further out.
 */
export function comprehensionBinding(name: string, use: SNode): { right: SNode; path: readonly number[] } | undefined {
  for (let cur = use.parent; cur && !SCOPE_TYPES.has(cur.type); cur = cur.parent) {
    if (!COMPREHENSIONS.has(cur.type)) continue;
    for (const clause of namedChildren(cur)) {
      if (clause.type !== 'for_in_clause') continue;
      const left = child(clause, 'left');
      const right = child(clause, 'right');
      if (!left || !right || isAncestor(right, use)) continue;
      const path = targetPath(left, name);
      if (path) return { right, path };
    }
  }
  return undefined;
}

/** Where `name` sits in an unpacking target: [] for the name itself, [1] for `a, name`, … */
function targetPath(t: SNode, name: string): number[] | undefined {
  const u = unparen(t);
  if (u.type === 'identifier') return textOf(u) === name ? [] : undefined;
  if (u.type !== 'pattern_list' && u.type !== 'tuple_pattern' && u.type !== 'list_pattern' && u.type !== 'tuple' && u.type !== 'list') return undefined;
  const parts = namedChildren(u);
  if (parts.some((p) => p.type === 'list_splat_pattern')) return undefined;
  for (let i = 0; i < parts.length; i++) {
    const inner = targetPath(parts[i], name);
    if (inner) return [i, ...inner];
  }
  return undefined;
}

export function enclosingFunction(n: SNode): SNode | undefined {
  for (let cur = n.parent; cur; cur = cur.parent) {
    if (cur.type === 'function_definition') return cur;
    if (cur.type === 'class_definition' || cur.type === 'lambda') return undefined;
  }
  return undefined;
}

/** The class a method belongs to (`def` directly in a class body, decorated or not). */
export function classOfMethod(fn: SNode): SNode | undefined {
  let p = fn.parent;
  if (p?.type === 'decorated_definition') p = p.parent;
  if (p?.type === 'block' && p.parent?.type === 'class_definition') return p.parent;
  return undefined;
}

const paramCache = new WeakMap<SNode, readonly string[]>();

/** A function's parameter names, in order (cached: lookups ask for them constantly). */
export function parameterNames(fn: SNode): readonly string[] {
  let hit = paramCache.get(fn);
  if (!hit) {
    hit = readParameterNames(fn);
    paramCache.set(fn, hit);
  }
  return hit;
}

function readParameterNames(fn: SNode): string[] {
  const params = child(fn, 'parameters');
  if (!params) return [];
  const names: string[] = [];
  for (const p of namedChildren(params)) {
    const id = p.type === 'identifier' ? p : (child(p, 'name') ?? namedChildren(p).find((c) => c.type === 'identifier'));
    if (id && id.type === 'identifier') names.push(textOf(id));
  }
  return names;
}

/**
 * Adds the bindings made by assigning `value` to `target` (pairwise for same-length tuples); `path`
 * says which part of `value` the target gets, `when` when the binding takes effect.
 */
function bindTarget(target: SNode, value: SNode | undefined, stmt: SNode, out: Binding[], attrs: Binding[] | undefined, selfName: string | undefined, path?: readonly Step[], when: 'end' | 'start' = 'end'): void {
  const t = unparen(target);
  if (t.type === 'identifier') out.push(path ? { name: textOf(t), value, stmt, when, path } : { name: textOf(t), value, stmt, when });
  else if (t.type === 'subscript') {
    // `t[t == 0] = -1` changes `t` in place: what was known about it no longer holds, but its dtype does.
    const base = unparen(child(t, 'value') ?? t);
    const keys = t.children.filter((c) => c.field === 'subscript');
    const key = keys.length === 1 && !path ? stringLiteral(unparen(keys[0])) : undefined;
    // `out["toxic"] = torch.sigmoid(out["toxic"])`: that key of the dict holds the new value from here on.
    if (base.type === 'identifier' && key !== undefined && value) out.push({ name: textOf(base), value, stmt, when, path: ['item'], key });
    else if (base.type === 'identifier') out.push({ name: textOf(base), value: base, stmt, when, path: ['dtype'] });
  }
  else if (t.type === 'attribute' && attrs && selfName) {
    const obj = child(t, 'object');
    const attr = child(t, 'attribute');
    if (obj && attr && obj.type === 'identifier' && textOf(obj) === selfName) attrs.push({ name: textOf(attr), value, stmt, when });
  } else if (t.type === 'pattern_list' || t.type === 'tuple_pattern' || t.type === 'list_pattern' || t.type === 'tuple' || t.type === 'list') {
    const targets = namedChildren(t);
    const v = value ? unparen(value) : undefined;
    const values = v && !path && (v.type === 'expression_list' || v.type === 'tuple') ? namedChildren(v) : undefined;
    const starred = targets.some((tt) => tt.type === 'list_splat_pattern');
    targets.forEach((tt, i) => {
      if (values) bindTarget(tt, values.length === targets.length ? values[i] : undefined, stmt, out, attrs, selfName, undefined, when);
      // `a, b = model(x)`, `for x, y in loader`: each name gets one element of whatever the value gives.
      else if (v && !starred) bindTarget(tt, v, stmt, out, attrs, selfName, [...(path ?? []), i], when);
      else bindTarget(tt, undefined, stmt, out, attrs, selfName, undefined, when);
    });
  } else if (t.type === 'list_splat_pattern') {
    for (const c of namedChildren(t)) bindTarget(c, undefined, stmt, out, attrs, selfName);
  }
}

/** Every binding made directly in `scope` (not in nested functions or classes), plus `self.x` ones. */
export function collectBindings(scope: SNode, selfName?: string): { names: Binding[]; attrs: Binding[] } {
  const names: Binding[] = [];
  const attrs: Binding[] = [];
  const body = scope.type === 'module' ? scope : child(scope, 'body');
  if (!body) return { names, attrs };
  walk(body, bindingVisitor(body, names, attrs, selfName));
  return { names, attrs };
}

/** The module-scope bindings one top-level statement makes (the module's are these, statement by statement). */
export function topLevelBindings(stmt: SNode): Binding[] {
  const names: Binding[] = [];
  walk(stmt, bindingVisitor(undefined, names, [], undefined));
  return names;
}

function bindingVisitor(body: SNode | undefined, names: Binding[], attrs: Binding[], selfName: string | undefined): (n: SNode) => boolean {
  return (n) => {
    if (n !== body && NESTED_SCOPES.has(n.type)) {
      if (n.type === 'function_definition' || n.type === 'class_definition') {
        const name = child(n, 'name');
        if (name) names.push({ name: textOf(name), value: n, stmt: n, when: 'start' });
      }
      return false;
    }
    switch (n.type) {
      case 'assignment': {
        // `a = b = x` nests: the innermost right side is the value of every target.
        let right = child(n, 'right');
        while (right && right.type === 'assignment') right = child(right, 'right');
        const left = child(n, 'left');
        if (left) bindTarget(left, right, n, names, attrs, selfName);
        for (let r = child(n, 'right'); r && r.type === 'assignment'; r = child(r, 'right')) {
          const l = child(r, 'left');
          if (l) bindTarget(l, right, n, names, attrs, selfName);
        }
        return true;
      }
      case 'augmented_assignment': {
        const left = child(n, 'left');
        if (left) bindTarget(left, undefined, n, names, attrs, selfName);
        return true;
      }
      case 'named_expression': {
        const name = child(n, 'name');
        if (name) names.push({ name: textOf(name), value: child(n, 'value'), stmt: n, when: 'end' });
        return true;
      }
      case 'for_statement': {
        // Bound at the loop's start, so uses in the body see one item of what is iterated.
        const left = child(n, 'left');
        if (left) bindTarget(left, child(n, 'right'), n, names, attrs, selfName, ['iter'], 'start');
        return true;
      }
      case 'for_in_clause': {
        const left = child(n, 'left');
        if (left) bindTarget(left, undefined, n, names, attrs, selfName);
        return true;
      }
      case 'as_pattern': {
        const alias = child(n, 'alias');
        if (alias) for (const c of namedChildren(alias)) bindTarget(c, undefined, n, names, attrs, selfName);
        return true;
      }
      case 'with_item': {
        const v = child(n, 'value');
        if (v?.type === 'as_pattern') {
          const alias = child(v, 'alias');
          if (alias) for (const c of namedChildren(alias)) bindTarget(c, undefined, n, names, attrs, selfName);
        }
        return true;
      }
      case 'except_clause':
        for (const c of namedChildren(n)) if (c.type === 'as_pattern') {
          const alias = child(c, 'alias');
          if (alias) for (const a of namedChildren(alias)) bindTarget(a, undefined, n, names, attrs, selfName);
        }
        return true;
      case 'call': {
        // `x.sigmoid_()`, `x.scatter_(…)`: an in-place method changes what `x` holds from here on.
        const fn = child(n, 'function');
        let obj = fn?.type === 'attribute' ? child(fn, 'object') : undefined;
        // `x.data.clamp_(…)` changes `x` too (`.data` shares its storage).
        if (obj?.type === 'attribute' && textOf(child(obj, 'attribute') ?? obj) === 'data') obj = child(obj, 'object') ?? undefined;
        const method = fn?.type === 'attribute' ? child(fn, 'attribute') : undefined;
        if (obj?.type === 'identifier' && method && /[^_]_$/.test(textOf(method)) && textOf(obj) !== selfName && textOf(obj) !== 'self') names.push({ name: textOf(obj), value: n, stmt: n, when: 'end' });
        return true;
      }
      case 'global_statement':
      case 'nonlocal_statement':
        for (const c of namedChildren(n)) names.push({ name: textOf(c), value: undefined, stmt: n, when: 'unknown' });
        return false;
      case 'string':
      case 'comment':
        return false;
    }
    return true;
  };
}

/** Blocks whose body always runs once control reaches them, so a binding inside still reaches code after them. */
const STRAIGHT_LINE = new Set(['with_statement', 'try_statement', 'function_definition', 'module', 'class_definition']);

/**
 * Whether a binding certainly reaches `use`: every conditional or loop block around the binding
 * must also contain the use (an `if` that might not run leaves the name possibly unbound or stale).
 */
export function reaches(b: Binding, use: SNode, scope: SNode): boolean {
  for (let cur = b.stmt.parent; cur && cur !== scope; cur = cur.parent) {
    if (cur.type !== 'block' && cur.type !== 'else_clause' && cur.type !== 'elif_clause' && cur.type !== 'except_clause' && cur.type !== 'finally_clause') continue;
    const owner = cur.type === 'block' ? cur.parent : cur;
    if (!owner || STRAIGHT_LINE.has(owner.type)) continue;
    if (owner.type === 'try_statement' && cur.field === 'body') continue;
    if (!isAncestor(cur, use)) return false;
  }
  return true;
}
