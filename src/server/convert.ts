import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocsUrl, type Diagnostic, type Severity, type TextEdit } from '../analysis';
import type { Locale } from '../catalogue';
import { uriOfPath } from './uris';

export const SOURCE = 'loss-lens';

/** The only place analysis offsets become LSP ranges. `base` shifts the offsets of a notebook cell. */
export function toRange(doc: TextDocument, start: number, end: number, base = 0): Range {
  return { start: doc.positionAt(start - base), end: doc.positionAt(end - base) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(doc: TextDocument, d: Diagnostic, base: number, locale: Locale): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(doc, d.start, d.end, base),
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: ruleDocsUrl(d.code) },
    source: SOURCE,
    message: d.message,
  };
  const where = relatedLocation(d);
  if (where) out.relatedInformation = [{ location: where, message: locale === 'zh' ? `${d.code} 的根源在这里` : `${d.code} originates here` }];
  return out;
}

/** Where another file decided a finding (its fix belongs there). */
export function relatedLocation(d: Diagnostic): { uri: string; range: Range } | undefined {
  const r = d.related;
  if (!r) return undefined;
  const start = { line: r.line - 1, character: r.column };
  return { uri: uriOfPath(r.path), range: { start, end: { line: start.line, character: start.character + Math.max(0, r.end - r.start) } } };
}

export function toEdits(doc: TextDocument, edits: readonly TextEdit[], base = 0): LspTextEdit[] {
  return edits.map((e) => ({ range: toRange(doc, e.start, e.end, base), newText: e.newText }));
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
