import type { LossSignature } from '../../catalogue';
import { child, textOf, unparen, type SNode } from '../syntax';
import { constructorArguments, forwardArguments, functionalArguments } from './args';
import { callArgs, type CallArgs } from './calls';
import type { Semantics } from './semantics';
import type { Value } from './values';

/** `nn.X(...)`: a loss module construction and its options by parameter name. */
export interface Construction {
  readonly sig: LossSignature;
  readonly call: SNode;
  readonly args: CallArgs;
  readonly options: ReadonlyMap<string, SNode>;
}

/**
 * Where a loss is computed: `criterion(a, b)` on a constructed module (form `module`), or `F.x(a, b)`
 * (form `functional`). `inputs` are the tensors by forward-argument name (`input`, `target`, …);
 * `options` are the configured parameters (the construction's for modules, the call's for functionals).
 */
export interface LossCall {
  readonly sig: LossSignature;
  readonly form: 'module' | 'functional';
  readonly call: SNode;
  readonly args: CallArgs;
  readonly construction?: Construction;
  readonly inputs: ReadonlyMap<string, SNode>;
  readonly options: ReadonlyMap<string, SNode>;
}

/** A loss class called with tensors instead of being constructed first (`criterion = nn.MSELoss`; `criterion(a, b)`). */
export interface UninstantiatedCall {
  readonly sig: LossSignature;
  readonly call: SNode;
  /** The bare class reference to add `()` to. */
  readonly ref: SNode;
  readonly direct: boolean;
}

export interface LossSites {
  /** `torch.log(…)` and `….log()` calls, in source order. */
  readonly logCalls: readonly SNode[];
  readonly constructions: Construction[];
  readonly calls: LossCall[];
  readonly uninstantiated: UninstantiatedCall[];
}

/** Tensor-looking arguments: anything but literals and option-like constants. */
function looksLikeTensor(n: SNode): boolean {
  const t = unparen(n).type;
  if (['integer', 'float', 'string', 'true', 'false', 'none', 'unary_operator'].includes(t)) return false;
  return ['identifier', 'attribute', 'call', 'subscript', 'binary_operator'].includes(t);
}

/** The loss sites among `candidates` (calls that may involve a loss) and `logCalls`. */
export function collectLossSites(s: Semantics, candidates: readonly SNode[], logCalls: readonly SNode[]): LossSites {
  const constructions: Construction[] = [];
  const byCall = new Map<SNode, Construction>();
  const calls: LossCall[] = [];
  const uninstantiated: UninstantiatedCall[] = [];
  const pending: { call: SNode; v: Value; args: CallArgs }[] = [];
  for (const call of candidates) {
    const fn = child(call, 'function');
    if (!fn) continue;
    const t = unparen(fn).type;
    if (t !== 'identifier' && t !== 'attribute' && t !== 'subscript' && t !== 'call') continue;
    const partial = deferredConstruction(s, call, fn);
    if (partial) {
      constructions.push(partial);
      byCall.set(call, partial);
      continue;
    }
    const v = s.valueOf(fn);
    if (v.t !== 'lossClass' && v.t !== 'lossFunction' && v.t !== 'loss') continue;
    const args = callArgs(call);
    if (v.t === 'lossClass') {
      const direct = v.ref === fn || unparen(fn) === v.ref;
      const tensors = args.positional.filter(looksLikeTensor);
      const sigTensors = v.sig.params.slice(0, args.positional.length).filter((p) => p.type === 'tensor' || p.type === 'distance').length;
      if (direct && tensors.length >= 2 && tensors.length > sigTensors && args.keywords.size === 0) {
        uninstantiated.push({ sig: v.sig, call, ref: fn, direct });
      } else if (!direct && args.positional.length >= 1 && args.positional.every(looksLikeTensor)) {
        uninstantiated.push({ sig: v.sig, call, ref: v.ref, direct });
      } else {
        const c: Construction = { sig: v.sig, call, args, options: constructorArguments(v.sig, args) };
        constructions.push(c);
        byCall.set(call, c);
      }
      continue;
    }
    pending.push({ call, v, args });
  }
  // Calls second, so a criterion built later in the statement (methods in any order) links to its construction.
  for (const { call, v, args } of pending) {
    if (v.t === 'lossFunction') {
      const { inputs, options } = functionalArguments(v.sig, args);
      calls.push({ sig: v.sig, form: 'functional', call, args, inputs, options });
    } else if (v.t === 'loss') {
      let construction = byCall.get(v.construction);
      if (!construction) {
        const cargs = callArgs(v.construction);
        construction = { sig: v.sig, call: v.construction, args: cargs, options: constructorArguments(v.sig, cargs) };
      }
      calls.push({ sig: v.sig, form: 'module', call, args, construction, inputs: forwardArguments(v.sig, args), options: construction.options });
    }
  }
  return { logCalls, constructions, calls, uninstantiated };
}

/** `functools.partial(nn.X, k=v)`: the keywords configure the construction (its options are checked like one). */
function deferredConstruction(s: Semantics, call: SNode, fn: SNode): Construction | undefined {
  if (s.qualify(fn) !== 'functools.partial') return undefined;
  const args = callArgs(call);
  const [cls, ...rest] = args.positional;
  const v = cls ? s.valueOf(cls) : undefined;
  if (v?.t !== 'lossClass') return undefined;
  const shifted: CallArgs = { positional: rest, keywords: args.keywords, hasSplat: args.hasSplat };
  return { sig: v.sig, call, args, options: constructorArguments(v.sig, shifted) };
}

/** Source text of each argument, for hover and messages. */
export function argumentTexts(args: ReadonlyMap<string, SNode>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of args) out[k] = textOf(v);
  return out;
}
