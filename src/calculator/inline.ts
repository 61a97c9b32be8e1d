import type { Locale } from '../catalogue';
import type { Tensor } from '../engine';
import { bindingBefore } from './bindings';
import type { LogicalLine } from './logicalLines';
import { displayNumber } from './format';
import { parseTensorLiteral } from './literal';
import { defaultParamText, parseParam } from './params';
import { computeSession, signatureFor, type CalcOutcome } from './session';

/** A loss site as the analyzer reports it (structurally: src/analysis `LossSiteInfo`). */
export interface SiteLike {
  readonly module: string;
  readonly kind: 'construction' | 'module' | 'functional';
  readonly range: { readonly start: number; readonly end: number };
  readonly inputs: Readonly<Record<string, { readonly text: string; readonly start: number }>>;
  readonly options: Readonly<Record<string, { readonly text: string; readonly start: number }>>;
}

export interface InlineValue {
  readonly kind: 'value';
  /** Document offset the hint sits at: the end of the loss call. */
  readonly at: number;
  readonly value: number;
  /** `= 0.3133`, or `= [0.25, 1, …]` for unreduced outputs. */
  readonly label: string;
  readonly output: Tensor;
  readonly grad: Readonly<Record<string, Tensor>>;
  readonly explanation: string;
  /** The literal texts used, for opening the calculator on the same call. */
  readonly args: Readonly<Record<string, string>>;
  readonly params: Readonly<Record<string, string>>;
}

/** A call the host will not evaluate while the user types; the label says why, where the value would be. */
export interface InlineTooLarge {
  readonly kind: 'tooLarge';
  readonly at: number;
  /** "input: too large to evaluate inline (25,000,000 elements; limit 100,000)". */
  readonly label: string;
}

export type InlineHint = InlineValue | InlineTooLarge;

