import { child, namedChildren, textOf, unparen, type SNode } from '../syntax';

/** Positional and keyword arguments of a call, splats excluded (`hasSplat` says whether any existed). */
export interface CallArgs {
  readonly positional: SNode[];
  readonly keywords: Map<string, SNode>;
  readonly hasSplat: boolean;
}

export function callArgs(call: SNode): CallArgs {
  const positional: SNode[] = [];
  const keywords = new Map<string, SNode>();
  let hasSplat = false;
  const list = child(call, 'arguments');
  if (list && list.type === 'argument_list') {
    for (const a of namedChildren(list)) {
      if (a.type === 'keyword_argument') {
        const name = child(a, 'name');
        const value = child(a, 'value');
        if (name && value) keywords.set(textOf(name), value);
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') hasSplat = true;
      else positional.push(a);
    }
  } else if (list) positional.push(list); // a bare generator argument
  return { positional, keywords, hasSplat };
}

/** A literal int (`1`, `10`), or undefined. */
export function intLiteral(n: SNode | undefined): number | undefined {
  if (!n) return undefined;
  const u = unparen(n);
  if (u.type !== 'integer') return undefined;
  const v = Number(textOf(u).replace(/_/g, ''));
  return Number.isSafeInteger(v) ? v : undefined;
}
