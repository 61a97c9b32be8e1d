// Checks the runner's control endpoint that other tests rely on for screenshots and webview text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, controlUrl, screenshot, screenshotWebview, waitUntil, webviewTexts } from './helpers';

suite('Runner control endpoint', () => {
  suiteTeardown(closeAllEditors);

  test('reads the text a webview script rendered and saves PNGs of the webview and the workbench', async () => {
    if (!controlUrl()) return; // only the code-server runner drives a page it can capture
    const panel = vscode.window.createWebviewPanel('lossLensHarness', 'Harness', vscode.ViewColumn.One, { enableScripts: true });
    try {
      const nonce = String(Date.now());
      panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy"
        content="default-src 'none'; script-src 'nonce-${nonce}';"></head><body><p id="out">pending</p>
        <script nonce="${nonce}">document.getElementById('out').textContent = 'computed ' + (6 * 7);</script></body></html>`;
      const text = await waitUntil(async () => (await webviewTexts())?.find((t) => t.includes('computed 42')), 'the webview to render "computed 42"');
      assert.match(text, /computed 42/);
      for (const file of [await screenshotWebview('harness-webview'), await screenshot('harness-workbench')]) {
        assert.ok(file && fs.statSync(file).size > 1000, `expected a PNG at ${file}`);
        assert.deepEqual([...fs.readFileSync(file).subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
      }
    } finally {
      panel.dispose();
    }
  });
});
