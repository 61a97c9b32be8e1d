import { child, namedChildren, textOf, unparen, walk, type SNode } from '../syntax';
import type { Semantics } from './semantics';
import { UNKNOWN, type Value } from './values';

/**
 * The values a function body can return. An `if` whose condition is known (`name == "bce"` with
 * `name` known to be `"bce"`) contributes only its taken branch, and a taken branch that returns
 * ends the search: a factory dispatching on a configured name returns that name's value.
 */
export function returnValues(s: Semantics, body: SNode): Value[] {
  const out: Value[] = [];
  collect(s, body, out);
  return out;
}

/** Adds the returns of a block's statements; true when the block certainly returns or raises. */
function collect(s: Semantics, block: SNode, out: Value[]): boolean {
  for (const stmt of namedChildren(block)) {
    switch (stmt.type) {
      case 'return_statement': {
        const e = namedChildren(stmt)[0];
        out.push(e ? s.valueOf(e) : UNKNOWN);
        return true;
      }
      case 'raise_statement':
        return true;
      case 'if_statement':
        if (collectIf(s, stmt, out)) return true;
        break;
      default:
        collectNested(s, stmt, out);
    }
  }
  return false;
}

/** An `if`/`elif`/`else` chain; true when a branch known to be taken returns. */
function collectIf(s: Semantics, stmt: SNode, out: Value[]): boolean {
  const branches: { cond: SNode | undefined; body: SNode | undefined }[] = [{ cond: child(stmt, 'condition'), body: child(stmt, 'consequence') }];
  for (const alt of stmt.children.filter((c) => c.field === 'alternative')) {
    branches.push(alt.type === 'elif_clause' ? { cond: child(alt, 'condition'), body: child(alt, 'consequence') } : { cond: undefined, body: child(alt, 'body') });
  }
  for (const b of branches) {
    const known = b.cond ? condition(s, b.cond) : true;
    if (known === false || !b.body) continue;
    const returns = collect(s, b.body, out);
    // Only a branch known to be taken decides; with an unknown condition the next ones may run too.
    if (known === true) return returns;
  }
  return false;
}

/** Returns inside loops, `with` and `try` blocks (they may or may not run). */
function collectNested(s: Semantics, stmt: SNode, out: Value[]): void {
  walk(stmt, (n) => {
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') return false;
    if (n.type === 'return_statement') {
      const e = namedChildren(n)[0];
      out.push(e ? s.valueOf(e) : UNKNOWN);
      return false;
    }
    return true;
  });
}

/** `x == "bce"` / `x != "bce"` when `x` is a known string; undefined otherwise. */
function condition(s: Semantics, cond: SNode): boolean | undefined {
  const c = unparen(cond);
  if (c.type !== 'comparison_operator' || c.children.length !== 2) return undefined;
  const [a, b] = c.children;
  const op = textOf(c).slice(a.end - c.start, b.start - c.start).trim();
  if (op !== '==' && op !== '!=') return undefined;
  const va = s.valueOf(a);
  const vb = s.valueOf(b);
  if (va.t !== 'str' || vb.t !== 'str') return undefined;
  return (va.value === vb.value) === (op === '==');
}
