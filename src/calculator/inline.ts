import type { Locale } from '../catalogue';
import type { Tensor } from '../engine';
import { bindingBefore } from './bindings';
import type { LogicalLine } from './logicalLines';
import { displayNumber } from './format';
import { parseTensorLiteral } from './literal';
import { defaultParamText, parseParam } from './params';
import { computeSession, signatureFor } from './session';

/** A loss site as the analyzer reports it (structurally: src/analysis `LossSiteInfo`). */
export interface SiteLike {
  readonly module: string;
  readonly kind: 'construction' | 'module' | 'functional';
  readonly range: { readonly start: number; readonly end: number };
  readonly inputs: Readonly<Record<string, { readonly text: string; readonly start: number }>>;
  readonly options: Readonly<Record<string, { readonly text: string; readonly start: number }>>;
}

export interface InlineValue {
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

/**
 * Inline values run in the extension host on every hint request: a pasted dataset is left to the
 * calculator panel rather than parsed and evaluated while the user types.
 */
const MAX_INLINE_LITERAL = 20_000;

/** The literal text of an argument: itself when it parses, or what a same-scope name is bound to. */
export function literalText(lines: readonly LogicalLine[], text: string, at: number): string | undefined {
  const readable = (t: string) => t.length <= MAX_INLINE_LITERAL && parseTensorLiteral(t).ok;
  if (readable(text)) return text;
  const bound = bindingBefore(lines, text.trim(), at);
  return bound !== undefined && readable(bound) ? bound : undefined;
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
    const readable = (t: string) => (spec.type === 'reduction' ? /^\s*(['"])\w+\1\s*$/.test(t) : parseParam(spec, t).ok);
    const direct = readable(o.text) ? o.text : undefined;
    const bound = direct ?? bindingBefore(lines, o.text.trim(), o.start);
    out[name] = bound !== undefined && readable(bound) ? bound : undefined;
  }
  return out;
}

/**
 * The value of a loss call whose inputs and options are all literals (or names bound to
 * literals in the same scope), computed by the engine; undefined otherwise.
 */
export function inlineValue(lines: readonly LogicalLine[], site: SiteLike, locale: Locale): InlineValue | undefined {
  const sig = signatureFor(site.module);
  if (!sig || site.kind === 'construction') return undefined;
  const args: Record<string, string> = {};
  for (const a of sig.forward) {
    const info = site.inputs[a.name];
    const text = info && literalText(lines, info.text, info.start);
    if (text === undefined) return undefined;
    args[a.name] = text;
  }
  const opts = optionTexts(lines, site);
  if (Object.values(opts).some((v) => v === undefined)) return undefined;
  const params: Record<string, string> = {};
  for (const p of sig.params) params[p.name] = opts[p.name] ?? defaultParamText(p);
  const outcome = computeSession({ module: sig.module, params, args }, locale);
  const r = outcome.result;
  if (!r) return undefined;
  const data = r.output.data;
  const value = data.length === 1 ? data[0] : Array.from(data).reduce((s, x) => s + x, 0);
  const label =
    r.output.shape.length === 0
      ? `= ${displayNumber(data[0])}`
      : `= [${Array.from(data.slice(0, 4), (x) => displayNumber(x)).join(', ')}${data.length > 4 ? ', …' : ''}]`;
  return { at: site.range.end, value, label, output: r.output, grad: r.grad, explanation: r.explanation, args, params: stripDefaults(params, sig.params) };
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
