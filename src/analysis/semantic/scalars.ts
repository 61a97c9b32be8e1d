import { child, namedChildren, textOf, unparen, type SNode } from '../syntax';
import { callArgs } from './callArgs';
import { enclosingFunction, scopeOf } from './scopes';
import type { Semantics } from './semantics';

/** What a Python scalar label can be, when every way of computing it gives 0 or 1. */
export interface Binary {
  /** Whether the values are ints (`1`, `0`), floats (`1.0`) or either (a bool made a number). */
  readonly int: boolean | undefined;
}

const NUMBER_CASTS = new Set(['float', 'int', 'bool']);

/**
 * Whether a Python expression is a 0/1 label: `1`, `0.0`, `1 if same else 0`, `float(a > b)`, or a
 * name every binding of which in its function is one of those (`label = 1.0` / `label = 0.0` in the
 * two branches of an `if`). The samples of a pairs dataset are built this way.
 */
export function binaryScalar(s: Semantics, n: SNode, depth = 0): Binary | undefined {
  if (depth > 4) return undefined;
  const u = unparen(n);
  switch (u.type) {
    case 'integer':
    case 'float': {
      const v = Number(textOf(u).replace(/_/g, ''));
      return v === 0 || v === 1 ? { int: u.type === 'integer' } : undefined;
    }
    case 'true':
    case 'false':
    case 'comparison_operator':
      return { int: undefined };
    case 'conditional_expression': {
      const [a, , b] = namedChildren(u);
      const x = a && binaryScalar(s, a, depth + 1);
      const y = b && binaryScalar(s, b, depth + 1);
      return x && y ? { int: x.int === y.int ? x.int : undefined } : undefined;
    }
    case 'call': {
      const fn = child(u, 'function');
      const arg = callArgs(u).positional[0];
      if (fn?.type !== 'identifier' || !NUMBER_CASTS.has(textOf(fn)) || !arg || s.lookup(textOf(fn), u).t !== 'unknown') return undefined;
      const inner = binaryScalar(s, arg, depth + 1);
      return inner ? { int: textOf(fn) === 'int' ? true : textOf(fn) === 'float' ? false : undefined } : undefined;
    }
    case 'identifier': {
      const fn = enclosingFunction(u);
      if (!fn) return undefined;
      const bindings = s.bindingsNamed(scopeOf(u), textOf(u));
      if (bindings.length === 0 || bindings.some((b) => !b.value || b.path)) return undefined;
      const each = bindings.map((b) => binaryScalar(s, b.value!, depth + 1));
      if (each.some((e) => !e)) return undefined;
      return { int: each.every((e) => e!.int === each[0]!.int) ? each[0]!.int : undefined };
    }
  }
  return undefined;
}
