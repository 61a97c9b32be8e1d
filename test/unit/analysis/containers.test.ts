import { checkProject, py } from './checkProject';

const checkFile = (text: string, expected: readonly string[]) => checkProject({ '/p/train.py': text }, { '/p/train.py': expected });

/** Lines 1–7: imports and a one-logit model. */
const HEADER = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'from torch.utils.data import DataLoader, Dataset, TensorDataset',
  '',
  'model = nn.Linear(8, 1)',
  'X = torch.randn(100, 8)',
];

describe('containers: what iterating a value gives', () => {
  describe('DataLoader over TensorDataset', () => {
    const loop = (labels: string, over = 'DataLoader(TensorDataset(X, Y), batch_size=4)') => py(
      ...HEADER,
      `Y = ${labels}`,
      `for x, y in ${over}:`,
      '    loss = nn.BCEWithLogitsLoss()(model(x), y)',
    );

    it('carries integer labels to the batches: `for x, y in DataLoader(TensorDataset(X, Y_long))` (LL202)', () =>
      checkFile(loop('torch.randint(0, 2, (100, 1))'), ['10:LL202']));

    it('says nothing for float labels', () => checkFile(loop('torch.randint(0, 2, (100, 1)).float()'), []));

    it('sees through a loader bound to a name and `enumerate`', () =>
      checkFile(
        py(
          ...HEADER,
          'Y = torch.zeros(100, 1, dtype=torch.long)',
          'loader = DataLoader(TensorDataset(X, Y), batch_size=4, shuffle=True)',
          'for step, (x, y) in enumerate(loader):',
          '    loss = nn.BCEWithLogitsLoss()(model(x), y)',
        ),
        ['11:LL202'],
      ));

    it('sees through `next(iter(loader))`', () =>
      checkFile(
        py(
          ...HEADER,
          'Y = torch.zeros(100, 1, dtype=torch.long)',
          'loader = DataLoader(TensorDataset(X, Y), batch_size=4)',
          'x, y = next(iter(loader))',
          'loss = nn.BCEWithLogitsLoss()(model(x), y)',
        ),
        ['11:LL202'],
      ));

    it('takes the batches from a `collate_fn`', () =>
      checkFile(
        py(
          ...HEADER,
          '',
          '',
          'def collate(items):',
          '    return torch.stack([i[0] for i in items]), torch.tensor([i[1] for i in items], dtype=torch.long)',
          '',
          '',
          'for x, y in DataLoader(dataset, batch_size=4, collate_fn=collate):',
          '    loss = nn.BCEWithLogitsLoss()(model(x), y)',
        ),
        ['15:LL202'],
      ));

    it('gives a `collate_fn` the samples: `zip(*batch)` columns keep what each part of a sample holds', () =>
      checkFile(
        py(
          ...HEADER,
          'Y = torch.zeros(100, 1, dtype=torch.long)',
          '',
          '',
          'def collate(batch):',
          '    xs, ys = zip(*batch)',
          '    return torch.stack(xs), torch.stack(ys)',
          '',
          '',
          'for x, y in DataLoader(TensorDataset(X, Y), batch_size=4, collate_fn=collate):',
          '    loss = nn.BCEWithLogitsLoss()(model(x), y)',
        ),
        ['17:LL202'],
      ));

    it('says nothing about `zip(*batch)` columns when the samples are unknown', () =>
      checkFile(
        py(
          ...HEADER,
          '',
          '',
          'def collate(batch):',
          '    xs, ys = zip(*batch)',
          '    return torch.stack(xs), torch.stack(ys)',
          '',
          '',
          'for x, y in DataLoader(dataset, batch_size=4, collate_fn=collate):',
          '    loss = nn.BCEWithLogitsLoss()(model(x), y)',
        ),
        [],
      ));

    it('says nothing when the dataset can\'t be followed (`DataLoader(*parts)`)', () =>
      checkFile(loop('torch.zeros(100, 1, dtype=torch.long)', 'DataLoader(TensorDataset(*parts))'), []));
  });

  describe('Dataset classes', () => {
    const dataset = (target: string) => py(
      ...HEADER,
      '',
      '',
      'class Pairs(Dataset):',
      '    def __init__(self, x, y):',
      '        self.x, self.y = x, y',
      '',
      '    def __len__(self):',
      '        return len(self.x)',
      '',
      '    def __getitem__(self, i):',
      `        return self.x[i], ${target}`,
      '',
      '',
      'classifier = nn.Linear(8, 10)',
      'for x, y in DataLoader(Pairs(X, labels), batch_size=4):',
      '    loss = nn.CrossEntropyLoss()(classifier(x), y)',
    );

    it('sees a one-hot target returned by `__getitem__` fed to CrossEntropyLoss (LL201)', () =>
      checkFile(dataset('F.one_hot(self.y[i], num_classes=10)'), ['23:LL201']));

    it('sees a Dataset class imported from another file (data.py)', () =>
      checkProject(
        {
          '/p/data.py': py(
            'import torch.nn.functional as F',
            'from torch.utils.data import Dataset',
            '',
            '',
            'class Pairs(Dataset):',
            '    def __getitem__(self, i):',
            '        return self.x[i], F.one_hot(self.y[i], num_classes=10)',
          ),
          '/p/train.py': py(
            'import torch.nn as nn',
            'from torch.utils.data import DataLoader, random_split',
            'from data import Pairs',
            '',
            'classifier = nn.Linear(8, 10)',
            'train_set, val_set = random_split(Pairs(), [80, 20])',
            'for x, y in DataLoader(train_set, batch_size=4):',
            '    loss = nn.CrossEntropyLoss()(classifier(x), y)',
          ),
        },
        { '/p/train.py': ['8:LL201'] },
      ));

    it('says nothing when `__getitem__` returns the class index', () => checkFile(dataset('self.y[i]'), []));
  });

  describe('lists', () => {
    const stacked = (item: string) => py(
      ...HEADER,
      'classifier = nn.Linear(8, 10)',
      'outputs = []',
      'for x in chunks:',
      `    outputs.append(${item})`,
      'loss = nn.CrossEntropyLoss()(torch.stack(outputs), y)',
    );

    it('sees a list filled by `append(F.softmax(...))`, stacked and fed to CrossEntropyLoss (LL103)', () =>
      checkFile(stacked('F.softmax(classifier(x), dim=1)'), ['12:LL103']));

    it('sees `torch.cat` of such a list too', () =>
      checkFile(stacked('F.softmax(classifier(x), dim=1)').replace('torch.stack(', 'torch.cat('), ['12:LL103']));

    it('says nothing when the appended items are logits', () => checkFile(stacked('classifier(x)'), []));

    it('says nothing when the appended items disagree', () =>
      checkFile(stacked('F.softmax(classifier(x), dim=1)').replace('for x in chunks:', 'outputs.append(classifier(X))\nfor x in chunks:'), []));

    it('sees a list comprehension of softmax outputs', () =>
      checkFile(
        py(...HEADER, 'classifier = nn.Linear(8, 10)', 'probs = torch.stack([F.softmax(classifier(x), dim=1) for x in chunks])', 'loss = F.cross_entropy(probs, y)'),
        ['10:LL103'],
      ));
  });

  describe('generators', () => {
    const gen = (target: string) => py(
      ...HEADER,
      '',
      '',
      'def batches(n):',
      '    for _ in range(n):',
      `        yield torch.randn(4, 8), ${target}`,
      '',
      '',
      'for x, y in batches(10):',
      '    loss = F.binary_cross_entropy_with_logits(model(x), y)',
    );

    it('sees the batches a generator function yields (integer targets: LL202)', () =>
      checkFile(gen('torch.randint(0, 2, (4, 1))'), ['16:LL202']));

    it('says nothing when the generator yields float targets', () => checkFile(gen('torch.rand(4, 1).round()'), []));

    it('says nothing when the generator only delegates (`yield from`)', () =>
      checkFile(gen('torch.randint(0, 2, (4, 1))').replace('yield torch.randn(4, 8), torch.randint(0, 2, (4, 1))', 'yield from source()'), []));
  });
});

