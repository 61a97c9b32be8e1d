import { child, namedChildren, textOf, type SNode } from '../syntax';
import { callArgs } from './callArgs';
import type { Semantics } from './semantics';
import { LOG_FUNCTIONS } from './torchNames';

/** For `torch.log(x)` or `x.log()`, the `x`; undefined for any other call. */
export function logArgument(s: Semantics, call: SNode): SNode | undefined {
  const fn = child(call, 'function');
  if (!fn) return undefined;
  if (fn.type === 'attribute' && textOf(child(fn, 'attribute') ?? fn) === 'log' && namedChildren(child(call, 'arguments') ?? call).length === 0) {
    const obj = child(fn, 'object');
    if (obj && s.qualify(obj) === undefined) return obj;
  }
  const q = s.qualify(fn);
  if (q && LOG_FUNCTIONS.has(q)) {
    const a = callArgs(call);
    return a.positional.length === 1 && a.keywords.size === 0 ? a.positional[0] : undefined;
  }
  return undefined;
}
