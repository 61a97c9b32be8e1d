import { child, textOf, unparen, type SNode } from '../syntax';
import type { LossCall } from './lossSites';
import type { Semantics } from './semantics';

/** Losses whose first two arguments are interchangeable or both inputs: argument order says nothing. */
const ORDER_FREE = new Set(['mse', 'l1', 'smoothL1', 'huber', 'cosineEmbedding', 'marginRanking', 'tripletMargin', 'tripletMarginWithDistance']);

const TARGET_NAME = /^(y|ys|yb|y_?true|y_?batch|batch_?y|y_?train|y_?val|y_?test|targets?|labels?|gt|ground_?truth|truth|gold|golds|tags?|tgts?|lbls?|true_?labels?|class_?ids?|(is|has)_[a-z]\w*)$|(^|_)(targets?|labels?|gt|tags?|gold)$/i;
const PREDICTION_NAME = /^(out|outs|outputs?|preds?|predictions?|predicted|logits|y_?pred|y_?hat|yhat|scores|probs|log_?probs|recon|reconstruction)$|(^|_)(logits|preds?|outputs?|predictions?|probs)$/i;

/** The last name of an expression: `batch.labels` → `labels`, `batch['y']` → `y`, `x` → `x`. */
function nameOf(n: SNode): string | undefined {
  // A loop through `.float().view(-1)…` chains (any length), not recursion.
  for (let u = unparen(n); ; ) {
    if (u.type === 'identifier') return textOf(u);
    if (u.type === 'attribute') return textOf(child(u, 'attribute') ?? u);
    if (u.type === 'subscript') {
      const key = child(u, 'subscript');
      return key && key.type === 'string' ? textOf(key).replace(/^[rbuf]*['"]|['"]$/gi, '') : undefined;
    }
    const fn = u.type === 'call' ? child(u, 'function') : undefined;
    if (fn?.type !== 'attribute' || !/^(long|float|int|to|cuda|view|squeeze|reshape|flatten)$/.test(textOf(child(fn, 'attribute') ?? fn))) return undefined;
    const obj = child(fn, 'object');
    if (!obj) return undefined;
    u = unparen(obj);
  }
}

function targetLike(s: Semantics, n: SNode): boolean {
  const v = s.valueOf(n);
  if (v.t === 'tensor' && (v.kind === 'indices' || v.kind === 'oneHot' || v.kind === 'labels01')) return true;
  const name = nameOf(n);
  return name !== undefined && TARGET_NAME.test(name);
}

function predictionLike(s: Semantics, n: SNode): boolean {
  const v = s.valueOf(n);
  if (v.t === 'tensor' && (v.kind === 'logits' || v.kind === 'sigmoid' || v.kind === 'softmax' || v.kind === 'logProbs')) return true;
  const name = nameOf(n);
  return name !== undefined && PREDICTION_NAME.test(name);
}

/**
 * `criterion(labels, outputs)`: positional arguments whose names or values say target-then-input, for a
 * loss where order matters. Both sides must show it and neither may look like the other.
 */
export function swappedArguments(s: Semantics, call: LossCall): boolean {
  if (ORDER_FREE.has(call.sig.id)) return false;
  const f = call.sig.forward;
  if (f.length < 2 || !/^targets?$/.test(f[1].name)) return false;
  const [a, b] = call.args.positional;
  if (!a || !b || call.args.keywords.has(f[0].name) || call.args.keywords.has(f[1].name)) return false;
  if (call.sig.id === 'klDiv') {
    // Both are distributions; the input is the one in log space.
    const va = s.valueOf(a);
    const vb = s.valueOf(b);
    const log = call.options.get('log_target') !== undefined && textOf(unparen(call.options.get('log_target')!)) === 'True';
    const probs = (va.t === 'tensor' && (va.kind === 'softmax' || va.kind === 'sigmoid')) || (va.t !== 'tensor' && /(^|_)probs?$|_probs?_/i.test(nameOf(a) ?? '') && !/log/i.test(nameOf(a) ?? ''));
    return !log && probs && vb.t === 'tensor' && vb.kind === 'logProbs';
  }
  if (predictionLike(s, a) || targetLike(s, b)) return false;
  // Raw scores are never a target: a model's logits in second place mean the order is swapped.
  const vb = s.valueOf(b);
  return targetLike(s, a) ? predictionLike(s, b) : vb.t === 'tensor' && vb.kind === 'logits';
}
