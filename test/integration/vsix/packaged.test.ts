import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  activationStats,
  closeAllEditors,
  codeOf,
  EXTENSION_ID,
  openFile,
  screenshot,
  waitForActivation,
  waitForDiagnostics,
} from '../helpers';

suite('Packaged .vsix', () => {
  suiteTeardown(closeAllEditors);

  test('the installed .vsix activates on a Python file and ships bundles, not sources', async () => {
    await openFile('bce_on_logits.py');
    const ext = await waitForActivation();
    // The runner installs the .vsix into this extensions folder and does not load the repo.
    const installedIn = process.env.LOSS_LENS_EXTENSIONS_DIR;
    if (installedIn) assert.ok(ext.extensionPath.startsWith(installedIn), `loaded from ${ext.extensionPath}`);
    assert.equal(fs.existsSync(path.join(ext.extensionPath, 'src')), false, 'the .vsix must not ship sources');
    assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'tree-sitter-python.wasm')), 'the grammar is packaged');
  });

  test('the installed .vsix reports BCELoss on logits as LL101 on the loss call', async () => {
    const editor = await openFile('bce_on_logits.py');
    const diagnostics = await waitForDiagnostics(
      editor.document.uri,
      (ds) => ds.some((d) => d.source === 'loss-lens' && codeOf(d) === 'LL101'),
      'a loss-lens LL101 diagnostic',
    );
    const ll101 = diagnostics.find((d) => codeOf(d) === 'LL101')!;
    assert.equal(editor.document.lineAt(ll101.range.start.line).text.trim(), 'loss = criterion(logits, labels)');
    await screenshot('vsix-diagnostic');
  });

  test("VS Code's startup performance report shows Loss Lens activated by a Python file", async () => {
    await openFile('bce_on_logits.py');
    await waitForActivation();
    const times = await activationStats();
    assert.equal(times.event, 'onLanguage:python');
    for (const [name, ms] of Object.entries(times)) {
      if (name !== 'event') assert.ok(Number.isFinite(ms) && (ms as number) >= 0, `${name} is not a duration: ${ms}`);
    }
    const out = process.env.LOSS_LENS_ARTIFACTS;
    if (out) fs.writeFileSync(path.join(out, 'activation.json'), JSON.stringify({ extension: EXTENSION_ID, ...times }, null, 2) + '\n');
  });
});