describe('containers: lists filled by append, pairs and in-place fills', () => {
  const ranking = (fill: string, dtype = 'torch.float32') => py(
    ...HEADER,
    'def prefs_of(rows):',
    '    users, prefs = [], []',
    '    for r in rows:',
    '        users.append(r.user)',
    `        prefs.append(${fill})`,
    `    return torch.tensor(prefs, dtype=${dtype})`,
    'pref = prefs_of(rows)',
    'loss = nn.MarginRankingLoss()(model(X), model(X), pref)',
  );

  it('follows `xs, ys = [], []` then `ys.append(1.0 if … else 0.0)` into `torch.tensor(ys)` (LL203)', () =>
    checkFile(ranking('1.0 if r.a > r.b else 0.0'), ['15:LL203']));

  it('reads `float(a > b)` as a 0/1 label (LL203)', () => checkFile(ranking('float(r.a > r.b)'), ['15:LL203']));

  it('says nothing when the appended labels are ±1', () => checkFile(ranking('1.0 if r.a > r.b else -1.0'), []));

  it('says nothing when what is appended is not known', () => checkFile(ranking('r.pref'), []));

  it('follows `self.labels = []` filled by `self.labels.append(…)` in another method of the class (LL202)', () =>
    checkFile(
      py(
        ...HEADER,
        'class Pairs(Dataset):',
        '    def __init__(self, rows):',
        '        self.labels = []',
        '        for r in rows:',
        '            self.add(r)',
        '    def add(self, r):',
        '        self.labels.append(1 if r.same else 0)',
        '    def __getitem__(self, i):',
        '        return X[i], torch.tensor(self.labels[i])',
        'for x, y in DataLoader(Pairs(rows), batch_size=4):',
        '    loss = nn.BCEWithLogitsLoss()(model(x), y)',
      ),
      ['18:LL202'],
    ));

  const pairs = (second: string) => py(
    ...HEADER,
    'def make_pairs(rows):',
    '    pairs = []',
    '    for i, r in enumerate(rows):',
    '        if i % 2:',
    '            pairs.append((r.a, r.b, 1))',
    '        else:',
    `            pairs.append((r.a, r.c, ${second}))`,
    '    return pairs',
    'class FacePairs(Dataset):',
    '    def __init__(self, rows):',
    '        self.pairs = make_pairs(rows)',
    '    def __getitem__(self, idx):',
    '        a, b, same = self.pairs[idx]',
    '        return a, b, torch.tensor(same, dtype=torch.float32)',
    'for a, b, label in DataLoader(FacePairs(rows), batch_size=64):',
    '    loss = nn.CosineEmbeddingLoss()(model(a), model(b), label)',
  );

  it('merges pairs appended in two branches element by element: labels 1 and 0 are {0, 1} labels (LL203)', () =>
    checkFile(pairs('0'), ['23:LL203']));

  it('says nothing when the second branch labels its pairs -1', () => checkFile(pairs('-1'), []));

  it('says nothing when the labels are 1 and 2 (not a pair of 0/1 labels)', () => checkFile(pairs('2'), []));

  const gan = (label: string, fill: string) => py(
    ...HEADER,
    'D = nn.Sequential(nn.Linear(8, 1), nn.Sigmoid())',
    'criterion = nn.BCELoss()',
    `label = ${label}`,
    'loss_real = criterion(D(X).view(-1), label)',
    `label.fill_(${fill})`,
    'loss_fake = criterion(D(X).view(-1), label)',
  );

  it('keeps an int64 label tensor int64 through `label.fill_(0)` (LL202 twice)', () =>
    checkFile(gan('torch.full((100,), 1, dtype=torch.long)', '0'), ['11:LL202', '13:LL202']));

  it('says nothing for a float label tensor filled in place', () => checkFile(gan('torch.full((100,), 1.0)', '0.0'), []));
});

