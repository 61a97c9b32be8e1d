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
