import * as vscode from 'vscode';
import type { Diagnostic, Severity, TextEdit } from '../analysis';
import { displayLocale } from './config';
import { ruleDocsUri } from './ruleDocsView';

/** The only place analysis offsets become editor ranges. `base` shifts offsets of a notebook cell. */
export function toRange(doc: vscode.TextDocument, start: number, end: number, base = 0): vscode.Range {
  return new vscode.Range(doc.positionAt(start - base), doc.positionAt(end - base));
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(doc: vscode.TextDocument, d: Diagnostic, base = 0): vscode.Diagnostic {
  const out = new vscode.Diagnostic(toRange(doc, d.start, d.end, base), d.message, SEVERITY[d.severity]);
  out.source = 'loss-lens';
  out.code = { value: d.code, target: ruleDocsUri(d.code) };
  const where = relatedLocation(d);
  if (where) out.relatedInformation = [new vscode.DiagnosticRelatedInformation(where, relatedMessage(d))];
  return out;
}

/** Where another file decided a finding (its fix belongs there), as a VS Code location. */
export function relatedLocation(d: Diagnostic): vscode.Location | undefined {
  const r = d.related;
  if (!r) return undefined;
  const start = new vscode.Position(r.line - 1, r.column);
  return new vscode.Location(vscode.Uri.file(r.path), new vscode.Range(start, start.translate(0, Math.max(0, r.end - r.start))));
}

function relatedMessage(d: Diagnostic): string {
  return displayLocale() === 'zh' ? `${d.code} 的根源在这里` : `${d.code} originates here`;
}

export function toWorkspaceEdit(doc: vscode.TextDocument, edits: readonly TextEdit[], base = 0): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(doc.uri, toRange(doc, e.start, e.end, base), e.newText);
  return we;
}
