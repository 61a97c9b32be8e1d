import { child, namedChildren, textOf, unparen, type SNode } from '../syntax';
import { intLiteral, type CallArgs } from './callArgs';
import type { Semantics } from './semantics';
import * as N from './torchNames';
import { UNKNOWN, tensor, type DictValue, type ModuleValue, type TensorValue, type Value } from './values';

/** A `torch.nn` layer construction (`nn.Linear(h, 1)`, `nn.Softmax(dim=1)`) as a callable value. */
export function layerValue(s: Semantics, q: string, call: SNode, args: CallArgs): ModuleValue | undefined {
  const name = q.replace(/^torch\.nn\./, 'nn.');
  if (N.LOGIT_LAYERS.has(q)) {
    const out = q.endsWith('Linear') ? (q === 'torch.nn.LazyLinear' ? args.positional[0] : args.positional[1]) ?? args.keywords.get('out_features') : undefined;
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
  return undefined;
}

/** `nn.Sequential(...)`: its output is the last layer's that isn't a pass-through (dropout, flatten). */
export function sequentialValue(s: Semantics, args: CallArgs): Value {
  if (args.hasSplat) return UNKNOWN;
  let layers = args.positional;
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
