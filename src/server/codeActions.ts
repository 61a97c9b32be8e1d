import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { noqaEdit, type Diagnostic, type LossSiteInfo } from '../analysis';
import { presetForSite } from '../calculator/inline';
import type { Locale } from '../catalogue';
import { OPEN_CALCULATOR, SHOW_RELATED } from '../protocol/server';
import type { ServerContext } from './context';
import { SOURCE, relatedLocation, sameRange, toEdits, toRange } from './convert';
import { analysisFindings, documentFindings } from './findings';
import { documentUri, guarded } from './guard';
import type { Covered } from './session';
import { documentSites } from './sites';
import { STRINGS, fill } from './strings';
import { displayPath } from './uris';

/** The finding a client's diagnostic shows: same code, same range (clients needn't echo `data`). */
function findingOf(covered: Covered, findings: readonly Diagnostic[], diag: LspDiagnostic): Diagnostic | undefined {
  if (diag.source !== SOURCE) return undefined;
  return findings.find((f) => f.code === String(diag.code) && sameRange(toRange(covered.document, f.start, f.end, covered.base), diag.range));
}

/** Each fix of the finding (one preferred), a jump to the file that decided it, and "suppress with # noqa". */
function fixesFor(ctx: ServerContext, covered: Covered, finding: Diagnostic, diag: LspDiagnostic, locale: Locale): CodeAction[] {
  const { document, base } = covered;
  const uri = document.uri;
  const actions: CodeAction[] = finding.fixes.map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    isPreferred: fix.preferred,
    edit: { changes: { [uri]: toEdits(document, fix.edits, base) } },
  }));
  const where = relatedLocation(finding);
  if (where && finding.related && ctx.client.showDocument) {
    const title = fill(STRINGS.openRelated[locale], displayPath(finding.related.path, ctx.session.workspaceFolders), where.range.start.line + 1);
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diag], command: { title, command: SHOW_RELATED, arguments: [where] } });
  }
  const line = document.positionAt(finding.start - base).line;
  const title = fill(STRINGS.suppress[locale], finding.code);
  actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diag], edit: { changes: { [uri]: toEdits(document, [noqaEdit(document.getText(), line, finding.code)]) } } });
  return actions;
}

/** "Evaluate X in Loss Calculator" on the loss under the cursor, for a client that runs the calculator. */
function evaluateAction(ctx: ServerContext, covered: Covered, at: number, locale: Locale): CodeAction[] {
  const found = documentSites(ctx, covered);
  const hits = found.sites.filter((s) => s.range.start <= at && at <= s.range.end);
  // `nn.MSELoss()(x, y)` holds a construction inside a call: prefer the call, which has the inputs.
  const size = (s: LossSiteInfo) => (s.kind === 'construction' ? 1e12 : 0) + s.range.end - s.range.start;
  const site = hits.sort((a, b) => size(a) - size(b))[0];
  if (!site) return [];
  const title = fill(STRINGS.evaluateLossInCalculator[locale], site.module);
  return [{ title, kind: CodeActionKind.Empty, command: { title, command: OPEN_CALCULATOR, arguments: [presetForSite(found.lines, site)] } }];
}

export function register(ctx: ServerContext): void {
  ctx.connection.onCodeAction(
    guarded(ctx, 'textDocument/codeAction', [], (params): CodeAction[] => {
      const covered = ctx.session.covering(documentUri(params));
      if (!covered || !ctx.settings().enable) return [];
      const locale = ctx.locale();
      const findings = documentFindings(ctx, analysisFindings(ctx, covered.analysis), covered);
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        for (const diag of params.context.diagnostics ?? []) {
          const finding = findingOf(covered, findings, diag);
          if (finding) actions.push(...fixesFor(ctx, covered, finding, diag, locale));
        }
      }
      if (ctx.client.calculator && ctx.settings().calculatorLens && !only) {
        actions.push(...evaluateAction(ctx, covered, covered.base + covered.document.offsetAt(params.range.start), locale));
      }
      return actions;
    }),
  );

  ctx.connection.onExecuteCommand(
    guarded(ctx, 'workspace/executeCommand', null, async (params) => {
      if (params.command !== SHOW_RELATED) return null;
      const where = params.arguments?.[0] as { uri?: unknown; range?: unknown } | undefined;
      if (typeof where?.uri !== 'string') return null;
      await ctx.connection.window.showDocument({ uri: where.uri, selection: where.range as never, takeFocus: true });
      return null;
    }),
  );
}

