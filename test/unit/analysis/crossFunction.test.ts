import { checkProject, memoryHost, py, unlisted } from './checkProject';

/** One file's findings, through the same helper as the cross-file tests. */
const checkFile = (text: string, expected: readonly string[]) => checkProject({ '/p/train.py': text }, { '/p/train.py': expected });

const HEADER = ['import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', ''];
const SOFTMAX_MODEL = 'nn.Sequential(nn.Linear(8, 4), nn.Softmax(dim=1))';
const LOGITS_MODEL = 'nn.Sequential(nn.Linear(8, 4), nn.ReLU(), nn.Linear(4, 4))';

/** `train()` computing CrossEntropyLoss on whatever model it is given (the loss call is line 8). */
function trainCalledWith(...calls: string[]): string {
  return py(
    ...HEADER,
    '',
    'def train(model, loader, criterion):',
    '    for x, y in loader:',
    '        loss = criterion(model(x), y)',
    '        loss.backward()',
    '',
    '',
    ...calls,
  );
}

describe('cross-function: parameters take what their call sites pass', () => {
  describe('a function\'s parameters', () => {
    it('sees the model and criterion passed to `train(model, loader, criterion)` (LL103)', () =>
      checkFile(trainCalledWith(`model = ${SOFTMAX_MODEL}`, 'train(model, loader, nn.CrossEntropyLoss())'), ['8:LL103']));

    it('sees arguments passed by keyword', () =>
      checkFile(trainCalledWith(`train(loader=loader, criterion=nn.CrossEntropyLoss(), model=${SOFTMAX_MODEL})`), ['8:LL103']));

    it('says nothing when the passed model returns logits', () =>
      checkFile(trainCalledWith(`model = ${LOGITS_MODEL}`, 'train(model, loader, nn.CrossEntropyLoss())'), []));

    it('says nothing when two call sites disagree (one passes a softmax model, one a logits model)', () =>
      checkFile(
        trainCalledWith(
          `train(${SOFTMAX_MODEL}, loader, nn.CrossEntropyLoss())`,
          `train(${LOGITS_MODEL}, loader, nn.CrossEntropyLoss())`,
        ),
        [],
      ));

    it('reports when two call sites agree, sharing one criterion', () =>
      checkFile(
        trainCalledWith(
          'criterion = nn.CrossEntropyLoss()',
          `train(${SOFTMAX_MODEL}, loader, criterion)`,
          `train(${SOFTMAX_MODEL}, val_loader, criterion)`,
        ),
        ['8:LL103'],
      ));

    it('reports when two call sites agree, each building its own CrossEntropyLoss', () =>
      checkFile(
        trainCalledWith(
          `train(${SOFTMAX_MODEL}, loader, nn.CrossEntropyLoss())`,
          `train(${SOFTMAX_MODEL}, val_loader, nn.CrossEntropyLoss())`,
        ),
        ['8:LL103'],
      ));

    it('says nothing when a call site passes `*args`', () =>
      checkFile(trainCalledWith(`train(${SOFTMAX_MODEL}, loader, nn.CrossEntropyLoss())`, 'train(*args)'), []));

    it('says nothing when a call site passes `**kwargs`', () =>
      checkFile(trainCalledWith(`train(${SOFTMAX_MODEL}, loader, nn.CrossEntropyLoss())`, 'train(**kwargs)'), []));

    it('follows a model through two levels of calls', () =>
      checkFile(
        trainCalledWith(
          'def run(net):',
          '    train(net, loader, nn.CrossEntropyLoss())',
          '',
          '',
          `run(${SOFTMAX_MODEL})`,
        ),
        ['8:LL103'],
      ));

    it('sees the arguments of a method called on an instance (`Fitter().fit(model, criterion)`)', () =>
      checkFile(
        py(
          ...HEADER,
          '',
          'class Fitter:',
          '    def fit(self, model, criterion):',
          '        return criterion(model(x), y)',
          '',
          '',
          `Fitter().fit(${SOFTMAX_MODEL}, nn.CrossEntropyLoss())`,
        ),
        ['8:LL103'],
      ));

    it('says nothing when the function is never called', () => checkFile(trainCalledWith('pass'), []));

    it('ignores a method call of the same name on something else (`trainer.train(...)`)', () =>
      checkFile(trainCalledWith(`train(${SOFTMAX_MODEL}, loader, nn.CrossEntropyLoss())`, `trainer.train(${LOGITS_MODEL}, loader, nn.CrossEntropyLoss())`), ['8:LL103']));
  });

  describe('constructor arguments kept on self', () => {
    const trainer = (...calls: string[]) => py(
      ...HEADER,
      '',
      'class Trainer:',
      '    def __init__(self, model, criterion):',
      '        self.model = model',
      '        self.criterion = criterion',
      '',
      '    def step(self, x, y):',
      '        return self.criterion(self.model(x), y)',
      '',
      '',
      ...calls,
    );

    it('sees a criterion passed to `Trainer.__init__` and stored in `self.criterion` (LL101)', () =>
      checkFile(trainer('trainer = Trainer(nn.Linear(8, 1), nn.BCELoss())'), ['12:LL101']));

    it('says nothing when the stored criterion is BCEWithLogitsLoss', () =>
      checkFile(trainer('trainer = Trainer(nn.Linear(8, 1), nn.BCEWithLogitsLoss())'), []));

    it('says nothing when two Trainers are built with different criteria', () =>
      checkFile(trainer('a = Trainer(nn.Linear(8, 1), nn.BCELoss())', 'b = Trainer(nn.Linear(8, 1), nn.MSELoss())'), []));
  });

  describe('widths given at construction', () => {
    const net = (...calls: string[]) => py(
      ...HEADER,
      '',
      'class Net(nn.Module):',
      '    def __init__(self, num_classes=10):',
      '        super().__init__()',
      '        self.fc = nn.Linear(16, num_classes)',
      '',
      '    def forward(self, x):',
      '        return self.fc(x)',
      '',
      '',
      ...calls,
    );

    it('gives `Net(num_classes=1)` a one-unit head (LL107)', () =>
      checkFile(net('model = Net(num_classes=1)', 'loss = nn.CrossEntropyLoss()(model(x), y)'), ['16:LL107']));

    it('gives a positional width too: `Net(1)`', () =>
      checkFile(net('model = Net(1)', 'loss = nn.CrossEntropyLoss()(model(x), y)'), ['16:LL107']));

    it('says nothing for `Net(num_classes=10)` or the default', async () => {
      await checkFile(net('model = Net(num_classes=10)', 'loss = nn.CrossEntropyLoss()(model(x), y)'), []);
      await checkFile(net('model = Net()', 'loss = nn.CrossEntropyLoss()(model(x), y)'), []);
    });

    it('uses the default width when no call passes one: `def __init__(self, num_classes=1)`', () =>
      checkFile(net('model = Net()', 'loss = nn.CrossEntropyLoss()(model(x), y)').replace('num_classes=10', 'num_classes=1'), ['16:LL107']));

    it('says nothing when two constructions disagree on the width', () =>
      checkFile(net('model = Net(num_classes=1)', 'other = Net(num_classes=5)', 'loss = nn.CrossEntropyLoss()(model(x), y)'), []));
  });

  describe('parameter defaults', () => {
    const evaluate = (...calls: string[]) => py(
      ...HEADER,
      '',
      'def evaluate(model, batches, metric_fn=nn.L1Loss):',
      '    total = 0.0',
      '    for x, y in batches:',
      '        total += metric_fn(model(x), y)',
      '    return total',
      '',
      '',
      ...calls,
    );

    it('sees a loss class left as the default of `metric_fn` and called with tensors (LL303)', () =>
      checkFile(evaluate('evaluate(nn.Linear(8, 1), batches)'), ['9:LL303']));

    it('says nothing when every call passes an instance for the default', () =>
      checkFile(evaluate('evaluate(nn.Linear(8, 1), batches, metric_fn=nn.L1Loss())'), []));

    it('says nothing when one call relies on the default and another passes an instance', () =>
      checkFile(evaluate('evaluate(nn.Linear(8, 1), batches)', 'evaluate(nn.Linear(8, 1), batches, nn.L1Loss())'), []));
  });
});

