import * as assert from 'node:assert/strict';
import { analyze, Workspace, type DocumentAnalysis } from '../../../src/analysis';
import { codes, memoryHost, py, type Project } from './checkProject';
import { testGrammar } from './grammar';

const SOFTMAX = 'F.softmax(self.fc(x), dim=1)';
const NET = py(
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  '',
  '',
  'class Net(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc = nn.Linear(16, 10)',
  '    def forward(self, x):',
  `        return ${SOFTMAX}`,
);
const TRAIN = py(
  'import torch.nn as nn',
  'from models.net import Net',
  '',
  'model = Net()',
  'criterion = nn.CrossEntropyLoss()',
  'loss = criterion(model(x), y)',
);
const DISK: Project = { '/p/models/net.py': NET, '/p/train.py': TRAIN };

/** Everything about a document's findings that an editor shows. */
function summary(doc: DocumentAnalysis): string[] {
  return analyze(doc).map((d) => `${d.start}-${d.end} ${d.code} ${d.message} | ${JSON.stringify(d.fixes)}`);
}

/** The findings of `/p/train.py` in a new workspace where net.py has `netText`. */
async function fresh(netText: string): Promise<string[]> {
  const ws = new Workspace(await testGrammar(), memoryHost({ ...DISK, '/p/models/net.py': netText }), ['/p']);
  try {
    return summary(ws.document('/p/train.py')!);
  } finally {
    ws.dispose();
  }
}