describe('layers: the output width of a convolution is its channel count', () => {
  const seg = (channels: string) => py(
    ...HEADER,
    `net = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, ${channels}, kernel_size=1))`,
    'loss = nn.CrossEntropyLoss()(net(images), masks)',
  );

  it('flags CrossEntropyLoss on a one-channel segmentation head (LL107)', () => checkFile(seg('1'), ['9:LL107']));

  it('says nothing for two channels', () => checkFile(seg('2'), []));

  it('reads `out_channels=` given by keyword', () => checkFile(seg('out_channels=1'), ['9:LL107']));
});

describe('dicts: item assignments', () => {
  const heads = (assign: string) => py(
    ...HEADER,
    'class Multi(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.heads = nn.ModuleDict({k: nn.Linear(8, 1) for k in ["toxic", "spam"]})',
    '    def forward(self, x):',
    '        out = {k: head(x) for k, head in self.heads.items()}',
    `        ${assign}`,
    '        return out',
    'net = Multi()',
    'outputs = net(X)',
    'loss = nn.BCEWithLogitsLoss()(outputs["toxic"], y)',
  );

  it('sees `out["toxic"] = torch.sigmoid(out["toxic"])` in forward from the loss call on outputs["toxic"] (LL102)', () =>
    checkFile(heads('out["toxic"] = torch.sigmoid(out["toxic"])'), ['18:LL102']));

  it('says nothing when another key was passed through the sigmoid', () => checkFile(heads('out["spam"] = torch.sigmoid(out["spam"])'), []));

  it('says nothing when the assignment may not run and the values disagree', () =>
    checkFile(heads('if self.training: out["toxic"] = torch.sigmoid(out["toxic"])'), []));

  it('reads a registry filled by item assignments at module level (LL101)', () =>
    checkFile(
      py(
        ...HEADER,
        'LOSSES = {}',
        'LOSSES["bce"] = nn.BCELoss',
        'LOSSES["mse"] = nn.MSELoss',
        'def train(x, y):',
        '    return LOSSES["bce"]()(model(x), y)',
      ),
      ['12:LL101'],
    ));

  it('uses the value a key held before a later assignment', () =>
    checkFile(
      py(
        ...HEADER,
        'outs = {"real": model(X)}',
        'loss = nn.BCELoss()(outs["real"], y)',
        'outs["real"] = torch.sigmoid(outs["real"])',
      ),
      ['9:LL101'],
    ));
});

