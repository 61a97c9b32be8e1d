import * as vscode from 'vscode';
import type { Diagnostic, Severity, TextEdit } from '../analysis';
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
  return out;
}

export function toWorkspaceEdit(doc: vscode.TextDocument, edits: readonly TextEdit[], base = 0): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(doc.uri, toRange(doc, e.start, e.end, base), e.newText);
  return we;
}
