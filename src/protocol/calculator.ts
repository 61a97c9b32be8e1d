import type { Locale } from '../catalogue';

/**
 * What opens the calculator on a given loss: from a hover link, a code action or the palette.
 * `module` is a class name (`'CrossEntropyLoss'`), loss id or functional name. Parameter values
 * are Python-like (numbers, booleans, strings, null) or tensor-literal text; arguments are
 * tensor-literal text or `{shape, dtype, data}`.
 */
export interface CalculatorPreset {
  readonly module: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly args?: Readonly<Record<string, unknown>>;
}

/** The texts of one loss's form, kept per loss so switching back restores what was typed. */
export interface LossForm {
  readonly params: Readonly<Record<string, string>>;
  readonly args: Readonly<Record<string, string>>;
}

/** Everything the panel persists with `setState` (and the serializer restores after a reload). */
export interface CalculatorState {
  readonly version: 1;
  /** The selected loss, as its `torch.nn` class name. */
  readonly module: string;
  readonly forms: Readonly<Record<string, LossForm>>;
  /** The element the sweep plot varies. */
  readonly sweep: { readonly arg: string; readonly index: number };
  /** The comparison shown, or null. */
  readonly compare: string | null;
}

/** A computed value, reported to the host so tests and the status of the panel can read it. */
export interface ResultSummary {
  readonly module: string;
  /** The loss (sum of elements when unreduced); null while there is an error. */
  readonly value: number | null;
  readonly text: string;
  readonly error: string | null;
  /** The `seq` of the last preset the page applied (0 before any), so a reader can wait for that one. */
  readonly preset: number;
}

export type HostToWebview =
  | { readonly type: 'preset'; readonly preset: CalculatorPreset; readonly seq: number }
  | { readonly type: 'locale'; readonly locale: Locale }
  | { readonly type: 'insertResult'; readonly ok: boolean; readonly message: string };

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly summary: ResultSummary }
  | { readonly type: 'copy'; readonly text: string }
  | { readonly type: 'insert'; readonly text: string };

/** Checks a message from the page before the host acts on it; the page is ours, but its input is the user's. */
export function isWebviewToHost(m: unknown): m is WebviewToHost {
  const msg = m as { type?: unknown; text?: unknown; summary?: unknown } | null;
  switch (msg?.type) {
    case 'ready':
      return true;
    case 'result':
      return typeof msg.summary === 'object' && msg.summary !== null;
    case 'copy':
    case 'insert':
      return typeof msg.text === 'string';
    default:
      return false;
  }
}

export function isHostToWebview(m: unknown): m is HostToWebview {
  const t = (m as { type?: unknown } | null)?.type;
  return t === 'preset' || t === 'locale' || t === 'insertResult';
}
