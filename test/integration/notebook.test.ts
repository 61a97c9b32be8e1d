import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, waitForDiagnostics, workspaceUri } from './helpers';

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
});
