import type { LossSignature } from '../../catalogue';
import type { SNode } from '../syntax';
import type { CallArgs } from './callArgs';

/**
 * Maps a call's arguments to parameter names by keyword or position. `names` is the positional order
 * (the catalogue's `forward`, `params` or functional signature); `positionalLimit` stops positional
 * matching where a signature turns keyword-only.
 */
export function bindArguments(args: CallArgs, names: readonly string[], positionalLimit = names.length): Map<string, SNode> {
  const out = new Map<string, SNode>();
  args.positional.forEach((a, i) => {
    if (i < positionalLimit && i < names.length) out.set(names[i], a);
  });
  for (const [k, v] of args.keywords) if (names.includes(k)) out.set(k, v);
  return out;
}

/** Constructor arguments of `nn.X(...)` by parameter name. */
export function constructorArguments(sig: LossSignature, args: CallArgs): Map<string, SNode> {
  const names = sig.params.map((p) => p.name);
  return bindArguments(args, names, sig.keywordOnly ? 0 : names.length);
}

/** Forward arguments of `criterion(...)` by the catalogue's forward names. */
export function forwardArguments(sig: LossSignature, args: CallArgs): Map<string, SNode> {
  return bindArguments(args, sig.forward.map((a) => a.name));
}

/** Arguments of `F.x(...)`: tensors first, then the options (keyword-only where the signature says so). */
export function functionalArguments(sig: LossSignature, args: CallArgs): { inputs: Map<string, SNode>; options: Map<string, SNode> } {
  const f = sig.functional;
  const all = [...f.args, ...f.params];
  const bound = bindArguments(args, all, f.keywordOnly ? f.args.length : all.length);
  const inputs = new Map<string, SNode>();
  const options = new Map<string, SNode>();
  for (const [k, v] of bound) (f.args.includes(k) ? inputs : options).set(k, v);
  return { inputs, options };
}
