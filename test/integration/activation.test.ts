import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activationStats, closeAllEditors, extension, openFile, screenshot, waitForActivation } from './helpers';

suite('Activation', () => {
  suiteTeardown(closeAllEditors);

  test('stays inactive until a Python file is opened, then VS Code activates it by itself', async () => {
    // Mocha runs files in name order, so this suite runs before any other test opens Python.
    const pythonOpen = vscode.workspace.textDocuments.some((d) => d.languageId === 'python');
    assert.equal(pythonOpen, false, 'a Python document was opened before the activation test ran');
    assert.equal(extension().isActive, false, 'Loss Lens activated before any Python document was opened');

    const editor = await openFile('activation.py');
    assert.equal(editor.document.languageId, 'python');
    const ext = await waitForActivation();
    assert.equal(ext.isActive, true);
    await screenshot('activation');
    const times = await activationStats();
    assert.equal(times.event, 'onLanguage:python', 'VS Code reports another activation event');
    // Kept as evidence: the extension's own activation cost in the development session.
    const out = process.env.LOSS_LENS_ARTIFACTS;
    if (out) fs.writeFileSync(path.join(out, 'activation-dev.json'), JSON.stringify(times, null, 2) + '\n');
  });
});
