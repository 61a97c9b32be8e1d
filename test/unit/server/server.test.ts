import * as assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CodeLensRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeNotebookDocumentNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  ExecuteCommandRequest,
  DidCloseTextDocumentNotification,
  DidOpenNotebookDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ErrorCodes,
  FileChangeType,
  HoverRequest,
  IPCMessageReader,
  IPCMessageWriter,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  createProtocolConnection,
  InlayHintRequest,
  LSPErrorCodes,
  ResponseError,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { EXPLAIN_RULE } from '../../../src/protocol/server';
import { CLI, CancellationTokenSource, capabilities, startServer, uriOf, type Server } from './lspClient';

const BCE = `import torch
import torch.nn as nn

model = nn.Linear(4, 1)
criterion = nn.BCELoss()
logits = model(torch.randn(8, 4))
loss = criterion(logits, torch.rand(8, 1))
`;
const MODEL = `import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))

    def forward(self, x):
        return self.body(x)
`;
const TRAIN = `import torch
import torch.nn as nn
from model import Net

net = Net()
criterion = nn.CrossEntropyLoss()
out = net(torch.randn(8, 4))
loss = criterion(out, torch.randint(0, 3, (8,)))
`;
const LITERALS = `import torch
import torch.nn.functional as F

loss = F.mse_loss(torch.tensor([1.0, 2.0]), torch.tensor([1.5, 2.5]))
`;

const codes = (d: Diagnostic[]) => d.map((x) => x.code);
const has = (code: string) => (d: Diagnostic[]) => codes(d).includes(code);
const lacks = (code: string) => (d: Diagnostic[]) => !codes(d).includes(code);