describe('Lightning: a step method gets the batches of its stage', () => {
  const module = (extra: string[], main: string[]) => py(
    ...HEADER,
    'import pytorch_lightning as pl',
    'Y = torch.randint(0, 2, (100, 1))',
    'class Clf(pl.LightningModule):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.net = nn.Linear(8, 1)',
    '    def training_step(self, batch, batch_idx):',
    '        x, y = batch',
    '        return F.binary_cross_entropy_with_logits(self.net(x), y)',
    ...extra,
    ...main,
  );

  it('reads the loader given to `trainer.fit(model, train_dl)` (LL202)', () =>
    checkFile(module([], ['pl.Trainer().fit(Clf(), DataLoader(TensorDataset(X, Y)))']), ['16:LL202']));

  it('reads `train_dataloaders=` and a model bound to a name (LL202)', () =>
    checkFile(module([], ['model = Clf()', 'trainer = pl.Trainer()', 'trainer.fit(model, train_dataloaders=DataLoader(TensorDataset(X, Y)))']), ['16:LL202']));

  it('reads the module\'s own train_dataloader() (LL202)', () =>
    checkFile(module(['    def train_dataloader(self):', '        return DataLoader(TensorDataset(X, Y), batch_size=8)'], []), ['16:LL202']));

  it('says nothing for float labels', () =>
    checkFile(module([], ['pl.Trainer().fit(Clf(), DataLoader(TensorDataset(X, Y.float())))']), []));

  it('reads the loaders `trainer.fit` passes in another file that imports the module (LL202)', () =>
    checkProject(
      {
        '/p/lit.py': module([], []),
        '/p/train.py': py('from lit import Clf, X, Y', 'import pytorch_lightning as pl', 'from torch.utils.data import DataLoader, TensorDataset', 'pl.Trainer().fit(Clf(), DataLoader(TensorDataset(X, Y)))'),
      },
      { '/p/lit.py': ['16:LL202'] },
    ));

  it('says nothing when the module is fitted in another file with float labels', () =>
    checkProject(
      {
        '/p/lit.py': module([], []),
        '/p/train.py': py('from lit import Clf, X, Y', 'import pytorch_lightning as pl', 'from torch.utils.data import DataLoader, TensorDataset', 'pl.Trainer().fit(Clf(), DataLoader(TensorDataset(X, Y.float())))'),
      },
      {},
    ));

  it('says nothing when the loaders come from a datamodule', () =>
    checkFile(module([], ['pl.Trainer().fit(Clf(), datamodule=dm)']), []));

  it('says nothing when fit is given a model it cannot tell apart', () =>
    checkFile(module([], ['pl.Trainer().fit(build(), DataLoader(TensorDataset(X, Y)))']), []));
});

describe('dicts: comprehensions over known keys are read key by key', () => {
  const multitask = (dims: string, task: string) => py(
    ...HEADER,
    'from dataclasses import dataclass, field',
    '@dataclass',
    'class Config:',
    `    task_dims: dict = field(default_factory=lambda: ${dims})`,
    'class Multi(nn.Module):',
    '    def __init__(self, cfg):',
    '        super().__init__()',
    '        self.heads = nn.ModuleDict({name: nn.Linear(8, dim) for name, dim in cfg.task_dims.items()})',
    '    def forward(self, x):',
    '        return {name: head(x) for name, head in self.heads.items()}',
    'net = Multi(Config())',
    'out = net(X)',
    `loss = nn.CrossEntropyLoss()(out["${task}"], y)`,
  );

  it('gives each head its own width: the one-unit head fed to CrossEntropyLoss (LL107)', () =>
    checkFile(multitask('{"sentiment": 3, "spam": 1}', 'spam'), ['20:LL107']));

  it('says nothing for the three-way head', () => checkFile(multitask('{"sentiment": 3, "spam": 1}', 'sentiment'), []));

  it('reads a comprehension over a list of string keys, and an unknown key as what every value agrees on (LL202)', () =>
    checkFile(
      py(
        ...HEADER,
        'Y = torch.zeros(100, 1, dtype=torch.long)',
        'loaders = {split: DataLoader(TensorDataset(X, Y)) for split in ["train", "val"]}',
        'for phase in ["train", "val"]:',
        '    for x, y in loaders[phase]:',
        '        loss = nn.BCEWithLogitsLoss()(model(x), y)',
      ),
      ['12:LL202'],
    ));

  it('says nothing for an unknown key when the values disagree', () =>
    checkFile(
      py(
        ...HEADER,
        'Y = torch.zeros(100, 1, dtype=torch.long)',
        'loaders = {"train": DataLoader(TensorDataset(X, Y)), "val": DataLoader(TensorDataset(X, Y.float()))}',
        'for phase in ["train", "val"]:',
        '    for x, y in loaders[phase]:',
        '        loss = nn.BCEWithLogitsLoss()(model(x), y)',
      ),
      [],
    ));
});

