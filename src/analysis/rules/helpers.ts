import type { TextEdit } from '../diagnostic';
import type { LossCall } from '../semantic/lossSites';
import type { Semantics } from '../semantic/semantics';
import type { TensorValue } from '../semantic/values';
import { child, endOf, startOf, textOf, unparen, type SNode } from '../syntax';
import { bindingAt, scopeOf } from '../semantic/scopes';
import { STAR } from '../semantic/imports';
import { dirname, relativePath } from '../workspace/paths';

/** How the loss is named in messages: `BCELoss` for modules, the written callee (`F.kl_div`) for functionals. */
export function lossLabel(call: LossCall): string {
  if (call.form === 'module') return call.sig.module;
  const fn = child(call.call, 'function');
  return fn ? textOf(fn) : call.sig.functional.name;
}

export function inputOf(call: LossCall): SNode | undefined {
  // The names may differ: `PoissonNLLLoss.forward(log_input, …)` but `F.poisson_nll_loss(input, …)`.
  return call.inputs.get(call.form === 'functional' ? call.sig.functional.args[0] : call.sig.forward[0].name);
}

export function targetOf(call: LossCall): SNode | undefined {
  const t = call.sig.forward.find((a) => a.name === 'target' || a.name === 'targets');
  return t ? call.inputs.get(t.name) : undefined;
}

export function tensorValue(s: Semantics, n: SNode | undefined): TensorValue | undefined {
  if (!n) return undefined;
  const v = s.valueOf(n);
  return v.t === 'tensor' ? v : undefined;
}

/** ` from \`model(x)\`` when the value came from somewhere other than the argument itself. */
export function fromClause(s: Semantics, arg: SNode, v: TensorValue, word: { en: string; zh: string }): { en: string; zh: string } {
  const origin = v.origin;
  const where = elsewhere(s, v);
  const at = where ? { en: ` (\`${where.what}\` in ${where.path}:${where.line})`, zh: `（${where.path}:${where.line} 的 \`${where.what}\`）` } : { en: '', zh: '' };
  if (!origin || unparen(arg) === origin || textOf(origin) === textOf(arg)) return at;
  const what = short(textOf(origin));
  // The origin is itself the node in the other file: name its place once.
  if (where && where.what === what) return { en: ` ${word.en} \`${what}\` in ${where.path}:${where.line}`, zh: `${word.zh} ${where.path}:${where.line} 的 \`${what}\`` };
  return { en: ` ${word.en} \`${what}\`${at.en}`, zh: `${word.zh}\`${what}\`${at.zh}` };
}

/** The node that decided what a value holds (the softmax ending `Net.forward`), for related information. */
export function sourceOf(v: TensorValue): SNode | undefined {
  return v.source ?? v.origin;
}

/** Where what the value is was decided, when that is in another module (`F.softmax(…)` in models/net.py:14). */
function elsewhere(s: Semantics, v: TensorValue): { what: string; path: string; line: number } | undefined {
  const src = v.source ?? v.origin;
  const loc = src && s.locate(src);
  if (!src || !loc) return undefined;
  const here = s.context?.path;
  return { what: short(textOf(src)), path: here ? relativePath(dirname(here), loc.path) : loc.path, line: loc.line };
}

export function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? one.slice(0, 57) + '…' : one;
}

/** The node each fix edit was made from, so edits of another module's nodes can be refused (see `analyze`). */
const EDITED = new WeakMap<TextEdit, SNode>();

function editOf(n: SNode, start: number, end: number, newText: string): TextEdit {
  const e = { start, end, newText };
  EDITED.set(e, n);
  return e;
}

/** The node an edit rewrites next to or in place of (undefined for edits not made here). */
export function editedNode(e: TextEdit): SNode | undefined {
  return EDITED.get(e);
}

export function replace(n: SNode, newText: string): TextEdit {
  return editOf(n, startOf(n), endOf(n), newText);
}

/** Inserts `newText` right after `n`. */
export function insertAfter(n: SNode, newText: string): TextEdit {
  return editOf(n, endOf(n), endOf(n), newText);
}

const PRIMARY = new Set(['identifier', 'attribute', 'call', 'subscript', 'parenthesized_expression']);

/** `x` → `x.method()`, `a + b` → `(a + b).method()`. */
export function appendMethod(n: SNode, method: string): TextEdit {
  if (PRIMARY.has(n.type)) return insertAfter(n, `.${method}`);
  return replace(n, `(${textOf(n)}).${method}`);
}

/** Whether the value's origin is the argument itself (inline), so a fix can rewrite it in place. */
export function inline(arg: SNode, v: TensorValue): boolean {
  return v.origin !== undefined && unparen(arg) === v.origin;
}

