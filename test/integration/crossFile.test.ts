import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, openFile, screenshot, waitForDiagnostics, workspaceUri } from './helpers';

const SOFTMAX_RETURN = 'F.softmax(self.fc(x), dim=1)';
const hasLL103 = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'LL103');

suite('Cross-file diagnostics', () => {
  suiteTeardown(closeAllEditors);

  // Runs before anything opens net.py in an editor: an open buffer would take the place of the disk.
  test('follows an imported module changing on disk', async () => {
    const train = (await openFile('cross_file/train.py')).document;
    const [d] = (await waitForDiagnostics(train.uri, hasLL103, 'LL103 from models/net.py')).filter((x) => codeOf(x) === 'LL103');
    assert.equal(train.lineAt(d.range.start.line).text, 'loss = criterion(model(x), y)');
    assert.match(d.message, /models\/net\.py:12/);
    const netUri = workspaceUri('cross_file/models/net.py');
    // The softmax that decided it is linked, and a code action opens it (the fix belongs there).
    assert.equal(d.relatedInformation?.[0]?.location.uri.path, netUri.path);
    assert.equal(d.relatedInformation?.[0]?.location.range.start.line, 11);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', train.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    // (VS Code hands commands with object arguments back wrapped, so the action is found by its title.)
    const open = actions.find((a) => /^Open .*models\/net\.py:12\b/.test(a.title));
    assert.ok(open?.command, `an action opening net.py among: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(open.edit, undefined, 'opening the other file edits nothing');
    const original = await vscode.workspace.fs.readFile(netUri);
    const logits = new TextDecoder().decode(original).replace(SOFTMAX_RETURN, 'self.fc(x)');
    await vscode.workspace.fs.writeFile(netUri, new TextEncoder().encode(logits));
    await waitForDiagnostics(train.uri, (ds) => !hasLL103(ds), 'LL103 to disappear after net.py changed on disk');
    await vscode.workspace.fs.writeFile(netUri, original);
    await waitForDiagnostics(train.uri, hasLL103, 'LL103 back once net.py is restored on disk');
  });

  test('flags a softmax returned by an imported model, and an unsaved edit of that model clears the finding', async () => {
    const train = (await openFile('cross_file/train.py')).document;
    const [d] = (await waitForDiagnostics(train.uri, hasLL103, 'LL103 from models/net.py')).filter((x) => codeOf(x) === 'LL103');
    assert.match(d.message, /models\/net\.py:12/);

    const net = await openFile('cross_file/models/net.py');
    const at = net.document.getText().indexOf(SOFTMAX_RETURN);
    assert.ok(at > 0, 'net.py returns a softmax');
    const softmax = new vscode.Range(net.document.positionAt(at), net.document.positionAt(at + SOFTMAX_RETURN.length));
    assert.ok(await net.edit((e) => e.replace(softmax, 'self.fc(x)')));
    await waitForDiagnostics(train.uri, (ds) => !hasLL103(ds), 'LL103 to disappear after editing net.py');
    assert.ok(net.document.isDirty, 'net.py was edited, not saved');
    await screenshot('cross-file-edited');

    // Reverting the buffer brings back the file on disk (revert acts on the active editor: make it net.py's).
    await vscode.window.showTextDocument(net.document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(net.document.isDirty, false, 'net.py was reverted');
    await waitForDiagnostics(train.uri, hasLL103, 'LL103 back after reverting net.py');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
