import { child, namedChildren, textOf, unparen, type SNode } from '../syntax';
import type { CallArgs } from './callArgs';
import type { Semantics } from './semantics';
import { stringLiteral } from './strings';
import { UNKNOWN, tensor, type DictValue, type Padding, type TensorValue } from './values';

const PAD_SEQUENCE = new Set(['torch.nn.utils.rnn.pad_sequence']);
const PAD = new Set(['torch.nn.functional.pad']);
/** Names that hold a vocabulary's pad id (an index, so never negative). */
const PAD_ID_NAME = /^(pad_token_id|pad_id|pad_idx|padding_idx|pad_index|pad_token_index|PAD_ID|PAD_IDX|PAD_TOKEN_ID|PAD_INDEX)$/;

/**
 * A padding value or ignore index as far as the file shows: a number (`-100`, `PAD = 0`), the name of
 * a pad id (`tokenizer.pad_token_id`), or undefined.
 */
export function padValue(s: Semantics, n: SNode): number | string | undefined {
  const u = unparen(n);
  const literal = numberLiteral(u);
  if (literal !== undefined) return literal;
  if (u.type !== 'identifier' && u.type !== 'attribute') return undefined;
  const v = s.valueOf(u);
  if (v.t === 'int') return v.value;
  const name = u.type === 'attribute' ? textOf(child(u, 'attribute') ?? u) : textOf(u);
  return PAD_ID_NAME.test(name) ? name : undefined;
}

function numberLiteral(u: SNode): number | undefined {
  if (u.type === 'integer' || u.type === 'float') {
    const v = Number(textOf(u).replace(/_/g, ''));
    return Number.isFinite(v) ? v : undefined;
  }
  if (u.type === 'unary_operator' && textOf(u).trim().startsWith('-')) {
    const inner = namedChildren(u)[0];
    const v = inner ? numberLiteral(unparen(inner)) : undefined;
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/**
 * `pad_sequence(seqs, padding_value=P)` (P defaults to 0) and `F.pad(t, pad, value=P)` (constant mode,
 * 0 by default): a tensor whose padded positions hold P. Undefined for other calls, or when P can't be told.
 */
export function paddedCall(s: Semantics, q: string, args: CallArgs, call: SNode): TensorValue | undefined {
  const first = args.positional[0] ?? args.keywords.get('sequences') ?? args.keywords.get('input');
  if (PAD_SEQUENCE.has(q)) {
    const given = args.keywords.get('padding_value') ?? args.positional[2];
    const padding = given ? padValue(s, given) : 0;
    if (padding === undefined || args.hasSplat) return undefined;
    const seqs = first ? s.valueOf(first) : UNKNOWN;
    const item = seqs.t === 'list' ? seqs.item : UNKNOWN;
    return tensor('unknown', { int: item.t === 'tensor' ? item.int : undefined, padding: { value: padding, by: call }, origin: call });
  }
  if (PAD.has(q)) {
    const mode = args.keywords.get('mode') ?? args.positional[2];
    if ((mode && stringLiteral(mode) !== 'constant') || args.hasSplat) return undefined;
    const given = args.keywords.get('value') ?? args.positional[3];
    const padding = given && unparen(given).type !== 'none' ? padValue(s, given) : 0;
    if (padding === undefined) return undefined;
    const base = first ? s.valueOf(first) : UNKNOWN;
    return base.t === 'tensor' ? { ...base, width: undefined, widthName: undefined, padding: { value: padding, by: call }, origin: call, inner: undefined } : tensor('unknown', { padding: { value: padding, by: call }, origin: call });
  }
  return undefined;
}

const KEEPS_PADDING = new Set(['slice', 'integer', 'ellipsis', 'unary_operator', 'none']);

/**
 * The padding a subscript keeps: slices and positions (`y[:, 1:]`, `y[0]`) keep the pad positions;
 * a mask or index tensor (`y[y != PAD]`, `y[keep]`) may select them away.
 */
export function slicedPadding(n: SNode, v: TensorValue): Padding | undefined {
  if (!v.padding) return undefined;
  const keys = n.children.filter((c) => c.field === 'subscript').map(unparen);
  return keys.length > 0 && keys.every((k) => KEEPS_PADDING.has(k.type)) ? v.padding : undefined;
}

/** Methods of a Hugging Face tokenizer that pad a batch when asked to. */
const TOKENIZER_METHODS = new Set(['pad', 'batch_encode_plus', 'encode_plus', '__call__']);

/**
 * `tokenizer(texts, padding=True, return_tensors="pt")` (or `.pad`, `.batch_encode_plus`): a batch
 * whose `input_ids` are padded with the tokenizer's pad id. Told by the callee's name, as nothing
 * else in the file says what a pretrained tokenizer is.
 */
export function tokenizedBatch(call: SNode, args: CallArgs): DictValue | undefined {
  const fn = unparen(child(call, 'function') ?? call);
  const last = (n: SNode) => (n.type === 'attribute' ? textOf(child(n, 'attribute') ?? n) : textOf(n));
  const obj = fn.type === 'attribute' ? unparen(child(fn, 'object') ?? fn) : undefined;
  const named = /tokenizer$/i.test(last(fn)) || (obj !== undefined && TOKENIZER_METHODS.has(last(fn)) && /tokenizer$/i.test(last(obj)));
  if (!named || !args.keywords.has('return_tensors')) return undefined;
  const padding = args.keywords.get('padding');
  const p = padding && unparen(padding);
  // `.pad` pads by default; the others only when `padding` says so.
  const pads = p ? p.type === 'true' || ['longest', 'max_length'].includes(stringLiteral(p) ?? '') : last(fn) === 'pad';
  if (!pads) return undefined;
  const ids = tensor('unknown', { int: true, padding: { value: 'pad_token_id', by: call }, origin: call });
  return { t: 'dict', entries: new Map(), overrides: new Map([['input_ids', ids]]) };
}
