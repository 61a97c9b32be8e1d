import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, controlUrl, openFile, waitForActivation, waitUntil, workbenchTexts } from './helpers';

suite('Loss picker', () => {
  suiteTeardown(closeAllEditors);

  test('inserts CrossEntropyLoss with argmax for one-hot targets and adds the missing nn import', async () => {
    const editor = await openFile('loss_picker.py');
    await waitForActivation();
    const end = editor.document.positionAt(editor.document.getText().length);
    editor.selection = new vscode.Selection(end, end);
    const id = await vscode.commands.executeCommand('lossLens.chooseLoss', { task: 'multiClass', output: 'logits', target: 'oneHot', pick: 0 });
    assert.equal(id, 'crossEntropy');
    const text = editor.document.getText();
    assert.match(text, /^import torch\nimport torch\.nn as nn\n\nx = /m);
    assert.match(text, /criterion = nn\.CrossEntropyLoss\(\)\nloss = criterion\(logits, target\.argmax\(dim=1\)\)/);
    await vscode.commands.executeCommand('leaveSnippet');
  });

  test('is keyboard-first: Enter on the first task and the first recommendation inserts MSELoss', async () => {
    if (!controlUrl()) return; // reading the QuickPick's title needs the runner's workbench access
    const editor = await openFile('loss_picker.py');
    await waitForActivation();
    const done = vscode.commands.executeCommand<string | undefined>('lossLens.chooseLoss');
    const title = async (part: string) =>
      waitUntil(async () => (await workbenchTexts('.quick-input-widget'))?.find((t) => t.includes(part)), `the picker to ask "${part}"`);
    await title('What is the task?');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await title('MSELoss');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await done, 'mse');
    assert.match(editor.document.getText(), /criterion = nn\.MSELoss\(\)\nloss = criterion\(pred, target\)/);
  });
});