/** The literal texts of a loss call, read without evaluating anything. */
export interface InlineCall {
  readonly module: string;
  readonly args: Readonly<Record<string, string>>;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Inline values run in the language server on every hint request: a pasted dataset is left to the
 * calculator panel rather than parsed and evaluated while the user types.
 */
export const MAX_INLINE_LITERAL = 20_000;

/** How budget errors read; the evaluator's own ("input: too large to evaluate inline (N elements; limit M)") are shown as they are. */
export const TOO_LARGE = 'too large to evaluate inline';

function tooLongMessage(name: string, text: string): string {
  return `${name}: ${TOO_LARGE} (${text.length.toLocaleString('en')} characters; limit ${MAX_INLINE_LITERAL.toLocaleString('en')})`;
}

/**
 * Whether `text` is a tensor literal: `true`, or the evaluator's message when it is one but larger
 * than inline values build ("torch.zeros(10000000): too large to evaluate inline (…)"), or undefined.
 */
function readLiteral(text: string): true | string | undefined {
  if (text.length > MAX_INLINE_LITERAL) return undefined;
  const r = parseTensorLiteral(text);
  if (r.ok) return true;
  return r.error.message.includes(TOO_LARGE) ? r.error.message : undefined;
}

/** The argument text itself, or what a same-scope name is bound to: the literal candidate, not yet parsed. */
function candidateText(lines: readonly LogicalLine[], text: string, at: number): string | undefined {
  if (readLiteral(text) !== undefined) return text;
  const bound = bindingBefore(lines, text.trim(), at);
  return bound ?? (text.length > MAX_INLINE_LITERAL ? text : undefined);
}

/**
 * The literal text of an argument: itself when it is a literal, or what a same-scope name is bound
 * to. A literal too large to evaluate inline still counts: the calculator evaluates more.
 */
export function literalText(lines: readonly LogicalLine[], text: string, at: number): string | undefined {
  const candidate = candidateText(lines, text, at);
  return candidate !== undefined && readLiteral(candidate) !== undefined ? candidate : undefined;
}

/** Option texts that can be read without running code; undefined marks one that can't. */
function optionTexts(lines: readonly LogicalLine[], site: SiteLike): Record<string, string | undefined> {
  const sig = signatureFor(site.module);
  const out: Record<string, string | undefined> = {};
  for (const [name, o] of Object.entries(site.options)) {
    const spec = sig?.params.find((p) => p.name === name);
    if (!spec) {
      out[name] = undefined;
      continue;
    }
    // A reduction must be a string literal; any other text would be taken as the reduction's name.
    const readable = (t: string) => t.length <= MAX_INLINE_LITERAL && (spec.type === 'reduction' ? /^\s*(['"])\w+\1\s*$/.test(t) : parseParam(spec, t).ok);
    const direct = readable(o.text) ? o.text : undefined;
    const bound = direct ?? bindingBefore(lines, o.text.trim(), o.start);
    out[name] = bound !== undefined && readable(bound) ? bound : undefined;
  }
  return out;
}

/**
 * The literal texts of a loss call whose inputs and options are all literals (or names bound to
 * literals in the same scope); a too-large label when one of them is longer than the host parses
 * while the user types; undefined when something can't be read without running code.
 */
export function inlineCall(lines: readonly LogicalLine[], site: SiteLike): InlineCall | InlineTooLarge | undefined {
  const sig = signatureFor(site.module);
  if (!sig || site.kind === 'construction') return undefined;
  const args: Record<string, string> = {};
  let tooLarge: string | undefined;
  for (const a of sig.forward) {
    const info = site.inputs[a.name];
    const text = info && candidateText(lines, info.text, info.start);
    if (text === undefined) return undefined;
    const literal = text.length > MAX_INLINE_LITERAL ? tooLongMessage(a.name, text) : readLiteral(text);
    if (literal === undefined) return undefined;
    if (literal !== true) tooLarge ??= literal.startsWith(`${a.name}: `) ? literal : `${a.name}: ${literal}`;
    args[a.name] = text;
  }
  const opts = optionTexts(lines, site);
  if (Object.values(opts).some((v) => v === undefined)) return undefined;
  if (tooLarge) return { kind: 'tooLarge', at: site.range.end, label: tooLarge };
  const params: Record<string, string> = {};
  for (const p of sig.params) params[p.name] = opts[p.name] ?? defaultParamText(p);
  return { module: sig.module, args, params };
}

/** The first budget error of an evaluation, shown where its value would be. */
function tooLargeError(outcome: CalcOutcome): string | undefined {
  const messages = [...Object.values(outcome.fieldErrors).map((e) => e.message), outcome.error ?? ''];
  return messages.find((m) => m.includes(TOO_LARGE));
}

/** Evaluates a read call with the engine; undefined when the engine rejects it (the diagnostics say why). */
export function evaluateInline(call: InlineCall, at: number, locale: Locale): InlineHint | undefined {
  const sig = signatureFor(call.module);
  if (!sig) return undefined;
  const outcome = computeSession({ module: call.module, params: call.params, args: call.args }, locale);
  const tooLarge = tooLargeError(outcome);
  if (tooLarge) return { kind: 'tooLarge', at, label: tooLarge };
  const r = outcome.result;
  if (!r) return undefined;
  const data = r.output.data;
  const value = data.length === 1 ? data[0] : Array.from(data).reduce((s, x) => s + x, 0);
  const label =
    r.output.shape.length === 0
      ? `= ${displayNumber(data[0])}`
      : `= [${Array.from(data.slice(0, 4), (x) => displayNumber(x)).join(', ')}${data.length > 4 ? ', …' : ''}]`;
  return { kind: 'value', at, value, label, output: r.output, grad: r.grad, explanation: r.explanation, args: call.args, params: stripDefaults({ ...call.params }, sig.params) };
}

/** What the editor shows after a loss call: its value, why it is not evaluated inline, or nothing. */
export function inlineHint(lines: readonly LogicalLine[], site: SiteLike, locale: Locale): InlineHint | undefined {
  const call = inlineCall(lines, site);
  if (!call || 'kind' in call) return call;
  return evaluateInline(call, site.range.end, locale);
}

/** The value of a loss call whose inputs and options are all literals, computed by the engine; undefined otherwise. */
export function inlineValue(lines: readonly LogicalLine[], site: SiteLike, locale: Locale): InlineValue | undefined {
  const hint = inlineHint(lines, site, locale);
  return hint?.kind === 'value' ? hint : undefined;
}

function stripDefaults(params: Record<string, string>, specs: readonly { name: string; type: string; default: unknown }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of specs) if (params[s.name] !== defaultParamText(s as never)) out[s.name] = params[s.name];
  return out;
}

/** What "Evaluate in Loss Calculator" opens: the loss, its readable options, and any literal inputs. */
export function presetForSite(lines: readonly LogicalLine[], site: SiteLike): { module: string; params: Record<string, string>; args: Record<string, string> } {
  const params: Record<string, string> = {};
  for (const [name, text] of Object.entries(optionTexts(lines, site))) if (text !== undefined) params[name] = text;
  const args: Record<string, string> = {};
  for (const [name, info] of Object.entries(site.inputs)) {
    const text = literalText(lines, info.text, info.start);
    if (text !== undefined) args[name] = text;
  }
  return { module: site.module, params, args };
}
