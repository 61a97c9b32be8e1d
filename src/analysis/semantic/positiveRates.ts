import { child, textOf, unparen, type SNode } from '../syntax';
import { callArgs } from './callArgs';
import type { Semantics } from './semantics';
import { tensor, type TensorValue, type Value } from './values';

/**
 * Functions, tensor methods and layers whose output is a positive rate (≥ 0), the input a Poisson
 * likelihood wants with `log_input=False`: `exp` (the usual link), `softplus` and `relu`.
 */
const FUNCTIONS = new Set(['torch.exp', 'torch.special.exp2', 'torch.exp2', 'torch.nn.functional.softplus', 'torch.relu', 'torch.nn.functional.relu', 'torch.nn.functional.relu6']);
const METHODS = new Set(['exp', 'exp2', 'relu']);
const LAYERS = new Set(['torch.nn.Softplus', 'torch.nn.ReLU', 'torch.nn.ReLU6']);

/** `torch.exp(x)`, `F.softplus(x)`: a positive rate, with `x` as what a fix may strip. */
export function positiveRateCall(q: string, call: SNode, first: SNode | undefined): TensorValue | undefined {
  return FUNCTIONS.has(q) ? tensor('positive', { origin: call, inner: first }) : undefined;
}

/** `x.exp()`, `x.relu()`. */
export function positiveRateMethod(method: string, call: SNode, obj: SNode): TensorValue | undefined {
  return METHODS.has(method) ? tensor('positive', { origin: call, inner: obj }) : undefined;
}

/** What calling an `nn.Softplus()` / `nn.ReLU()` layer gives. */
export function positiveRateLayer(q: string, call: SNode, model: string): TensorValue | undefined {
  return LAYERS.has(q) ? tensor('positive', { origin: call, model }) : undefined;
}

/** `F.softplus(x) + 1e-6`, `torch.exp(x) * 2`: a rate shifted or scaled by a positive number is still one. */
export function shiftedRate(n: SNode, op: string, left: Value, right: SNode): TensorValue | undefined {
  if (left.t !== 'tensor' || left.kind !== 'positive' || (op !== '+' && op !== '*')) return undefined;
  const r = unparen(right);
  if ((r.type !== 'integer' && r.type !== 'float') || !(Number(textOf(r).replace(/_/g, '')) > 0)) return undefined;
  return { ...left, origin: n, inner: undefined };
}

/**
 * `e / e.sum(dim=1, keepdim=True)` (or `torch.sum(e, …)`) with `e` positive (`torch.exp(x)`): a softmax
 * written by hand, so a probability distribution.
 */
export function normalisedRate(s: Semantics, n: SNode, op: string, left: Value, leftNode: SNode, right: SNode): TensorValue | undefined {
  if (op !== '/' || left.t !== 'tensor' || left.kind !== 'positive') return undefined;
  const r = unparen(right);
  const fn = r.type === 'call' ? child(r, 'function') : undefined;
  if (!fn) return undefined;
  const summed = s.qualify(fn) === 'torch.sum' ? callArgs(r).positional[0] : fn.type === 'attribute' && textOf(child(fn, 'attribute') ?? fn) === 'sum' ? child(fn, 'object') : undefined;
  if (!summed || textOf(unparen(summed)) !== textOf(unparen(leftNode))) return undefined;
  return tensor('softmax', { origin: n });
}
