import { child, isAncestor, namedChildren, textOf, unparen, type SNode } from '../syntax';
import { callArgs } from './callArgs';
import { classOfMethod, enclosingFunction, parameterNames } from './scopes';
import type { Semantics } from './semantics';
import { stringLiteral } from './strings';

/** Autocast context managers (also usable as decorators), by whether their first argument is the device. */
const BY_DEVICE = new Set(['torch.autocast', 'torch.amp.autocast', 'torch.amp.autocast_mode.autocast']);
const CUDA_ONLY = new Set(['torch.cuda.amp.autocast', 'torch.cuda.amp.autocast_mode.autocast']);
const CPU_ONLY = new Set(['torch.cpu.amp.autocast', 'torch.cpu.amp.autocast_mode.autocast']);

/** What an autocast call turns on: CUDA autocast (or maybe, when the device is not a literal), none, or not autocast at all. */
function autocastState(s: Semantics, call: SNode): 'cuda' | 'off' | undefined {
  if (call.type !== 'call') return undefined;
  const fn = child(call, 'function');
  const q = fn && s.qualify(fn);
  if (!q || !(BY_DEVICE.has(q) || CUDA_ONLY.has(q) || CPU_ONLY.has(q))) return undefined;
  if (CPU_ONLY.has(q)) return 'off';
  const args = callArgs(call);
  const enabled = args.keywords.get('enabled') ?? (CUDA_ONLY.has(q) ? args.positional[0] : args.positional[2]);
  if (enabled && unparen(enabled).type === 'false') return 'off';
  if (BY_DEVICE.has(q)) {
    const device = args.keywords.get('device_type') ?? args.positional[0];
    // A device given by a variable (`device.type`) is CUDA on the runs that use mixed precision.
    const known = device && s.valueOf(device);
    const literal = device && (stringLiteral(device) ?? (known?.t === 'str' ? known.value : undefined));
    if (literal !== undefined && literal !== 'cuda') return 'off';
  }
  return 'cuda';
}

/** The context manager calls of a `with` statement (`with autocast() as ac, torch.no_grad():`). */
function withItems(stmt: SNode): SNode[] {
  const clause = namedChildren(stmt).find((c) => c.type === 'with_clause');
  return (clause ? namedChildren(clause) : [])
    .filter((i) => i.type === 'with_item')
    .map((i) => {
      const v = unparen(child(i, 'value') ?? i);
      return v.type === 'as_pattern' ? unparen(namedChildren(v)[0] ?? v) : v;
    });
}

/** Where `n` runs under CUDA autocast: the autocast call, and the call of the enclosing function that enters it there. */
export interface AutocastRegion {
  readonly autocast: SNode;
  /** `self.compute_loss(…)` inside the `with` block, when the region is entered by a caller. */
  readonly via?: SNode;
}

/**
 * The `torch.autocast(…)` / `torch.cuda.amp.autocast()` call under which `n` runs on CUDA: the
 * innermost `with` block around it (in the same function), the enclosing function's decorator, or a
 * `with` block around a call of that function elsewhere in the file (one level of callers). An inner
 * `autocast(enabled=False)` or a CPU autocast turns it off.
 */
export function cudaAutocastAround(s: Semantics, n: SNode): AutocastRegion | undefined {
  const fn = lexicalRegion(s, n);
  if (!fn || fn.type !== 'function_definition') return fn ? { autocast: fn } : undefined;
  const name = child(fn, 'name');
  if (!name) return undefined;
  for (const call of s.callsNamed(textOf(name))) {
    if (isAncestor(fn, call) || !callsThis(fn, call)) continue;
    const outer = lexicalRegion(s, call);
    if (outer && outer.type !== 'function_definition') return { autocast: outer, via: call };
  }
  return undefined;
}

/**
 * Whether `call` calls `fn` itself, not another function of that name: `self.name(…)` from a method
 * of the same class for a method, a bare `name(…)` for a function.
 */
function callsThis(fn: SNode, call: SNode): boolean {
  const callee = unparen(child(call, 'function') ?? call);
  const cls = classOfMethod(fn);
  if (!cls) return callee.type === 'identifier';
  const obj = callee.type === 'attribute' ? unparen(child(callee, 'object') ?? callee) : undefined;
  const caller = enclosingFunction(call);
  if (!obj || obj.type !== 'identifier' || !caller || classOfMethod(caller) !== cls) return false;
  return textOf(obj) === parameterNames(caller)[0];
}

/** The autocast call around `n` in its own function, else that function (for its callers), else undefined. */
function lexicalRegion(s: Semantics, n: SNode): SNode | undefined {
  for (let cur = n, p = n.parent; p; cur = p, p = p.parent) {
    if (p.type === 'with_statement' && cur.field === 'body') {
      for (const call of withItems(p).reverse()) {
        const state = autocastState(s, call);
        if (state) return state === 'cuda' ? call : undefined;
      }
    }
    if (p.type === 'function_definition') {
      const decorated = p.parent?.type === 'decorated_definition' ? p.parent : undefined;
      for (const d of decorated ? namedChildren(decorated).filter((c) => c.type === 'decorator').reverse() : []) {
        const call = unparen(namedChildren(d)[0] ?? d);
        const state = autocastState(s, call);
        if (state) return state === 'cuda' ? call : undefined;
      }
      return p;
    }
    if (p.type === 'lambda' || p.type === 'class_definition') return undefined;
  }
  return undefined;
}
