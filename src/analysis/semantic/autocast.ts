import { child, namedChildren, unparen, type SNode } from '../syntax';
import { callArgs } from './callArgs';
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
    const literal = device && stringLiteral(device);
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

/**
 * The `torch.autocast(…)` / `torch.cuda.amp.autocast()` call under which `n` runs on CUDA: the
 * innermost `with` block around it (in the same function) or the enclosing function's decorator.
 * An inner `autocast(enabled=False)` or a CPU autocast turns it off; autocast entered by a caller
 * is not seen.
 */
export function cudaAutocastAround(s: Semantics, n: SNode): SNode | undefined {
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
      return undefined;
    }
    if (p.type === 'lambda' || p.type === 'class_definition') return undefined;
  }
  return undefined;
}
