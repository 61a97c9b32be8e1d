import { child, endOf, namedChildren, startOf, textOf, unparen, type SNode } from '../syntax';
import { intLiteral, type CallArgs } from './callArgs';
import type { Semantics } from './semantics';
import * as N from './torchNames';
import { positiveRateLayer } from './positiveRates';
import { UNKNOWN, tensor, type DictValue, type ModuleValue, type TensorValue, type Value } from './values';

/** A `torch.nn` layer construction (`nn.Linear(h, 1)`, `nn.Softmax(dim=1)`) as a callable value. */
export function layerValue(s: Semantics, q: string, call: SNode, args: CallArgs): ModuleValue | undefined {
  const name = q.replace(/^torch\.nn\./, 'nn.');
  if (N.LOGIT_LAYERS.has(q)) {
    const out = outputWidthArgument(q, args);
    // `num_classes`, `cfg["num_outputs"]`, a parameter given at the construction: any int it is known to be.
    const known = out && intLiteral(out) === undefined ? s.valueOf(out) : undefined;
    const width = intLiteral(out) ?? (known?.t === 'int' ? known.value : undefined);
    const widthName = out && width === undefined && unparen(out).type === 'identifier' ? textOf(unparen(out)) : undefined;
    return { t: 'module', name, out: tensor('logits', { origin: call, width, widthName, model: name }) };
  }
  if (N.SIGMOID_LAYERS.has(q)) return { t: 'module', name, out: tensor('sigmoid', { origin: call, model: name }) };
  if (N.SOFTMAX_LAYERS.has(q)) return { t: 'module', name, out: tensor('softmax', { origin: call, model: name }) };
  if (N.LOG_SOFTMAX_LAYERS.has(q)) return { t: 'module', name, out: tensor('logProbs', { origin: call, model: name }) };
  if (N.PASSTHROUGH_LAYERS.has(q)) return { t: 'module', name, passthrough: true };
  const rate = positiveRateLayer(q, call, name);
  if (rate) return { t: 'module', name, out: rate };
  return undefined;
}

/** Whether `q` names a torch layer whose output the analyzer knows (so an uncalled reference is worth keeping). */
export function isLayerClass(q: string): boolean {
  return N.LOGIT_LAYERS.has(q) || N.SIGMOID_LAYERS.has(q) || N.SOFTMAX_LAYERS.has(q) || N.LOG_SOFTMAX_LAYERS.has(q) || N.PASSTHROUGH_LAYERS.has(q);
}

/** The argument giving a layer's output width: features for linear layers, channels (dim 1) for convolutions. */
function outputWidthArgument(q: string, args: CallArgs): SNode | undefined {
  const lazy = q.startsWith('torch.nn.Lazy');
  if (q.endsWith('Bilinear')) return args.positional[2] ?? args.keywords.get('out_features');
  if (q.endsWith('Linear')) return args.positional[lazy ? 0 : 1] ?? args.keywords.get('out_features');
  return args.positional[lazy ? 0 : 1] ?? args.keywords.get('out_channels');
}

/** `nn.Sequential(...)`: its output is the last layer's that isn't a pass-through (dropout, flatten). */
export function sequentialValue(s: Semantics, args: CallArgs, call: SNode): Value {
  let layers: readonly SNode[] = args.positional;
  if (args.hasSplat) {
    const built = splatLayers(call);
    if (!built) return UNKNOWN;
    layers = built;
  }
  // nn.Sequential(OrderedDict([('fc', nn.Linear(..)), ...]))
  if (layers.length === 1 && unparen(layers[0]).type === 'call') {
    const inner = unparen(layers[0]);
    const q = s.qualify(child(inner, 'function')!);
    if (q === 'collections.OrderedDict') {
      const list = namedChildren(child(inner, 'arguments') ?? inner)[0];
      if (!list || list.type !== 'list') return UNKNOWN;
      layers = namedChildren(list).map((t) => namedChildren(unparen(t))[1]).filter((x): x is SNode => x !== undefined);
    }
  }
  for (let i = layers.length - 1; i >= 0; i--) {
    const v = s.valueOf(layers[i]);
    if (v.t !== 'module') return UNKNOWN;
    if (v.passthrough) continue;
    const out = v.out ? { ...v.out, model: 'nn.Sequential' } : undefined;
    return { t: 'module', name: 'nn.Sequential', out };
  }
  return UNKNOWN;
}