describe('workspace: edits of one module reach the documents that import it', () => {
  it('drops LL103 from the already analysed train.py when net.py\'s softmax becomes raw logits, and brings it back on undo', async () => {
    const ws = new Workspace(await testGrammar(), memoryHost(DISK), ['/p']);
    try {
      const train = ws.document('/p/train.py')!;
      assert.deepEqual(codes(TRAIN, analyze(train)), ['6:LL103']);
      ws.open('/p/models/net.py', NET);
      assert.deepEqual(codes(TRAIN, analyze(train)), ['6:LL103'], 'opening an unchanged buffer changes nothing');

      const at = NET.indexOf(SOFTMAX);
      ws.edit('/p/models/net.py', [{ start: at, end: at + SOFTMAX.length, text: 'self.fc(x)' }]);
      const logitsNet = NET.replace(SOFTMAX, 'self.fc(x)');
      assert.deepEqual(codes(TRAIN, analyze(train)), []);
      assert.deepEqual(summary(train), await fresh(logitsNet));

      ws.edit('/p/models/net.py', [{ start: at, end: at + 'self.fc(x)'.length, text: SOFTMAX }]);
      assert.deepEqual(codes(TRAIN, analyze(train)), ['6:LL103']);
      assert.deepEqual(summary(train), await fresh(NET));
    } finally {
      ws.dispose();
    }
  });

  it('follows edits made one keystroke at a time, matching a fresh workspace after each', async () => {
    const ws = new Workspace(await testGrammar(), memoryHost(DISK), ['/p']);
    try {
      const train = ws.document('/p/train.py')!;
      ws.open('/p/models/net.py', NET);
      analyze(train);
      // Rename `softmax` to `log_softmax` character by character, then undo it the same way.
      let text = NET;
      const at = NET.indexOf('softmax(');
      const steps: { start: number; end: number; text: string }[] = [...'log_'].map((c, i) => ({ start: at + i, end: at + i, text: c }));
      steps.push(...[...'log_'].map(() => ({ start: at, end: at + 1, text: '' })));
      for (const step of steps) {
        ws.edit('/p/models/net.py', [step]);
        text = text.slice(0, step.start) + step.text + text.slice(step.end);
        assert.deepEqual(summary(train), await fresh(text), `after net.py became: ${text.split('\n')[9]}`);
      }
      assert.equal(text, NET);
      assert.deepEqual(codes(TRAIN, analyze(train)), ['6:LL103']);
    } finally {
      ws.dispose();
    }
  });

  it('goes back to the file on disk when the buffer closes', async () => {
    const ws = new Workspace(await testGrammar(), memoryHost(DISK), ['/p']);
    try {
      const train = ws.document('/p/train.py')!;
      ws.open('/p/models/net.py', NET.replace(SOFTMAX, 'self.fc(x)'));
      assert.deepEqual(codes(TRAIN, analyze(train)), []);
      ws.close('/p/models/net.py');
      assert.deepEqual(codes(TRAIN, analyze(train)), ['6:LL103']);
    } finally {
      ws.dispose();
    }
  });

  it('sees a new text of net.py given by `load` (as the CLI does after --fix), without an editor buffer', async () => {
    const ws = new Workspace(await testGrammar(), memoryHost(DISK), ['/p']);
    try {
      const train = ws.load('/p/train.py', TRAIN);
      assert.deepEqual(codes(TRAIN, analyze(train)), ['6:LL103']);
      ws.load('/p/models/net.py', NET.replace(SOFTMAX, 'self.fc(x)'));
      assert.deepEqual(codes(TRAIN, analyze(train)), []);
      ws.load('/p/models/net.py', NET);
      assert.deepEqual(codes(TRAIN, analyze(train)), ['6:LL103']);
    } finally {
      ws.dispose();
    }
  });

  it('sees a module appear on disk after an unresolved import was analysed', async () => {
    const files: Record<string, string> = { '/p/train.py': TRAIN };
    const ws = new Workspace(await testGrammar(), memoryHost(files), ['/p']);
    try {
      const train = ws.document('/p/train.py')!;
      assert.deepEqual(codes(TRAIN, analyze(train)), []);
      files['/p/models/net.py'] = NET;
      ws.created('/p/models/net.py');
      assert.deepEqual(codes(TRAIN, analyze(train)), ['6:LL103']);
    } finally {
      ws.dispose();
    }
  });

  it('drops the finding when the imported module is deleted from disk', async () => {
    const files: Record<string, string> = { ...DISK };
    const ws = new Workspace(await testGrammar(), memoryHost(files), ['/p']);
    try {
      const train = ws.document('/p/train.py')!;
      assert.deepEqual(codes(TRAIN, analyze(train)), ['6:LL103']);
      delete files['/p/models/net.py'];
      ws.deleted('/p/models/net.py');
      assert.deepEqual(codes(TRAIN, analyze(train)), []);
    } finally {
      ws.dispose();
    }
  });

  it('updates a caller-driven finding in engine.py when main.py, the file that calls it, is edited', async () => {
    const engine = py(
      'def train_one_epoch(model, loader, criterion):',
      '    for x, y in loader:',
      '        loss = criterion(model(x), y)',
    );
    const main = py(
      'import torch.nn as nn',
      'from engine import train_one_epoch',
      '',
      'train_one_epoch(nn.Linear(16, 1), loader, nn.BCELoss())',
    );
    const ws = new Workspace(await testGrammar(), memoryHost({ '/p/engine.py': engine, '/p/main.py': main }), ['/p']);
    try {
      const doc = ws.document('/p/engine.py')!;
      assert.deepEqual(codes(engine, analyze(doc)), ['3:LL101']);
      ws.open('/p/main.py', main);
      const at = main.indexOf('BCELoss');
      ws.edit('/p/main.py', [{ start: at, end: at + 'BCELoss'.length, text: 'BCEWithLogitsLoss' }]);
      assert.deepEqual(codes(engine, analyze(doc)), []);
      ws.edit('/p/main.py', [{ start: at, end: at + 'BCEWithLogitsLoss'.length, text: 'BCELoss' }]);
      assert.deepEqual(codes(engine, analyze(doc)), ['3:LL101']);
    } finally {
      ws.dispose();
    }
  });

  it('sees a new caller file of engine.py appear on disk', async () => {
    const engine = py(
      'def train_one_epoch(model, loader, criterion):',
      '    for x, y in loader:',
      '        loss = criterion(model(x), y)',
    );
    const files: Record<string, string> = { '/p/engine.py': engine };
    const ws = new Workspace(await testGrammar(), memoryHost(files), ['/p']);
    try {
      const doc = ws.document('/p/engine.py')!;
      assert.deepEqual(codes(engine, analyze(doc)), []);
      files['/p/main.py'] = py('import torch.nn as nn', 'from engine import train_one_epoch', '', 'train_one_epoch(nn.Linear(16, 1), loader, nn.BCELoss())');
      ws.created('/p/main.py');
      assert.deepEqual(codes(engine, analyze(doc)), ['3:LL101']);
    } finally {
      ws.dispose();
    }
  });

  it('sees a call typed into an open file that did not call engine.py before', async () => {
    const engine = py(
      'def train_one_epoch(model, loader, criterion):',
      '    for x, y in loader:',
      '        loss = criterion(model(x), y)',
    );
    const before = py('import torch.nn as nn', 'from engine import train_one_epoch', '');
    const call = 'train_one_epoch(nn.Linear(16, 1), loader, nn.BCELoss())\n';
    const ws = new Workspace(await testGrammar(), memoryHost({ '/p/engine.py': engine, '/p/main.py': before }), ['/p']);
    try {
      const doc = ws.document('/p/engine.py')!;
      assert.deepEqual(codes(engine, analyze(doc)), []);
      ws.open('/p/main.py', before);
      ws.edit('/p/main.py', [{ start: before.length, end: before.length, text: call }]);
      assert.deepEqual(codes(engine, analyze(doc)), ['3:LL101']);
    } finally {
      ws.dispose();
    }
  });
  it('stops counting a caller whose call is deleted, and counts it again when typed back, among several callers', async () => {
    const engine = py(
      'def train_one_epoch(model, loader, criterion):',
      '    for x, y in loader:',
      '        loss = criterion(model(x), y)',
    );
    const call = 'train_one_epoch(nn.Linear(16, 1), loader, nn.BCELoss())\n';
    const main = py('import torch.nn as nn', 'from engine import train_one_epoch', '') + call;
    // Files on either side of main.py calling some of the names it calls: it goes back between them.
    const a = py('from engine import train_one_epoch', 'import torch.nn as nn', '', 'head = nn.Linear(4, 2)');
    const z = py('from engine import train_one_epoch', 'import torch.nn as nn', '', 'print(train_one_epoch, nn.Linear(2, 2))');
    const files = { '/p/a.py': a, '/p/engine.py': engine, '/p/main.py': main, '/p/z.py': z };
    const ws = new Workspace(await testGrammar(), memoryHost(files), ['/p']);
    try {
      const doc = ws.document('/p/engine.py')!;
      assert.deepEqual(codes(engine, analyze(doc)), ['3:LL101']);
      ws.open('/p/main.py', main);
      const at = main.indexOf(call);
      ws.edit('/p/main.py', [{ start: at, end: at + call.length, text: '' }]);
      assert.deepEqual(codes(engine, analyze(doc)), []);
      ws.edit('/p/main.py', [{ start: at, end: at, text: call }]);
      assert.deepEqual(codes(engine, analyze(doc)), ['3:LL101']);
      ws.edit('/p/main.py', [{ start: at, end: at + call.length, text: call.replace('BCELoss', 'BCEWithLogitsLoss') }]);
      assert.deepEqual(codes(engine, analyze(doc)), []);
    } finally {
      ws.dispose();
    }
  });
});
