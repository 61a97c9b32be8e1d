import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, controlUrl, openFile, screenshot, waitForActivation, waitForDiagnostics, waitUntil, workbenchTexts } from './helpers';

/**
 * A file any repository can ship: tiny literals that ask for 10⁷–10⁸ elements, and a loss option
 * written to break out of the hover's code span. The editor must keep answering, and promptly:
 * well under the bound below, where these literals used to block the host for seconds to minutes.
 */
const PROMPT_MS = 10_000;

const labelOf = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')).trim();

async function hoverMarkdown(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

suite('Hostile input', () => {
  suiteTeardown(closeAllEditors);

  test('a file of huge literals and markup in an option still gets its diagnostics, inline values and hover promptly', async () => {
    const editor = await openFile('hostile_literals.py');
    await waitForActivation();
    const doc = editor.document;
    const text = doc.getText();

    let t = Date.now();
    await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'LL101'), 'LL101 beside the huge literals', PROMPT_MS);
    const diagnosticsMs = Date.now() - t;

    // Every hostile call gets a hint saying it is too large, where its value would be.
    t = Date.now();
    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = await waitUntil(async () => {
      const h = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all);
      return h.filter((x) => labelOf(x).includes('too large to evaluate inline')).length >= 3 ? h : undefined;
    }, 'three "too large to evaluate inline" hints', PROMPT_MS);
    const hintsMs = Date.now() - t;
    const onLine = (name: string) => hints.filter((h) => doc.lineAt(h.position.line).text.startsWith(`${name} =`)).map(labelOf);
    for (const name of ['one_hot', 'broadcast', 'ten_million']) {
      const [label, ...rest] = onLine(name);
      assert.equal(rest.length, 0, `one hint on the ${name} line`);
      assert.match(label ?? '', /too large to evaluate inline \([\d,]+ elements; limit [\d,]+\)/, `the ${name} hint: ${label}`);
    }

    t = Date.now();
    const use = doc.positionAt(text.indexOf('marked(logits') + 3);
    const md = await waitUntil(async () => {
      const m = await hoverMarkdown(doc.uri, use);
      return m.includes('torch.nn.CrossEntropyLoss') ? m : undefined;
    }, 'the CrossEntropyLoss hover', PROMPT_MS);
    const hoverMs = Date.now() - t;
    // The option is one code span (a fence longer than its backtick), never a link or image of its own.
    assert.ok(md.includes('``"`](http://link.invalid/x) ![](http://evil.invalid/img.png) <img src=http://evil.invalid/tag.png>"``'), md);

    if (controlUrl()) {
      editor.selection = new vscode.Selection(use, use);
      await vscode.commands.executeCommand('editor.action.showHover');
      await waitUntil(async () => (await workbenchTexts('.monaco-hover'))?.some((s) => s.includes('label_smoothing')), 'the hover widget', PROMPT_MS);
      // Rendered by VS Code itself: the option shows as text, and no element points at the injected URLs.
      const shown = (await workbenchTexts('.monaco-hover'))!.join('\n');
      assert.match(shown, /evil\.invalid\/img\.png/);
      // (The calculator link carries the option too, URI-encoded inside its arguments; that is not a link to it.)
      const injected = ['[href^="http://link.invalid"]', '[href^="http://evil.invalid"]', '[data-href^="http://link.invalid"]', '[data-href^="http://evil.invalid"]', 'img[src^="http"]'].map((s) => `.monaco-hover ${s}`).join(', ');
      assert.deepEqual(await workbenchTexts(injected), []);
      await screenshot('hostile-hover');
    }
    assert.ok(diagnosticsMs + hintsMs + hoverMs < 3 * PROMPT_MS, `diagnostics ${diagnosticsMs} ms, hints ${hintsMs} ms, hover ${hoverMs} ms`);
  });
});