describe('cross-file call sites', () => {
  const engine = py(
    'def train_one_epoch(model, loader, criterion):',
    '    for x, y in loader:',
    '        loss = criterion(model(x), y)',
    '        loss.backward()',
  );
  const main = (importLine: string, call: string, loss = 'nn.BCELoss()') => py(
    'import torch.nn as nn',
    importLine,
    '',
    'model = nn.Linear(16, 1)',
    `${call}(model, loader, ${loss})`,
  );

  it('reports in engine.py a BCELoss and a logits model passed from main.py (LL101)', () =>
    checkProject(
      { '/p/engine.py': engine, '/p/main.py': main('from engine import train_one_epoch', 'train_one_epoch') },
      { '/p/engine.py': ['3:LL101'] },
    ));

  it('finds a caller that goes through a module alias (`import engine as E` then `E.train_one_epoch(...)`)', () =>
    checkProject(
      { '/p/engine.py': engine, '/p/main.py': main('import engine as E', 'E.train_one_epoch') },
      { '/p/engine.py': ['3:LL101'] },
    ));

  it('sees a Trainer of engine.py built in main.py with a BCELoss stored on self (LL101 in engine.py)', () =>
    checkProject(
      {
        '/p/engine.py': py(
          'class Trainer:',
          '    def __init__(self, model, criterion):',
          '        self.model = model',
          '        self.criterion = criterion',
          '',
          '    def step(self, x, y):',
          '        return self.criterion(self.model(x), y)',
        ),
        '/p/main.py': py('import torch.nn as nn', 'from engine import Trainer', '', 'trainer = Trainer(nn.Linear(16, 1), nn.BCELoss())'),
      },
      { '/p/engine.py': ['7:LL101'] },
    ));

  const headNet = py(
    'import torch.nn as nn',
    '',
    '',
    'class Net(nn.Module):',
    '    def __init__(self, num_classes=10):',
    '        super().__init__()',
    '        self.fc = nn.Linear(16, num_classes)',
    '',
    '    def forward(self, x):',
    '        return self.fc(x)',
  );
  const headTrain = (build: string) => py(
    'import torch.nn as nn',
    'from models.net import Net',
    '',
    `model = ${build}`,
    'loss = nn.CrossEntropyLoss()(model(x), y)',
  );

  it('gives a class of models/net.py the width train.py builds it with: `Net(num_classes=1)` (LL107 in train.py)', () =>
    checkProject({ '/p/models/net.py': headNet, '/p/train.py': headTrain('Net(num_classes=1)') }, { '/p/train.py': ['5:LL107'] }));

  it('says nothing for `Net(num_classes=3)` built in train.py', () =>
    checkProject({ '/p/models/net.py': headNet, '/p/train.py': headTrain('Net(num_classes=3)') }, {}));

  it('says nothing when another file builds the same class with another width', () =>
    checkProject(
      { '/p/models/net.py': headNet, '/p/train.py': headTrain('Net(num_classes=1)'), '/p/eval.py': py('from models.net import Net', '', 'model = Net(num_classes=5)') },
      {},
    ));

  it('says nothing without a host that lists the project\'s files', () => {
    const files = { '/p/engine.py': engine, '/p/main.py': main('from engine import train_one_epoch', 'train_one_epoch') };
    return checkProject(files, {}, { host: unlisted(memoryHost(files)) });
  });

  it('says nothing when main.py passes BCEWithLogitsLoss', () =>
    checkProject({ '/p/engine.py': engine, '/p/main.py': main('from engine import train_one_epoch', 'train_one_epoch', 'nn.BCEWithLogitsLoss()') }, {}));

  it('says nothing when callers in two files disagree', () =>
    checkProject(
      {
        '/p/engine.py': engine,
        '/p/main.py': main('from engine import train_one_epoch', 'train_one_epoch'),
        '/p/finetune.py': main('from engine import train_one_epoch', 'train_one_epoch', 'nn.BCEWithLogitsLoss()'),
      },
      {},
    ));

  it('ignores a same-named function defined in another file, and a call that resolves to another module', () =>
    checkProject(
      {
        '/p/engine.py': engine,
        '/p/main.py': main('from engine import train_one_epoch', 'train_one_epoch'),
        '/p/other.py': py('import torch.nn as nn', '', '', 'def train_one_epoch(model, loader, criterion):', '    pass', '', '', 'train_one_epoch(nn.Linear(4, 1), loader, nn.MSELoss())'),
        '/p/third.py': main('from other import train_one_epoch', 'train_one_epoch', 'nn.MSELoss()'),
      },
      { '/p/engine.py': ['3:LL101'] },
    ));

  it('says nothing when a caller in another file can\'t be told apart (a star import of the module)', () =>
    checkProject(
      {
        '/p/engine.py': engine,
        '/p/main.py': main('from engine import train_one_epoch', 'train_one_epoch'),
        '/p/legacy.py': main('from engine import *', 'train_one_epoch', 'nn.MSELoss()'),
      },
      {},
    ));

  it('ignores a same-named call in a file that does not import the module (an unresolved star import can\'t bring it in)', () =>
    checkProject(
      {
        '/p/engine.py': engine,
        '/p/main.py': main('from engine import train_one_epoch', 'train_one_epoch'),
        '/p/legacy.py': main('from somewhere.unknown import *', 'train_one_epoch', 'nn.MSELoss()'),
      },
      { '/p/engine.py': ['3:LL101'] },
    ));
});

describe('layer names', () => {
  const model = (attr: string, layer: string) => py(
    ...HEADER,
    '',
    'class Net(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.fc = nn.Linear(16, 10)',
    `        self.${attr} = ${layer}`,
    '',
    '    def forward(self, x):',
    `        return self.${attr}(self.fc(x))`,
    '',
    '',
    'model = Net()',
    'loss = nn.NLLLoss()(model(x), y)',
  );

  it('goes by what `self.softmax` was built as: `nn.LogSoftmax(dim=1)` feeding NLLLoss is silent', () =>
    checkFile(model('softmax', 'nn.LogSoftmax(dim=1)'), []));

  it('goes by what `self.log_softmax` was built as: `nn.Softmax(dim=1)` feeding NLLLoss is LL104', () =>
    checkFile(model('log_softmax', 'nn.Softmax(dim=1)'), ['17:LL104']));
});