describe('layer classes kept uncalled in registries', () => {
  const head = (activation: string, loss = 'nn.BCELoss()') => py(
    ...HEADER,
    'ACTIVATIONS = {"sigmoid": nn.Sigmoid, "identity": nn.Identity}',
    'cfg = {"head_activation": ' + JSON.stringify(activation) + '}',
    'layers = [nn.Linear(8, 1)]',
    'layers.append(ACTIVATIONS[cfg["head_activation"]]())',
    'net = nn.Sequential(*layers)',
    `loss = ${loss}(net(X), y)`,
  );

  it('builds the layer a registry holds when it is called (a sigmoid head: BCEWithLogitsLoss double-sigmoids, LL102)', () =>
    checkFile(head('sigmoid', 'nn.BCEWithLogitsLoss()'), ['13:LL102']));

  it('an identity head leaves raw logits (BCELoss on them: LL101)', () => checkFile(head('identity'), ['13:LL101']));

  it('says nothing for BCELoss after the sigmoid head', () => checkFile(head('sigmoid'), []));
});

describe('a softmax written by hand', () => {
  const manual = (normalise: string) => py(
    ...HEADER,
    'net = nn.Linear(8, 4)',
    'e = torch.exp(net(X))',
    `p = ${normalise}`,
    'loss = nn.CrossEntropyLoss()(p, y)',
  );

  it('reads e / e.sum(dim=1, keepdim=True) over exp as probabilities (LL103)', () => checkFile(manual('e / e.sum(dim=1, keepdim=True)'), ['11:LL103']));

  it('reads torch.sum(e, 1, keepdim=True) the same way (LL103)', () => checkFile(manual('e / torch.sum(e, 1, keepdim=True)'), ['11:LL103']));

  it('says nothing when exp is divided by something else (its max)', () => checkFile(manual('e / e.max()'), []));
});

describe('comprehension names hold the items they iterate', () => {
  const pets = (labels: string, loss = 'nn.MSELoss()') => py(
    ...HEADER,
    'CLASSES = ["cat", "dog", "bird"]',
    'class Pets(Dataset):',
    '    def __init__(self, rows):',
    '        self.rows = rows',
    `        self.class_to_idx = ${labels}`,
    '    def __getitem__(self, i):',
    '        x, name = self.rows[i]',
    '        return x, torch.tensor(self.class_to_idx[name])',
    'net = nn.Linear(8, 3)',
    'for x, y in DataLoader(Pets(rows), batch_size=4):',
    `    loss = ${loss}(net(x), y)`,
  );

  it('{c: i for i, c in enumerate(CLASSES)} maps names to class ids: MSELoss on them (LL204)', () =>
    checkFile(pets('{c: i for i, c in enumerate(CLASSES)}'), ['18:LL204']));

  it('says nothing for CrossEntropyLoss on those ids', () => checkFile(pets('{c: i for i, c in enumerate(CLASSES)}', 'nn.CrossEntropyLoss()'), []));

  it('says nothing when the values are not the enumerate counter', () => checkFile(pets('{c: len(c) for i, c in enumerate(CLASSES)}'), []));

  it('a comprehension name shadows an outer name of the same spelling', () =>
    checkFile(
      py(
        ...HEADER,
        'y = torch.zeros(100, 1, dtype=torch.long)',
        'ys = [y.float() for y in [torch.rand(100, 1)]]',
        'loss = nn.BCEWithLogitsLoss()(model(X), ys[0])',
        'loss2 = nn.BCEWithLogitsLoss()(model(X), y)',
      ),
      ['11:LL202'],
    ));
});
