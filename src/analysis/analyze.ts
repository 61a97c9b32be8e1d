import type { Locale } from '../catalogue';
import type { Diagnostic, Fix, Severity } from './diagnostic';
import type { DocumentAnalysis } from './document';
import type { Facts, VersionFacts } from './facts';
import { format } from './messages';
import { scanNoqa, suppressed } from './noqa';
import { RULES } from './rules';
import type { FixReport, Report, Rule } from './rules/rule';
import { editedNode } from './rules/helpers';
import type { LossCall, LossSites } from './semantic/lossSites';
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

/** Options that change findings, as a cache key. */
function optionsKey(o: AnalyzeOptions): string {
  const set = (x: ReadonlySet<string> | undefined) => (x ? [...x].sort().join(',') : '*');
  return `${o.locale ?? 'en'}|${set(o.select)}|${set(o.ignore)}|${JSON.stringify(o.severities ?? {})}`;
}

/**
 * Runs the enabled rules over the document's facts, statement by statement; a statement's findings
 * are kept across edits that don't touch what they depend on. Never throws: a failing rule is skipped.
 */
export function analyze(doc: DocumentAnalysis, options: AnalyzeOptions = {}): Diagnostic[] {
  let facts: VersionFacts;
  try {
    facts = doc.getFacts();
  } catch (e) {
    options.onRuleError?.('semantic', e);
    return [];
  }
  const key = optionsKey(options);
  const out: Diagnostic[] = [];
  for (const top of facts.index.tops) {
    try {
      out.push(...facts.findings(top, key, (sites) => runRules(facts, sites, options)));
    } catch (e) {
      options.onRuleError?.('semantic', e);
    }
  }
  const text = doc.text;
  const kept = out.filter((d) => !suppressedAt(text, d.start, d.code) && !suppressedAt(text, d.end, d.code));
  return kept.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
}

/** Runs the enabled rules over one statement's loss sites. */
function runRules(facts: VersionFacts, sites: LossSites, options: AnalyzeOptions): Diagnostic[] {
  const locale = options.locale ?? 'en';
  const semantics = facts.semantics;
  const view: Facts = { semantics, sites };
  const out: Diagnostic[] = [];
  const swapMemo = new Map<LossCall, boolean>();
  const swapped = (call: LossCall): boolean => {
    let v = swapMemo.get(call);
    if (v === undefined) {
      v = swappedArguments(semantics, call);
      swapMemo.set(call, v);
    }
    return v;
  };
  const allCalls = (): readonly LossCall[] => semantics.everySite(() => facts.sites.calls);
  for (const rule of RULES) {
    if (!enabled(rule, options)) continue;
    const found: Diagnostic[] = [];
    const report = (r: Report): void => {
      // A fact may come from another module: findings and fixes stay in this file.
      if (!semantics.owns(r.node)) return;
      const local = (f: FixReport) => f.edits.every((e) => {
        const n = editedNode(e);
        return n === undefined || semantics.owns(n);
      });
      const fixes: Fix[] = (r.fixes ?? []).filter(local).map((f) => ({
        title: format(rule.meta.fixes[f.id], locale, f.data ?? r.data),
        edits: f.edits,
        preferred: f.preferred === true,
      }));
      const where = r.related && semantics.locate(r.related);
      found.push({
        ...(where && r.related ? { related: { path: where.path, start: startOf(r.related), end: endOf(r.related), line: where.line, column: where.column } } : {}),
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
      rule.check({ facts: view, text: facts.root.chunk.text, report, swapped, allCalls });
      out.push(...found);
    } catch (e) {
      options.onRuleError?.(rule.meta.code, e);
    }
  }
  return out;
}

export function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Whether a `# noqa` comment on the line holding `offset` silences `code`. */
function suppressedAt(text: string, offset: number, code: string): boolean {
  const from = text.lastIndexOf('\n', offset - 1) + 1;
  let to = text.indexOf('\n', offset);
  if (to === -1) to = text.length;
  const line = text.slice(from, to);
  if (!line.includes('#')) return false;
  return suppressed(scanNoqa(line), 0, code);
}
