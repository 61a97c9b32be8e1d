import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, controlUrl, openFile, screenshot, waitForActivation, waitUntil, webviewTexts, workbenchTexts, workspaceUri } from './helpers';

/** The markdown of every hover VS Code collects at `position` (ours and other extensions'). */
async function hoverMarkdown(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

suite('Hover', () => {
  suiteTeardown(closeAllEditors);

  test('documents the configured criterion on self, with its formula image, its configured value and a calculator link', async () => {
    const editor = await openFile('hover_cross_entropy.py');
    await waitForActivation();
    const doc = editor.document;
    const use = doc.positionAt(doc.getText().indexOf('self.criterion(logits') + 'self.crit'.length);
    const md = await waitUntil(async () => {
      const text = await hoverMarkdown(doc.uri, use);
      return text.includes('torch.nn.CrossEntropyLoss') ? text : undefined;
    }, 'the CrossEntropyLoss hover');
    assert.match(md, /\| \*\*`label_smoothing`\*\* \| `0\.0` \| `0\.1` \|/);
    assert.match(md, /!\[unreduced\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]{200,}\)/);
    assert.match(md, /\(command:lossLens\.openCalculator\?/);
    assert.match(md, /https:\/\/pytorch\.org\/docs\/stable\/generated\/torch\.nn\.CrossEntropyLoss\.html/);

    const alias = doc.positionAt(doc.getText().indexOf('= B()') + 2);
    assert.match(await hoverMarkdown(doc.uri, alias), /torch\.nn\.BCELoss/);

    if (controlUrl()) {
      editor.selection = new vscode.Selection(use, use);
      await vscode.commands.executeCommand('editor.action.showHover');
      const shown = await waitUntil(async () => (await workbenchTexts('.monaco-hover'))?.find((t) => t.includes('label_smoothing')), 'the hover widget');
      assert.match(shown, /CrossEntropyLoss/);
      await screenshot('hover-cross-entropy');

      // The link runs the calculator's command with the configured loss.
      const link = /\(command:(lossLens\.openCalculator)\?([^)]+)\)/.exec(md)!;
      await vscode.commands.executeCommand(link[1], ...JSON.parse(decodeURIComponent(link[2])));
      await waitUntil(async () => (await webviewTexts())?.some((t) => t.includes('CrossEntropyLoss')), 'the calculator to show CrossEntropyLoss');
    }
  });

  test('documents a criterion in a notebook cell whose import sits in an earlier cell', async () => {
    const nb = await vscode.workspace.openNotebookDocument(workspaceUri('hover_notebook.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    await waitForActivation();
    const cell = nb.getCells().find((c) => c.document.getText().includes('criterion('))!.document;
    const at = cell.positionAt(cell.getText().indexOf('criterion(') + 3);
    const md = await waitUntil(async () => {
      const text = await hoverMarkdown(cell.uri, at);
      return text.includes('torch.nn.SmoothL1Loss') ? text : undefined;
    }, 'the SmoothL1Loss hover in the notebook cell');
    assert.match(md, /\| \*\*`beta`\*\* \| `1\.0` \| `0\.5` \|/);
  });
});
