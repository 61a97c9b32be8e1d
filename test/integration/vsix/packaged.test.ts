import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  codeOf,
  openFile,
  screenshot,
  waitForActivation,
  waitForDiagnostics,
  waitUntil,
  workbenchTexts,
} from '../helpers';

/** Reads Loss Lens's activation time from VS Code's own Running Extensions view. */
async function measuredActivationMs(): Promise<number | undefined> {
  await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
  const row = await waitUntil(async () => {
    const texts = await workbenchTexts('.runtime-extensions-editor .extension');
    if (texts === undefined) return 'unavailable';
    return texts.find((t) => t.includes('Loss Lens') && /\d+\s*ms/.test(t));
  }, 'Loss Lens in the Running Extensions view');
  const ms = /Activation:\s*(\d+)\s*ms/.exec(row) ?? /(\d+)\s*ms/.exec(row);
  return ms ? Number(ms[1]) : undefined;
}

suite('Packaged .vsix', () => {
  suiteTeardown(closeAllEditors);

  test('the installed .vsix activates on a Python file and reports a misuse diagnostic', async () => {
    const editor = await openFile('bce_on_logits.py');
    const ext = await waitForActivation();
    // The runner installs the .vsix into this extensions folder and does not load the repo.
    const installedIn = process.env.LOSS_LENS_EXTENSIONS_DIR;
    if (installedIn) assert.ok(ext.extensionPath.startsWith(installedIn), `loaded from ${ext.extensionPath}`);
    assert.equal(fs.existsSync(path.join(ext.extensionPath, 'src')), false, 'the .vsix must not ship sources');
    assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'tree-sitter-python.wasm')), 'the grammar is packaged');

    const diagnostics = await waitForDiagnostics(
      editor.document.uri,
      (ds) => ds.some((d) => d.source === 'loss-lens' && codeOf(d) === 'LL101'),
      'a loss-lens LL101 diagnostic',
    );
    const ll101 = diagnostics.find((d) => codeOf(d) === 'LL101')!;
    assert.equal(editor.document.lineAt(ll101.range.start.line).text.trim(), 'loss = criterion(logits, labels)');
    await screenshot('vsix-diagnostic');

    const activationMs = await measuredActivationMs();
    await screenshot('vsix-running-extensions');
    const out = process.env.LOSS_LENS_ARTIFACTS;
    if (out && activationMs !== undefined) {
      fs.writeFileSync(path.join(out, 'activation.json'), JSON.stringify({ extension: ext.id, activationMs }, null, 2) + '\n');
    }
  });
});
