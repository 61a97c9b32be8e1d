import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, controlUrl, openFile, screenshotWebview, waitForActivation, waitUntil, webviewTexts } from './helpers';

interface ResultSummary {
  module: string;
  value: number | null;
  text: string;
  error: string | null;
}

suite('Loss Calculator', () => {
  suiteTeardown(closeAllEditors);

  test('opens from the code action on a literal loss call and computes its value in the panel', async () => {
    const editor = await openFile('calculator_literals.py');
    await waitForActivation();
    const doc = editor.document;
    const at = doc.positionAt(doc.getText().indexOf('F.mse_loss(') + 3);
    // The provider answers once the grammar has loaded: wait for the action, not a fixed time.
    const action = await waitUntil(async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at));
      return actions.find((a) => a.command?.command === 'lossLens.openCalculator');
    }, 'the "Evaluate in Loss Calculator" code action');
    assert.match(action.title, /MSELoss/);
    await vscode.commands.executeCommand(action.command!.command, ...(action.command!.arguments ?? []));
    const result = await vscode.commands.executeCommand<ResultSummary | undefined>('lossLens.calculator.result', 30_000);
    assert.ok(result, 'the panel reported a result');
    assert.equal(result.error, null);
    assert.equal(result.module, 'MSELoss');
    // mean((1 - 0)², (2 - 0)²) = 2.5
    assert.equal(result.value, 2.5);
    if (controlUrl()) {
      const texts = await waitUntil(async () => (await webviewTexts())?.find((t) => t.includes('2.5') && t.includes('MSELoss')), 'the calculator page showing 2.5');
      assert.match(texts, /mean over 2 elements/);
      await screenshotWebview('calculator-from-code-action');
    }
  });

  test('shows the value of a literal loss call inline, computed with the construction options', async () => {
    const editor = await openFile('calculator_literals.py');
    const doc = editor.document;
    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = await waitUntil(async () => {
      const h = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all);
      return h.length >= 2 ? h : undefined;
    }, 'two inline loss values');
    const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''))).map((s) => s.trim());
    // mse mean: 2.5; criterion with reduction='sum': (1-1)² + (2-0)² = 4
    assert.deepEqual(labels, ['= 2.5', '= 4']);
  });

  test('puts an "Evaluate in Loss Calculator" CodeLens on each loss, preset with its options and literal inputs', async () => {
    const editor = await openFile('calculator_literals.py');
    const doc = editor.document;
    const lenses = await waitUntil(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
      const ours = l.filter((x) => x.command?.command === 'lossLens.openCalculator');
      return ours.length >= 3 ? ours : undefined;
    }, 'the calculator CodeLenses');
    const lines = lenses.map((l) => doc.lineAt(l.range.start.line).text.trim());
    assert.deepEqual(lines, ['loss = F.mse_loss(pred, target)', 'criterion = nn.MSELoss(reduction="sum")', 'total = criterion(pred, torch.tensor([1.0, 0.0]))']);
    const total = lenses[2].command!.arguments![0];
    assert.deepEqual(total, { module: 'MSELoss', params: { reduction: '"sum"' }, args: { input: 'torch.tensor([1.0, 2.0])', target: 'torch.tensor([1.0, 0.0])' } });
  });
});