const BLOCKS = new Set(['for_statement', 'while_statement', 'if_statement', 'try_statement', 'with_statement', 'match_statement']);

/**
 * `nn.Sequential(*layers)` where the function built `layers` itself: the layers its last addition
 * (`layers.append(…)`, `layers += […]`, `layers.extend([…])`) put at the end, when that addition runs
 * exactly once, after every other (not in a loop or branch). Earlier additions matter only when the
 * last ones are all pass-through layers, so they are kept in order too.
 */
function splatLayers(call: SNode): SNode[] | undefined {
  const list = child(call, 'arguments');
  const splats = list ? namedChildren(list).filter((a) => a.type === 'list_splat') : [];
  const name = splats.length === 1 && list && namedChildren(list).length === 1 ? namedChildren(splats[0])[0] : undefined;
  if (name?.type !== 'identifier') return undefined;
  let scope: SNode | null = call.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  const body = scope?.type === 'function_definition' ? child(scope, 'body') : scope;
  if (!body) return undefined;
  const target = textOf(name);
  const adds: { stmt: SNode; items: SNode[] }[] = [];
  const stack = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n !== body && (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda')) continue;
    const items = addedItems(n, target);
    if (items) adds.push({ stmt: n, items });
    for (const c of n.children) stack.push(c);
  }
  const at = startOf(call);
  const before = adds.filter((a) => endOf(a.stmt) <= at).sort((a, b) => startOf(a.stmt) - startOf(b.stmt));
  const out: SNode[] = [];
  for (let i = before.length - 1; i >= 0; i--) {
    const a = before[i];
    if (inBlock(a.stmt, body)) return out.length > 0 ? out : undefined;
    out.unshift(...a.items);
    // `layers = […]` starts the list: nothing before it is in it.
    if (a.stmt.type === 'assignment') break;
  }
  return out.length > 0 ? out : undefined;
}

/** The layers a statement adds to the list `name`, or undefined when it doesn't add to it. */
function addedItems(n: SNode, name: string): SNode[] | undefined {
  const listItems = (v: SNode | undefined) => (v && unparen(v).type === 'list' ? namedChildren(unparen(v)) : undefined);
  if (n.type === 'augmented_assignment') {
    const left = child(n, 'left');
    return left?.type === 'identifier' && textOf(left) === name ? listItems(child(n, 'right')) ?? [] : undefined;
  }
  if (n.type === 'assignment') {
    const left = child(n, 'left');
    return left?.type === 'identifier' && textOf(left) === name ? listItems(child(n, 'right')) ?? [] : undefined;
  }
  if (n.type !== 'call') return undefined;
  const fn = child(n, 'function');
  const obj = fn?.type === 'attribute' ? child(fn, 'object') : undefined;
  const method = fn?.type === 'attribute' ? textOf(child(fn, 'attribute') ?? fn) : '';
  if (obj?.type !== 'identifier' || textOf(obj) !== name) return undefined;
  const arg = namedChildren(child(n, 'arguments') ?? n)[0];
  if (method === 'append') return arg ? [arg] : [];
  if (method === 'extend') return listItems(arg) ?? [];
  return undefined;
}

/** Whether `n` sits in a loop or branch of `body` (so it may run zero or many times). */
function inBlock(n: SNode, body: SNode): boolean {
  for (let cur = n.parent; cur && cur !== body; cur = cur.parent) if (BLOCKS.has(cur.type)) return true;
  return false;
}

/** What calling an instance of a class defined in this file returns: its `forward`'s return value. */
export function classOutput(s: Semantics, cls: SNode): { out?: TensorValue; outs?: readonly Value[]; outDict?: DictValue } {
  const forward = s.methodOf(cls, 'forward');
  if (!forward) return {};
  const v = s.returnValue(forward);
  const model = textOf(child(cls, 'name') ?? cls);
  if (v.t === 'tensor') return { out: { ...v, model } };
  if (v.t === 'tuple') return { outs: v.items.map((x) => (x.t === 'tensor' ? { ...x, model } : x)) };
  if (v.t === 'dict') return { outDict: v };
  return {};
}
