import type { Locale } from '../catalogue';
import type { LogicalLine } from './logicalLines';
import { evaluateInline, inlineCall, TOO_LARGE, type InlineCall, type InlineHint, type SiteLike } from './inline';

export interface InlineLimits {
  /** An evaluation that takes longer is shown as too large, and not run again while it is remembered. */
  readonly hintMs: number;
  /** Evaluation time one hint request may spend; the calls after it wait for the next request. */
  readonly requestMs: number;
  /** Evaluations remembered by their call's text. */
  readonly remembered: number;
}

/**
 * The evaluator's element budget keeps one evaluation small; these keep the host's time per request
 * small too, whatever an evaluation turns out to cost on this machine.
 */
export const INLINE_LIMITS: InlineLimits = { hintMs: 250, requestMs: 400, remembered: 128 };

/** Said for a call a request had no time left for: the editor should ask again. */
export const LATER = 'later';

/** One hint request: what to show after `site`, or LATER when the request's time is spent. */
export type InlineRequest = (lines: readonly LogicalLine[], site: SiteLike) => InlineHint | typeof LATER | undefined;

function keyOf(call: InlineCall, locale: Locale): string {
  return JSON.stringify([locale, call.module, call.args, call.params]);
}

/**
 * Inline values of one editor feature (owned by its provider): results remembered by the call's
 * literal text, so typing elsewhere re-evaluates nothing, and a time budget per hint and per request.
 * An evaluation can't be interrupted; what the budget guarantees is that a slow call runs once, and
 * that a request stops starting evaluations once its time is spent.
 */
export class InlineEvaluations {
  private readonly memo = new Map<string, InlineHint | null>();

  constructor(
    private readonly limits: InlineLimits = INLINE_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Starts a request: its time budget runs from now. */
  request(locale: Locale): InlineRequest {
    const deadline = this.now() + this.limits.requestMs;
    let evaluated = 0;
    return (lines, site) => {
      const call = inlineCall(lines, site);
      if (!call || 'kind' in call) return call;
      const key = keyOf(call, locale);
      const known = this.memo.get(key);
      if (known !== undefined) {
        // Most recently used last: the oldest entry is the one forgotten.
        this.memo.delete(key);
        this.memo.set(key, known);
        return known === null ? undefined : { ...known, at: site.range.end };
      }
      // Every request evaluates at least one call, so asking again always makes progress.
      if (evaluated > 0 && this.now() > deadline) return LATER;
      evaluated++;
      const start = this.now();
      let hint = evaluateInline(call, site.range.end, locale);
      const ms = this.now() - start;
      if (ms > this.limits.hintMs) hint = { kind: 'tooLarge', at: site.range.end, label: `${TOO_LARGE} (took ${Math.round(ms).toLocaleString('en')} ms; limit ${this.limits.hintMs} ms)` };
      this.remember(key, hint ?? null);
      return hint;
    };
  }

  private remember(key: string, hint: InlineHint | null): void {
    this.memo.set(key, hint);
    while (this.memo.size > this.limits.remembered) this.memo.delete(this.memo.keys().next().value!);
  }
}
