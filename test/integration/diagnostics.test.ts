import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, lossLensDiagnostics, openFile, openPython, screenshot, waitForDiagnostics } from './helpers';

async function quickFixes(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
}

suite('Diagnostics', () => {
  suiteTeardown(closeAllEditors);

  test('flags BCELoss on logits with a linked LL101 code and the preferred quick fix removes the finding', async () => {
    const editor = await openFile('bce_on_logits.py');
    const uri = editor.document.uri;
    const [d] = await waitForDiagnostics(uri, (ds) => ds.some((x) => codeOf(x) === 'LL101'), 'LL101');
    assert.equal(d.source, 'loss-lens');
    const code = d.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'LL101');
    assert.equal(code.target.scheme, 'loss-lens-rule');
    // The code links to the rule's documentation, served inside the editor.
    const docs = await vscode.workspace.openTextDocument(code.target);
    assert.match(docs.getText(), /^LL101 \(bce-on-logits\)/);
    assert.match(docs.getText(), /BCEWithLogitsLoss/);
    assert.equal(docs.languageId, 'markdown');
    assert.equal(editor.document.lineAt(d.range.start.line).text.trim(), 'loss = criterion(logits, labels)');
    await screenshot('diagnostics-ll101');
    const fix = (await quickFixes(uri, d)).find((a) => a.isPreferred);
    assert.ok(fix?.edit, 'a preferred quick fix with an edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, (ds) => !ds.some((x) => codeOf(x) === 'LL101'), 'LL101 to disappear');
    assert.match(editor.document.getText(), /BCEWithLogitsLoss\(\)/);
  });

  test('offers a noqa suppression that silences the finding', async () => {
    const editor = await openFile('diagnostics_rules.py');
    const uri = editor.document.uri;
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === 'LL103') && x.some((d) => codeOf(d) === 'LL301'), 'LL103 and LL301');
    const d = ds.find((x) => codeOf(x) === 'LL301')!;
    const suppress = (await quickFixes(uri, d)).find((a) => a.title.includes('noqa: LL301'));
    assert.ok(suppress?.edit && !suppress.isPreferred, 'a non-preferred suppress action');
    assert.ok(await vscode.workspace.applyEdit(suppress.edit));
    await waitForDiagnostics(uri, (x) => !x.some((y) => codeOf(y) === 'LL301') && x.some((y) => codeOf(y) === 'LL103'), 'only LL301 to disappear');
    assert.match(editor.document.lineAt(d.range.start.line).text, /# noqa: LL301$/);
  });

  test('follows lossLens.rules.<slug>: off removes the rule, info lowers its severity', async () => {
    const editor = await openFile('diagnostics_rules.py');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === 'LL103'), 'LL103');
    const cfg = vscode.workspace.getConfiguration('lossLens.rules');
    try {
      await cfg.update('softmax-before-cross-entropy', 'info', vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === 'LL103' && d.severity === vscode.DiagnosticSeverity.Information), 'LL103 as info');
      await cfg.update('softmax-before-cross-entropy', 'off', vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, (x) => !x.some((d) => codeOf(d) === 'LL103'), 'LL103 to be switched off');
    } finally {
      await cfg.update('softmax-before-cross-entropy', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === 'LL103' && d.severity === vscode.DiagnosticSeverity.Error), 'LL103 back as error');
  });

  test('follows lossLens.language: zh-cn turns the server\'s messages and the rule page Chinese, and back', async () => {
    const editor = await openFile('diagnostics_rules.py');
    const uri = editor.document.uri;
    const han = /[\u4e00-\u9fff]/;
    const ll103 = (x: vscode.Diagnostic[]) => x.find((d) => codeOf(d) === 'LL103');
    await waitForDiagnostics(uri, (x) => ll103(x) !== undefined && !han.test(ll103(x)!.message), 'LL103 in English');
    const cfg = vscode.workspace.getConfiguration('lossLens');
    try {
      await cfg.update('language', 'zh-cn', vscode.ConfigurationTarget.Workspace);
      const [d] = (await waitForDiagnostics(uri, (x) => han.test(ll103(x)?.message ?? ''), 'LL103 in Chinese')).filter((x) => codeOf(x) === 'LL103');
      const page = await vscode.workspace.openTextDocument((d.code as { target: vscode.Uri }).target);
      assert.match(page.getText(), /^LL103 \(softmax-before-cross-entropy\)/);
      assert.match(page.getText(), /为什么有问题/);
    } finally {
      await cfg.update('language', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, (x) => ll103(x) !== undefined && !han.test(ll103(x)!.message), 'LL103 back in English');
  });

  test('re-analyses while typing and clears the diagnostics when the document closes', async () => {
    const editor = await openPython('import torch.nn as nn\nkl = nn.KLDivLoss(reduction="batchmean")\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (x) => x.length === 0, 'a clean start');
    const at = editor.document.getText().indexOf('"batchmean"');
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + '"batchmean"'.length)), '"mean"'));
    await waitForDiagnostics(uri, (x) => x.some((d) => codeOf(d) === 'LL301'), 'LL301 after typing');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitForDiagnostics(uri, () => lossLensDiagnostics(uri).length === 0, 'diagnostics to clear on close');
  });
});