/** For `F.softmax(x)` / `torch.softmax(x)` / `x.softmax()`, the edit renaming the function (`log_softmax`). */
export function renameFunction(call: SNode, to: string): TextEdit | undefined {
  const fn = child(call, 'function');
  if (fn?.type !== 'attribute') return undefined;
  const attr = child(fn, 'attribute');
  return attr ? replace(attr, to) : undefined;
}

/** The alias under which `module` is importable here (`nn` for torch.nn), or a `torch.`-rooted path. */
export function moduleAlias(s: Semantics, module: string): string | undefined {
  const named = [...s.imports].filter(([local]) => !local.startsWith(STAR));
  for (const [local, q] of named) if (q === module) return local;
  for (const [local, q] of named) if (module.startsWith(q + '.')) return local + module.slice(q.length);
  return undefined;
}

/** Rewrites a reference to a torch name (`nn.BCELoss`, bare `BCELoss`) to another name in the same module. */
export function renameReference(s: Semantics, ref: SNode, module: string, name: string): TextEdit | undefined {
  const r = unparen(ref);
  if (r.type === 'attribute') {
    const attr = child(r, 'attribute');
    return attr ? replace(attr, name) : undefined;
  }
  const alias = moduleAlias(s, module);
  if (alias) return replace(r, `${alias}.${name}`);
  // `from torch.nn import *` brings the new name in too.
  return s.imports.get(`${STAR}${module}`) === module ? replace(r, name) : undefined;
}

/**
 * The edit that removes an activation from a loss input: inline (`softmax(x)` → `x`), or through a
 * variable (`p = softmax(x)` … `loss(p)` → `loss(x)`) when `x` is a name not rebound in between.
 */
export function stripActivation(s: Semantics, arg: SNode, v: TensorValue, call: SNode): { edit: TextEdit; inner: string; inline: boolean } | undefined {
  if (!v.inner || !v.origin) return undefined;
  const innerText = textOf(v.inner);
  if (inline(arg, v)) return { edit: replace(arg, innerText), inner: innerText, inline: true };
  if (unparen(arg).type !== 'identifier' || unparen(v.inner).type !== 'identifier') return undefined;
  const from = endOf(v.origin);
  const to = startOf(call);
  if (from > to) return undefined;
  const scope = scopeOf(call);
  if (scopeOf(v.origin) !== scope) return undefined;
  const rebound = s.bindingsNamed(scope, innerText).some((b) => bindingAt(b) > from && bindingAt(b) <= to);
  if (rebound) return undefined;
  return { edit: replace(arg, innerText), inner: innerText, inline: false };
}

/**
 * Fixes that turn a loss input into log-probabilities: rename an inline `softmax` to `log_softmax`, or
 * apply `.log_softmax(dim=1)` to logits. Probabilities through a variable get no fix (`log` of them is LL106).
 */
export function toLogProbabilities(arg: SNode, v: TensorValue): { id: 'rename' | 'wrap'; edits: TextEdit[]; preferred: true }[] {
  if (v.kind === 'softmax') {
    const edit = inline(arg, v) ? renameFunction(v.origin!, 'log_softmax') : undefined;
    return edit ? [{ id: 'rename', edits: [edit], preferred: true }] : [];
  }
  if (v.kind === 'logits') return [{ id: 'wrap', edits: [appendMethod(arg, 'log_softmax(dim=1)')], preferred: true }];
  return [];
}

/** How messages name a non-log input kind. */
export const KIND_WORDS: Record<string, { en: string; zh: string }> = {
  logits: { en: 'raw logits', zh: '原始 logits' },
  softmax: { en: 'softmax probabilities', zh: 'softmax 概率' },
  sigmoid: { en: 'sigmoid probabilities', zh: 'sigmoid 概率' },
};

/** `'` unless the call already writes its strings with `"`. */
export function quoteFor(call: SNode): string {
  return /(^|[^'])"[^"]*"/.test(textOf(call)) && !/'[^']*'/.test(textOf(call)) ? '"' : "'";
}

/** Adds `name=value` as the last argument of `call`. */
export function insertKeyword(call: SNode, name: string, value: string): TextEdit | undefined {
  const list = child(call, 'arguments');
  if (!list || list.type !== 'argument_list') return undefined;
  const args = list.children.filter((c) => c.named && c.type !== 'comment');
  if (args.length === 0) {
    // Right after the `(` that starts the list.
    const at = startOf(list) + 1;
    return editOf(list, at, at, `${name}=${value}`);
  }
  const last = args[args.length - 1];
  return insertAfter(last, `, ${name}=${value}`);
}