/** The position of the first `needle` in `text`. */
function positionOf(text: string, needle: string, shift = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in the text`);
  return TextDocument.create('x', 'python', 0, text).positionAt(i + shift);
}

/** Keeps a buffer's text and version as the client sees it, and sends its edits as incremental changes. */
class Buffer {
  version = 1;
  doc: TextDocument;
  constructor(
    private readonly server: Server,
    readonly uri: string,
    text: string,
  ) {
    this.doc = TextDocument.create(uri, 'python', 1, text);
  }
  get text(): string {
    return this.doc.getText();
  }
  open(): Promise<void> {
    return this.server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: this.uri, languageId: 'python', version: this.version, text: this.text } });
  }
  edit(edits: TextEdit[]): Promise<void> {
    this.version++;
    const contentChanges = [...edits].sort((a, b) => this.doc.offsetAt(b.range.start) - this.doc.offsetAt(a.range.start)).map((e) => ({ range: e.range, text: e.newText }));
    this.doc = TextDocument.create(this.uri, 'python', this.version, TextDocument.applyEdits(this.doc, edits));
    return this.server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: this.uri, version: this.version }, contentChanges });
  }
  replace(needle: string, by: string): Promise<void> {
    const start = this.text.indexOf(needle);
    assert.ok(start >= 0, `${needle} not in ${this.uri}`);
    return this.edit([{ range: { start: this.doc.positionAt(start), end: this.doc.positionAt(start + needle.length) }, newText: by }]);
  }
  close(): Promise<void> {
    return this.server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: this.uri } });
  }
}

async function rejection(p: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await p;
  } catch (e) {
    return e as ResponseError<unknown>;
  }
  assert.fail('expected the request to be answered with an error');
}

describe('language server over stdio (built dist/cli.js server --stdio)', function () {
  this.timeout(60_000);
  let folder: string;
  let server: Server;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'loss-lens-lsp-'));
    for (const [name, text] of [['bce.py', BCE], ['model.py', MODEL], ['train.py', TRAIN], ['lit.py', LITERALS]]) writeFileSync(join(folder, name), text);
  });
  afterEach(async () => {
    if (server && server.child.exitCode === null) server.child.kill();
    rmSync(folder, { recursive: true, force: true });
  });

  it('announces incremental sync, pull diagnostics with inter-file dependencies, hover, quick fixes, inlay hints, code lenses and notebook sync', async () => {
    server = await startServer({ folder });
    const caps = server.initialized.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.equal((caps.diagnosticProvider as { interFileDependencies: boolean }).interFileDependencies, true);
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.codeActionProvider && caps.inlayHintProvider && caps.codeLensProvider && caps.notebookDocumentSync);
    assert.equal(server.initialized.serverInfo?.name, 'loss-lens');
  });

  it('pushes LL101 when a file with BCELoss on logits opens, with code, docs link, source and severity', async () => {
    server = await startServer({ folder });
    const buf = new Buffer(server, uriOf(join(folder, 'bce.py')), BCE);
    await buf.open();
    const [d] = await server.pushed(buf.uri, has('LL101'), 'LL101');
    assert.equal(d.source, 'loss-lens');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.match(d.codeDescription?.href ?? '', /README\.md#ll101$/);
    assert.equal(d.range.start.line, 6);
    assert.match(d.message, /raw logits/);
  });

  it('re-checks after an incremental edit and clears the findings of a closed file', async () => {
    server = await startServer({ folder });
    const buf = new Buffer(server, uriOf(join(folder, 'bce.py')), BCE);
    await buf.open();
    await server.pushed(buf.uri, has('LL101'), 'LL101');
    await buf.replace('criterion(logits,', 'criterion(torch.sigmoid(logits),');
    await server.pushed(buf.uri, (d) => d.length === 0, 'no findings after wrapping the logits in a sigmoid');
    await buf.replace('criterion(torch.sigmoid(logits),', 'criterion(logits,');
    await server.pushed(buf.uri, has('LL101'), 'LL101 again after undoing the edit');
    await buf.close();
    await server.pushed(buf.uri, (d) => d.length === 0, 'an empty push on close');
  });

  it('answers hover with the catalogue documentation of the loss under the cursor', async () => {
    server = await startServer({ folder });
    const buf = new Buffer(server, uriOf(join(folder, 'bce.py')), BCE);
    await buf.open();
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: buf.uri }, position: positionOf(BCE, 'BCELoss', 2) });
    assert.ok(hover, 'a hover on nn.BCELoss');
    const md = hover.contents as MarkupContent;
    assert.equal(md.kind, 'markdown');
    assert.match(md.value, /BCELoss/);
    assert.match(md.value, /pytorch\.org/);
    // A client that doesn't run the calculator gets no command link, nor images it may not show.
    assert.doesNotMatch(md.value, /command:/);
    assert.doesNotMatch(md.value, /data:image/);
    assert.deepEqual(hover.range?.start, positionOf(BCE, 'nn.BCELoss'));
    const none = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: buf.uri }, position: { line: 0, character: 1 } });
    assert.equal(none, null);
  });

  it('offers the preferred quick fix; applying it to the text and re-checking clears LL101', async () => {
    server = await startServer({ folder });
    const buf = new Buffer(server, uriOf(join(folder, 'bce.py')), BCE);
    await buf.open();
    const [d] = await server.pushed(buf.uri, has('LL101'), 'LL101');
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: buf.uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(actions.some((a) => a.title.includes('# noqa: LL101')));
    await buf.edit(preferred[0].edit!.changes![buf.uri]);
    await server.pushed(buf.uri, lacks('LL101'), 'LL101 gone after the preferred fix');
  });

  it('suppresses a finding with the # noqa action', async () => {
    server = await startServer({ folder });
    const buf = new Buffer(server, uriOf(join(folder, 'bce.py')), BCE);
    await buf.open();
    const [d] = await server.pushed(buf.uri, has('LL101'), 'LL101');
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: buf.uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const noqa = actions.find((a) => a.title.includes('noqa'))!;
    await buf.edit(noqa.edit!.changes![buf.uri]);
    assert.match(buf.text, /# noqa: LL101/);
    await server.pushed(buf.uri, (x) => x.length === 0, 'no findings on the suppressed line');
  });

  it('gives inline loss values as inlay hints and calculator code lenses', async () => {
    server = await startServer({ folder });
    const buf = new Buffer(server, uriOf(join(folder, 'lit.py')), LITERALS);
    await buf.open();
    const hints = await server.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: buf.uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } });
    assert.equal(hints?.length, 1);
    assert.match(String(hints![0].label), /= 0\.25\b/);
    assert.equal(hints![0].position.line, 3);
    const lenses = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: buf.uri } });
    assert.equal(lenses?.length, 1);
    assert.equal(lenses![0].command?.command, 'lossLens.openCalculator');
    assert.equal((lenses![0].command?.arguments?.[0] as { module: string }).module, 'MSELoss');
    server.settings = { inlineValues: { enable: false } };
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const off = async () => (await server.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: buf.uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } }))?.length;
    for (let i = 0; i < 100 && (await off()) !== 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await off(), 0, 'lossLens.inlineValues.enable false turns the hints off');
  });

  it('analyses notebook cells together: an import and a criterion in one cell reach the call in another', async () => {
    server = await startServer({ folder });
    const nb = uriOf(join(folder, 'nb.ipynb'));
    const cell = (i: number) => `vscode-notebook-cell:${join(folder, 'nb.ipynb')}#C${i}`;
    const [first, second] = [BCE.split('loss =')[0], 'loss = criterion(logits, torch.rand(8, 1))\n'];
    await server.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: { uri: nb, notebookType: 'jupyter-notebook', version: 1, cells: [{ kind: 2, document: cell(1) }, { kind: 2, document: cell(2) }] },
      cellTextDocuments: [
        { uri: cell(1), languageId: 'python', version: 1, text: first },
        { uri: cell(2), languageId: 'python', version: 1, text: second },
      ],
    });
    const [d] = await server.pushed(cell(2), has('LL101'), 'LL101 in the second cell');
    assert.equal(d.range.start.line, 0, 'ranges are in the cell, not the joined text');
    assert.deepEqual(server.diagnostics(cell(1)), []);
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: cell(1) }, position: positionOf(first, 'BCELoss', 2) });
    assert.match((hover?.contents as MarkupContent).value, /BCELoss/);
    await server.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: nb, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cell(2), version: 2 }, changes: [{ range: { start: { line: 0, character: 17 }, end: { line: 0, character: 23 } }, text: 'torch.sigmoid(logits)' }] }] } },
    });
    await server.pushed(cell(2), (x) => x.length === 0, 'no findings once the cell applies a sigmoid');
  });

  it('moves a finding to the cell that now holds the call when cells are added and removed', async () => {
    server = await startServer({ folder });
    const nb = uriOf(join(folder, 'nb.ipynb'));
    const cell = (i: number) => `vscode-notebook-cell:${join(folder, 'nb.ipynb')}#C${i}`;
    const call = 'loss = criterion(logits, torch.rand(8, 1))\n';
    await server.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: { uri: nb, notebookType: 'jupyter-notebook', version: 1, cells: [{ kind: 2, document: cell(1) }, { kind: 2, document: cell(2) }] },
      cellTextDocuments: [
        { uri: cell(1), languageId: 'python', version: 1, text: BCE.split('loss =')[0] },
        { uri: cell(2), languageId: 'python', version: 1, text: call },
      ],
    });
    await server.pushed(cell(2), has('LL101'), 'LL101 in the second cell');
    await server.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: nb, version: 2 },
      change: { cells: { structure: { array: { start: 1, deleteCount: 1, cells: [{ kind: 2, document: cell(3) }] }, didOpen: [{ uri: cell(3), languageId: 'python', version: 1, text: call }], didClose: [{ uri: cell(2) }] } } },
    });
    await server.pushed(cell(3), has('LL101'), 'LL101 in the new cell');
    await server.pushed(cell(2), (x) => x.length === 0, 'the removed cell cleared');
  });

  it('honours lossLens.rules.<slug> and lossLens.enable from workspace/configuration on didChangeConfiguration', async () => {
    server = await startServer({ folder });
    const buf = new Buffer(server, uriOf(join(folder, 'bce.py')), BCE);
    await buf.open();
    await server.pushed(buf.uri, has('LL101'), 'LL101');
    server.settings = { rules: { 'bce-on-logits': 'off' } };
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await server.pushed(buf.uri, lacks('LL101'), 'LL101 off');
    server.settings = { 'rules.bce-on-logits': 'warning' };
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const [d] = await server.pushed(buf.uri, has('LL101'), 'LL101 as a warning');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    server.settings = { enable: false };
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await server.pushed(buf.uri, (x) => x.length === 0, 'nothing with lossLens.enable false');
  });

  it('re-checks train.py when model.py changes in an open buffer, with related information pointing at model.py', async () => {
    server = await startServer({ folder });
    const train = new Buffer(server, uriOf(join(folder, 'train.py')), TRAIN);
    await train.open();
    const [d] = await server.pushed(train.uri, has('LL103'), 'LL103 from the softmax in model.py');
    assert.equal(d.relatedInformation?.[0].location.uri, uriOf(join(folder, 'model.py')));
    assert.equal(d.relatedInformation?.[0].location.range.start.line, 6);
    const model = new Buffer(server, uriOf(join(folder, 'model.py')), MODEL);
    await model.open();
    await model.replace(', nn.Softmax(dim=1)', '');
    await server.pushed(train.uri, lacks('LL103'), 'LL103 gone once model.py drops its softmax');
    await model.replace('nn.Linear(4, 3)', 'nn.Linear(4, 3), nn.Softmax(dim=1)');
    await server.pushed(train.uri, has('LL103'), 'LL103 back when the softmax returns');
  });

  it('re-checks train.py when model.py\'s buffer is reverted in one change event holding several edits (as VS Code reverts)', async () => {
    server = await startServer({ folder });
    const train = new Buffer(server, uriOf(join(folder, 'train.py')), TRAIN);
    await train.open();
    await server.pushed(train.uri, has('LL103'), 'LL103');
    const model = new Buffer(server, uriOf(join(folder, 'model.py')), MODEL);
    await model.open();
    await model.replace('nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1))', 'nn.Linear(4, 3)');
    await server.pushed(train.uri, lacks('LL103'), 'LL103 gone');
    // The revert: two insertions in one didChange, last first, as VS Code reports a minimal diff.
    const at = model.text.indexOf('nn.Linear(4, 3)');
    const pos = (offset: number) => model.doc.positionAt(offset);
    await model.edit([
      { range: { start: pos(at), end: pos(at) }, newText: 'nn.Sequential(' },
      { range: { start: pos(at + 'nn.Linear(4, 3)'.length), end: pos(at + 'nn.Linear(4, 3)'.length) }, newText: ', nn.Softmax(dim=1))' },
    ]);
    assert.equal(model.text, MODEL);
    await server.pushed(train.uri, has('LL103'), 'LL103 back after the revert');
  });

  it('re-checks train.py when model.py changes on disk (workspace/didChangeWatchedFiles)', async () => {
    server = await startServer({ folder });
    const train = new Buffer(server, uriOf(join(folder, 'train.py')), TRAIN);
    await train.open();
    await server.pushed(train.uri, has('LL103'), 'LL103');
    writeFileSync(join(folder, 'model.py'), MODEL.replace(', nn.Softmax(dim=1)', ''));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(join(folder, 'model.py')), type: FileChangeType.Changed }] });
    await server.pushed(train.uri, lacks('LL103'), 'LL103 gone after the disk change');
  });

  it('reports progress of the workspace listing, answers pulled diagnostics (with unchanged reports) and asks a pulling client to refresh when an import changes', async () => {
    const pull = capabilities({ textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } });
    server = await startServer({ folder, capabilities: pull });
    // The workspace-wide listing of Python files reports progress; results before its end may change with it.
    await server.progressEnded();
    assert.match(server.progress.titles[0], /Loss Lens/);
    const train = new Buffer(server, uriOf(join(folder, 'train.py')), TRAIN);
    await train.open();
    const report = (await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: train.uri } })) as DocumentDiagnosticReport & { items: Diagnostic[]; resultId: string };
    assert.equal(report.kind, 'full');
    assert.deepEqual(codes(report.items), ['LL103']);
    const again = await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: train.uri }, previousResultId: report.resultId });
    assert.equal(again.kind, 'unchanged');
    assert.equal(server.diagnostics(train.uri), undefined, 'a pulling client gets no pushes');
    const model = new Buffer(server, uriOf(join(folder, 'model.py')), MODEL);
    await model.open();
    const before = server.refreshes;
    await model.replace(', nn.Softmax(dim=1)', '');
    for (let i = 0; i < 100 && server.refreshes === before; i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(server.refreshes > before, 'workspace/diagnostic/refresh after model.py changed');
    const after = (await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: train.uri } })) as { items: Diagnostic[] };
    assert.deepEqual(after.items, []);
  });

  it('answers a request its client cancelled with RequestCancelled and keeps serving', async () => {
    const pull = capabilities({ textDocument: { diagnostic: { dynamicRegistration: false } } });
    server = await startServer({ folder, capabilities: pull });
    const buf = new Buffer(server, uriOf(join(folder, 'bce.py')), BCE);
    await buf.open();
    await buf.replace('rand(8, 1)', 'rand(8, 1) ');
    const source = new CancellationTokenSource();
    const pending = server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: buf.uri } }, source.token);
    source.cancel();
    const error = await rejection(pending);
    assert.equal(error.code, LSPErrorCodes.RequestCancelled);
    const report = (await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: buf.uri } })) as { items: Diagnostic[] };
    assert.deepEqual(codes(report.items), ['LL101']);
  });

  it('explains a rule on lossLens/explainRule in the configured language, null for an unknown code, InvalidParams without one', async () => {
    server = await startServer({ folder });
    const en = await server.connection.sendRequest<string | null>(EXPLAIN_RULE, { code: 'LL101' });
    assert.match(en ?? '', /^LL101 \(bce-on-logits\)/);
    assert.match(en ?? '', /## Why is this bad\?/);
    assert.equal(await server.connection.sendRequest(EXPLAIN_RULE, { code: 'LL999' }), null);
    const bad = await rejection(server.connection.sendRequest(EXPLAIN_RULE, { rule: 'LL101' }));
    assert.equal(bad.code, ErrorCodes.InvalidParams);
    assert.match(bad.message, /params\.code/);
    server.settings = { language: 'zh-cn' };
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    // The server reads the new settings (workspace/configuration) after the notification: ask until it has.
    let zh = '';
    for (let i = 0; i < 100 && !/为什么有问题/.test(zh); i++) {
      zh = (await server.connection.sendRequest<string | null>(EXPLAIN_RULE, { code: 'LL101' })) ?? '';
      if (!/为什么有问题/.test(zh)) await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(zh, /^LL101 \(bce-on-logits\)/);
    assert.match(zh, /为什么有问题/);
  });

  it('answers malformed requests with errors and keeps running', async () => {
    server = await startServer({ folder });
    const bad = await rejection(server.connection.sendRequest(HoverRequest.type, { position: { line: 0, character: 0 } } as never));
    assert.equal(bad.code, ErrorCodes.InvalidParams);
    assert.match(bad.message, /textDocument\.uri/);
    const unknown = await rejection(server.connection.sendRequest('lossLens/noSuchMethod', {}));
    assert.equal(unknown.code, ErrorCodes.MethodNotFound);
    // A body that is not JSON at all.
    server.child.stdin!.write('Content-Length: 9\r\n\r\n{"id": 1,');
    const buf = new Buffer(server, uriOf(join(folder, 'bce.py')), BCE);
    await buf.open();
    await server.pushed(buf.uri, has('LL101'), 'LL101 after the malformed messages');
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: buf.uri }, position: positionOf(BCE, 'BCELoss', 2) });
    assert.ok(hover);
  });

  it('offers to open the file that decided a cross-file finding, through window/showDocument', async () => {
    server = await startServer({ folder, capabilities: capabilities({ window: { showDocument: { support: true } } }) });
    const train = new Buffer(server, uriOf(join(folder, 'train.py')), TRAIN);
    await train.open();
    const [d] = await server.pushed(train.uri, has('LL103'), 'LL103');
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: train.uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const open = actions.find((a) => a.command?.command === 'lossLens.showRelated');
    assert.ok(open, JSON.stringify(actions.map((a) => a.title)));
    assert.match(open.title, /^Open model\.py:7 \(fix it there\)$/, 'the path relative to the workspace folder');
    await server.connection.sendRequest(ExecuteCommandRequest.type, { command: open.command!.command, arguments: open.command!.arguments });
    assert.equal(server.shown[0]?.uri, uriOf(join(folder, 'model.py')));
    assert.equal(server.shown[0]?.selection?.start.line, 6);
  });

  it('gives the VS Code client calculator links, the evaluate action and formula images in its theme', async () => {
    server = await startServer({ folder, initializationOptions: { calculator: true, formulaTheme: 'dark' } });
    const buf = new Buffer(server, uriOf(join(folder, 'lit.py')), LITERALS);
    await buf.open();
    const hoverText = async () => ((await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: buf.uri }, position: positionOf(LITERALS, 'mse_loss', 2) }))?.contents as MarkupContent).value;
    const dark = await hoverText();
    assert.match(dark, /command:lossLens\.openCalculator\?/);
    assert.match(dark, /data:image\/svg\+xml;base64,/);
    await server.connection.sendNotification('lossLens/setFormulaTheme', { theme: 'light' });
    const light = await hoverText();
    assert.match(light, /data:image\/svg\+xml;base64,/);
    assert.notEqual(light, dark, 'the light theme has its own images');
    const hints = await server.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: buf.uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } });
    assert.match((hints?.[0].tooltip as MarkupContent).value, /command:lossLens\.openCalculator\?/);
    const at = positionOf(LITERALS, 'mse_loss');
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: buf.uri }, range: { start: at, end: at }, context: { diagnostics: [] } })) as CodeAction[];
    const evaluate = actions.find((a) => a.command?.command === 'lossLens.openCalculator');
    assert.equal(evaluate?.title, 'Evaluate MSELoss in Loss Calculator');
    assert.deepEqual((evaluate?.command?.arguments?.[0] as { args: Record<string, string> }).args, { input: 'torch.tensor([1.0, 2.0])', target: 'torch.tensor([1.5, 2.5])' });
  });

  it('speaks Chinese when lossLens.language is zh-cn', async () => {
    server = await startServer({ folder, settings: { language: 'zh-cn' } });
    const buf = new Buffer(server, uriOf(join(folder, 'bce.py')), BCE);
    await buf.open();
    const [d] = await server.pushed(buf.uri, (x) => has('LL101')(x) && /[\u4e00-\u9fff]/.test(x[0].message), 'LL101 in Chinese');
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: buf.uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    assert.ok(actions.some((a) => a.title === '用 `# noqa: LL101` 抑制'), JSON.stringify(actions.map((a) => a.title)));
  });

  it('lists the Python files again when a workspace folder is added, and keeps answering', async () => {
    server = await startServer({ folder });
    await server.progressEnded(1);
    const other = join(folder, 'other');
    mkdirSync(other);
    await server.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: uriOf(other), name: 'other' }], removed: [] } });
    await server.progressEnded(2);
    const train = new Buffer(server, uriOf(join(folder, 'train.py')), TRAIN);
    await train.open();
    await server.pushed(train.uri, has('LL103'), 'LL103 after the folder change');
  });

  it('runs from dist/cli.js and the grammars alone, with no node_modules (as packaged)', async () => {
    const alone = join(folder, 'packaged');
    mkdirSync(alone);
    for (const f of ['cli.js', ...readdirSync(join(CLI, '..')).filter((n) => n.endsWith('.wasm'))]) copyFileSync(join(CLI, '..', f), join(alone, f));
    server = await startServer({ folder, cli: join(alone, 'cli.js') });
    const buf = new Buffer(server, uriOf(join(folder, 'bce.py')), BCE);
    await buf.open();
    await server.pushed(buf.uri, has('LL101'), 'LL101 from the copied bundle');
  });

  it('speaks over a Node IPC channel with --node-ipc, as the VS Code client starts it', async () => {
    const child = fork(CLI, ['server', '--node-ipc', `--clientProcessId=${process.pid}`], { cwd: folder, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const conn = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    try {
      const pushed = new Promise<Diagnostic[]>((resolve) => conn.onNotification(PublishDiagnosticsNotification.type, (p) => p.diagnostics.length > 0 && resolve(p.diagnostics)));
      conn.listen();
      const init = await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uriOf(folder), workspaceFolders: null, capabilities: {} });
      assert.equal(init.serverInfo?.name, 'loss-lens');
      await conn.sendNotification(InitializedNotification.type, {});
      await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf(join(folder, 'bce.py')), languageId: 'python', version: 1, text: BCE } });
      assert.deepEqual(codes(await pushed), ['LL101']);
    } finally {
      conn.dispose();
      child.kill();
    }
  });

  it('refuses to start without a transport, naming the choices', () => {
    const r = spawnSync(process.execPath, [CLI, 'server'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /expected exactly one of --stdio, --node-ipc; got none/);
    const bad = spawnSync(process.execPath, [CLI, 'server', '--stdio', '--port=3'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown argument "--port=3"/);
  });

  it('exits with code 0 after shutdown and exit', async () => {
    server = await startServer({ folder });
    assert.equal(await server.stop(), 0);
  });
});
