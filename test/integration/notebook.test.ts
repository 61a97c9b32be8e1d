import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, waitForDiagnostics, waitUntil, workspaceUri } from './helpers';

suite('Notebook diagnostics', () => {
  suiteTeardown(closeAllEditors);

  test('flags a misuse in a later cell using imports from an earlier cell, and its quick fix edits that cell', async () => {
    const nb = await vscode.workspace.openNotebookDocument(workspaceUri('diagnostics_notebook.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.getCells().find((c) => c.document.getText().includes('cross_entropy'))!.document;
    const [d] = await waitForDiagnostics(cell.uri, (ds) => ds.some((x) => codeOf(x) === 'LL103'), 'LL103 in the notebook cell');
    assert.equal(cell.lineAt(d.range.start.line).text, 'loss = F.cross_entropy(logits.softmax(dim=1), y)');
    assert.equal(d.range.start.character, 'loss = '.length);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', cell.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, 'a preferred quick fix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(cell.uri, (ds) => !ds.some((x) => codeOf(x) === 'LL103'), 'LL103 to disappear');
    assert.equal(cell.lineAt(2).text, 'loss = F.cross_entropy(logits, y)');
  });

  test('shows inline loss values and calculator lenses in a cell whose literals come from an earlier cell', async () => {
    const nb = await vscode.workspace.openNotebookDocument(workspaceUri('inline_notebook.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.getCells().find((c) => c.document.getText().includes('mse_loss'))!.document;
    const all = new vscode.Range(0, 0, cell.lineCount, 0);
    const hints = await waitUntil(async () => {
      const h = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', cell.uri, all);
      return h.length >= 2 ? h : undefined;
    }, 'two inline loss values in the cell');
    const label = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')).trim();
    // mean of (1-0)² and (2-0)² is 2.5; their sum is 5. Each hint sits on its own line of the cell.
    assert.deepEqual(hints.map(label), ['= 2.5', '= 5']);
    assert.deepEqual(hints.map((h) => h.position.line), [0, 1]);
    const lenses = await waitUntil(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', cell.uri, 100);
      const ours = l.filter((x) => x.command?.command === 'lossLens.openCalculator');
      return ours.length >= 2 ? ours : undefined;
    }, 'the calculator lenses in the cell');
    assert.deepEqual(lenses.map((l) => l.range.start.line).sort(), [0, 1]);
  });
});
