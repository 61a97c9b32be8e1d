import type { Locale } from '../catalogue';
import type { Diagnostic, Fix, Severity } from './diagnostic';
import type { DocumentAnalysis } from './document';
import type { Facts } from './facts';
import { format } from './messages';
import { scanNoqa, suppressed } from './noqa';
import { RULES } from './rules';
import type { Report, Rule } from './rules/rule';
import type { LossCall } from './semantic/lossSites';
import { swappedArguments } from './semantic/swap';
import { endOf, startOf } from './syntax';

export interface AnalyzeOptions {
  readonly locale?: Locale;
  /** Codes to run (default: all). */
  readonly select?: ReadonlySet<string>;
  /** Codes to skip. */
  readonly ignore?: ReadonlySet<string>;
  /** Per-code severity, or 'off' (from `lossLens.rules.<slug>`). */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
  /** Called when a rule throws; the other rules still report. */
  readonly onRuleError?: (code: string, error: unknown) => void;
}

function enabled(rule: Rule, o: AnalyzeOptions): boolean {
  const c = rule.meta.code;
  if (o.select && !o.select.has(c)) return false;
  if (o.ignore?.has(c)) return false;
  return o.severities?.[c] !== 'off';
}

/** Runs the enabled rules over the document's facts. Never throws: a failing rule is skipped. */
export function analyze(doc: DocumentAnalysis, options: AnalyzeOptions = {}): Diagnostic[] {
  let facts: Facts;
  try {
    facts = doc.getFacts();
  } catch (e) {
    options.onRuleError?.('semantic', e);
    return [];
  }
  const locale = options.locale ?? 'en';
  const text = doc.text;
  const out: Diagnostic[] = [];
  const swapMemo = new Map<LossCall, boolean>();
  const swapped = (call: LossCall): boolean => {
    let v = swapMemo.get(call);
    if (v === undefined) {
      v = swappedArguments(facts.semantics, call);
      swapMemo.set(call, v);
    }
    return v;
  };
  for (const rule of RULES) {
    if (!enabled(rule, options)) continue;
    const found: Diagnostic[] = [];
    const report = (r: Report): void => {
      const fixes: Fix[] = (r.fixes ?? []).map((f) => ({
        title: format(rule.meta.fixes[f.id], locale, f.data ?? r.data),
        edits: f.edits,
        preferred: f.preferred === true,
      }));
      found.push({
        code: rule.meta.code,
        slug: rule.meta.slug,
        severity: options.severities?.[rule.meta.code] as Severity | undefined ?? rule.meta.severity,
        start: startOf(r.node),
        end: endOf(r.node),
        message: format(rule.meta.messages[r.messageId], locale, r.data),
        fixes,
      });
    };
    try {
      rule.check({ facts, text, report, swapped });
      out.push(...found);
    } catch (e) {
      options.onRuleError?.(rule.meta.code, e);
    }
  }
  const noqa = scanNoqa(text);
  let line: ((offset: number) => number) | undefined;
  const kept = noqa.size === 0 ? out : out.filter((d) => !suppressed(noqa, (line ??= lineFinder(text))(d.start), d.code) && !suppressed(noqa, line(d.end), d.code));
  return kept.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
}

export function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** `lineOf` for many offsets in one text: line starts found once, then a binary search per offset. */
function lineFinder(text: string): (offset: number) => number {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  // lineOf counts the newlines strictly before `offset`.
  return (offset) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
