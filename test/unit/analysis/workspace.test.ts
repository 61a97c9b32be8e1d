import * as assert from 'node:assert/strict';
import { analyzeProject, checkProject, py } from './checkProject';

/** A classifier whose forward ends in a softmax (line 10 is the `return F.softmax(…)`). */
const SOFTMAX_NET = py(
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  '',
  '',
  'class Net(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc = nn.Linear(16, 10)',
  '    def forward(self, x):',
  '        return F.softmax(self.fc(x), dim=1)',
);

/** The same classifier returning raw logits. */
const LOGITS_NET = SOFTMAX_NET.replace('F.softmax(self.fc(x), dim=1)', 'self.fc(x)');

/** Trains `Net` from `importLine` with CrossEntropyLoss; the loss call is on line 6. */
function trainWith(importLine: string, build = 'Net()'): string {
  return py(
    'import torch.nn as nn',
    importLine,
    '',
    `model = ${build}`,
    'criterion = nn.CrossEntropyLoss()',
    'loss = criterion(model(x), y)',
  );
}

describe('workspace: imports of project modules', () => {
  describe('absolute imports', () => {
    it('follows `from models.net import Net` to a softmax in forward (LL103 in the importing file only)', () =>
      checkProject(
        { '/p/train.py': trainWith('from models.net import Net'), '/p/models/net.py': SOFTMAX_NET },
        { '/p/train.py': ['6:LL103'] },
      ));

    it('says nothing when the imported model returns logits', () =>
      checkProject({ '/p/train.py': trainWith('from models.net import Net'), '/p/models/net.py': LOGITS_NET }, {}));

    it('follows a module alias: `import model as M` then `M.Net()`', () =>
      checkProject(
        { '/p/train.py': trainWith('import model as M', 'M.Net()'), '/p/model.py': SOFTMAX_NET },
        { '/p/train.py': ['6:LL103'] },
      ));

    it('says nothing for `M.Net()` when model.py returns logits', () =>
      checkProject({ '/p/train.py': trainWith('import model as M', 'M.Net()'), '/p/model.py': LOGITS_NET }, {}));

    it('follows a dotted module import used by its full name: `import models.net` then `models.net.Net()`', () =>
      checkProject(
        { '/p/train.py': trainWith('import models.net', 'models.net.Net()'), '/p/models/__init__.py': '', '/p/models/net.py': SOFTMAX_NET },
        { '/p/train.py': ['6:LL103'] },
      ));

    it('follows a submodule imported from its package: `from models import net` then `net.Net()`', () =>
      checkProject(
        { '/p/train.py': trainWith('from models import net', 'net.Net()'), '/p/models/__init__.py': '', '/p/models/net.py': SOFTMAX_NET },
        { '/p/train.py': ['6:LL103'] },
      ));

    it('follows an aliased dotted import: `import models.net as mn` then `mn.Net()`', () =>
      checkProject(
        { '/p/train.py': trainWith('import models.net as mn', 'mn.Net()'), '/p/models/__init__.py': '', '/p/models/net.py': SOFTMAX_NET },
        { '/p/train.py': ['6:LL103'] },
      ));
  });

  describe('relative imports and packages', () => {
    const builder = (last: string) => py(
      'import torch.nn as nn',
      '',
      '',
      'def build_model():',
      `    return nn.Sequential(nn.Linear(8, 4), ${last})`,
    );
    const pkgTrain = py(
      'import torch.nn.functional as F',
      'from .model import build_model',
      '',
      'model = build_model()',
      'loss = F.cross_entropy(model(x), y)',
    );

    it('follows `from .model import build_model` inside a package', () =>
      checkProject(
        { '/p/pkg/__init__.py': '', '/p/pkg/model.py': builder('nn.Softmax(dim=1)'), '/p/pkg/train.py': pkgTrain },
        { '/p/pkg/train.py': ['5:LL103'] },
      ));

    it('says nothing when the relatively imported builder ends in a Linear', () =>
      checkProject({ '/p/pkg/__init__.py': '', '/p/pkg/model.py': builder('nn.ReLU(), nn.Linear(4, 3)'), '/p/pkg/train.py': pkgTrain }, {}));

    it('follows `from ..nets import build_model` two levels up', () =>
      checkProject(
        {
          '/p/pkg/__init__.py': '',
          '/p/pkg/nets.py': builder('nn.Softmax(dim=1)'),
          '/p/pkg/scripts/__init__.py': '',
          '/p/pkg/scripts/train.py': pkgTrain.replace('from .model import', 'from ..nets import'),
        },
        { '/p/pkg/scripts/train.py': ['5:LL103'] },
      ));

    it('follows a package re-export: `from .net import Net` in models/__init__.py, used as `from models import Net`', () =>
      checkProject(
        { '/p/models/__init__.py': 'from .net import Net\n', '/p/models/net.py': SOFTMAX_NET, '/p/train.py': trainWith('from models import Net') },
        { '/p/train.py': ['6:LL103'] },
      ));

    it('says nothing through the re-export when the re-exported model returns logits', () =>
      checkProject({ '/p/models/__init__.py': 'from .net import Net\n', '/p/models/net.py': LOGITS_NET, '/p/train.py': trainWith('from models import Net') }, {}));
  });

  describe('constants, factories and registries', () => {
    const headTrain = py(
      'import torch.nn as nn',
      'from config import NUM_CLASSES',
      '',
      'model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, NUM_CLASSES))',
      'loss = nn.CrossEntropyLoss()(model(x), y)',
    );

    it('takes a head width from `from config import NUM_CLASSES` (LL107 with NUM_CLASSES = 1)', () =>
      checkProject({ '/p/config.py': 'NUM_CLASSES = 1\n', '/p/train.py': headTrain }, { '/p/train.py': ['5:LL107'] }));

    it('says nothing when the imported NUM_CLASSES is 10', () =>
      checkProject({ '/p/config.py': 'NUM_CLASSES = 10\n', '/p/train.py': headTrain }, {}));

    const factory = py(
      'import torch.nn as nn',
      '',
      '',
      'def get_criterion():',
      '    return nn.BCELoss()',
    );
    const factoryTrain = (input: string) => py(
      'import torch',
      'import torch.nn as nn',
      'from losses import get_criterion',
      '',
      'model = nn.Linear(16, 1)',
      'criterion = get_criterion()',
      `loss = criterion(${input}, y)`,
    );

    it('follows a loss factory in losses.py to a BCELoss fed logits in train.py (LL101)', () =>
      checkProject({ '/p/losses.py': factory, '/p/train.py': factoryTrain('model(x)') }, { '/p/train.py': ['7:LL101'] }));

    it('says nothing when the factory-made BCELoss receives sigmoid probabilities', () =>
      checkProject({ '/p/losses.py': factory, '/p/train.py': factoryTrain('torch.sigmoid(model(x))') }, {}));

    it('follows a factory through a module alias: `import losses as L` then `L.get_criterion()`', () =>
      checkProject(
        { '/p/losses.py': factory, '/p/train.py': factoryTrain('model(x)').replace('from losses import get_criterion', 'import losses as L').replace('= get_criterion()', '= L.get_criterion()') },
        { '/p/train.py': ['7:LL101'] },
      ));

    const registry = py(
      'import torch.nn as nn',
      '',
      'LOSSES = {"bce": nn.BCELoss, "mse": nn.MSELoss}',
    );
    const registryTrain = (key: string, input: string) => py(
      'import torch',
      'import torch.nn as nn',
      'from losses import LOSSES',
      '',
      'model = nn.Linear(16, 1)',
      `criterion = LOSSES["${key}"]()`,
      `loss = criterion(${input}, y)`,
    );

    it('follows a registry dict of loss classes: `LOSSES["bce"]()` on logits (LL101)', () =>
      checkProject({ '/p/losses.py': registry, '/p/train.py': registryTrain('bce', 'model(x)') }, { '/p/train.py': ['7:LL101'] }));

    it('says nothing for the registry entry when the input is probabilities, or for another entry', async () => {
      await checkProject({ '/p/losses.py': registry, '/p/train.py': registryTrain('bce', 'torch.sigmoid(model(x))') }, {});
      await checkProject({ '/p/losses.py': registry, '/p/train.py': registryTrain('mse', 'model(x)') }, {});
    });
  });

  describe('import roots', () => {
    const srcTrain = trainWith('from mypkg.nets import Net');

    it('finds a src/ layout package from the project root marked by pyproject.toml', () =>
      checkProject(
        {
          '/p/pyproject.toml': '[project]\nname = "mypkg"\n',
          '/p/src/mypkg/__init__.py': '',
          '/p/src/mypkg/nets.py': SOFTMAX_NET,
          '/p/scripts/train.py': srcTrain,
        },
        { '/p/scripts/train.py': ['6:LL103'] },
      ));

    it('does not look in src/ without a project marker (the import stays unresolved and silent)', () =>
      checkProject({ '/p/src/mypkg/__init__.py': '', '/p/src/mypkg/nets.py': SOFTMAX_NET, '/p/scripts/train.py': srcTrain }, {}));

    it('finds a module from the nearest ancestor holding .git, outside any workspace folder', () =>
      checkProject(
        { '/r/.git/HEAD': 'ref: refs/heads/main\n', '/r/utils/nets.py': SOFTMAX_NET, '/r/experiments/exp1/train.py': trainWith('from utils.nets import Net') },
        { '/r/experiments/exp1/train.py': ['6:LL103'] },
        { folders: [] },
      ));

    it('finds a module from the nearest ancestor holding setup.py', () =>
      checkProject(
        { '/r/setup.py': 'from setuptools import setup\nsetup()\n', '/r/utils/nets.py': SOFTMAX_NET, '/r/experiments/train.py': trainWith('from utils.nets import Net') },
        { '/r/experiments/train.py': ['6:LL103'] },
        { folders: [] },
      ));

    it('stops at the nearest marker: a same-named module above it is not used', () =>
      checkProject(
        {
          '/r/setup.py': 'setup()\n',
          '/r/utils/nets.py': SOFTMAX_NET,
          '/r/sub/.git/HEAD': 'ref: refs/heads/main\n',
          '/r/sub/utils/nets.py': LOGITS_NET,
          '/r/sub/exp/train.py': trainWith('from utils.nets import Net'),
        },
        {},
        { folders: [] },
      ));

    it('prefers the importing script\'s own folder, as Python puts it first on sys.path', () =>
      checkProject(
        { '/p/.git/HEAD': '', '/p/net.py': LOGITS_NET, '/p/exp/net.py': SOFTMAX_NET, '/p/exp/train.py': trainWith('from net import Net') },
        { '/p/exp/train.py': ['6:LL103'] },
      ));
  });

  describe('what stays silent', () => {
    it('an unresolved import', () =>
      checkProject({ '/p/train.py': trainWith('from models.missing import Net'), '/p/models/net.py': SOFTMAX_NET }, {}));

    it('an import cycle (a imports b imports a) that never reaches a value, and still terminates', () =>
      checkProject(
        {
          '/p/a.py': py(
            'import torch.nn.functional as F',
            'from b import helper',
            '',
            '',
            'def make():',
            '    return helper()',
            '',
            '',
            'loss = F.cross_entropy(make()(x), y)',
          ),
          '/p/b.py': py(
            'from a import make',
            '',
            '',
            'def helper():',
            '    return make()',
          ),
        },
        {},
      ));

    it('a cycle of loss factories (a.get_loss calls b.make_loss calls a.get_loss), and still terminates', () =>
      checkProject(
        {
          '/p/a.py': py(
            'import torch.nn as nn',
            'from b import make_loss',
            '',
            '',
            'def get_loss():',
            '    return make_loss()',
            '',
            '',
            'model = nn.Linear(16, 1)',
            'criterion = get_loss()',
            'loss = criterion(model(x), y)',
          ),
          '/p/b.py': py(
            'from a import get_loss',
            '',
            '',
            'def make_loss():',
            '    return get_loss()',
          ),
        },
        {},
      ));

    it('an import cycle still reports what one side of it defines', () =>
      checkProject(
        {
          '/p/a.py': py('import b', 'from models import Net', '', 'VERSION = b.VERSION'),
          '/p/models.py': SOFTMAX_NET.replace('import torch.nn as nn', 'import torch.nn as nn\nimport train'),
          '/p/train.py': trainWith('from models import Net'),
          '/p/b.py': 'from a import VERSION\n',
        },
        { '/p/train.py': ['6:LL103'] },
      ));

    it('a star import from a workspace module', () =>
      checkProject({ '/p/train.py': trainWith('from models.net import *'), '/p/models/net.py': SOFTMAX_NET }, {}));

    it('a project class named BCELoss (the project\'s own, not torch\'s)', () =>
      checkProject(
        {
          '/p/losses.py': py(
            'import torch',
            'import torch.nn as nn',
            '',
            '',
            'class BCELoss(nn.Module):',
            '    def forward(self, x, y):',
            '        return nn.functional.binary_cross_entropy_with_logits(x, y.float())',
          ),
          '/p/train.py': py(
            'import torch.nn as nn',
            'from losses import BCELoss',
            '',
            'model = nn.Linear(16, 1)',
            'criterion = BCELoss()',
            'loss = criterion(model(x), y)',
          ),
        },
        {},
      ));

    it('a project class named CrossEntropyLoss fed softmax output', () =>
      checkProject(
        {
          '/p/losses.py': py(
            'import torch',
            '',
            '',
            'class CrossEntropyLoss:',
            '    def __call__(self, probs, y):',
            '        return -(probs.gather(1, y[:, None]) + 1e-8).log().mean()',
          ),
          '/p/train.py': trainWith('from losses import CrossEntropyLoss\nfrom models.net import Net').replace('nn.CrossEntropyLoss()', 'CrossEntropyLoss()'),
          '/p/models/net.py': SOFTMAX_NET,
        },
        {},
      ));

    const ownNn = py(
      'class CrossEntropyLoss:',
      '    def __call__(self, probs, y):',
      '        return probs',
      '',
      '',
      'class BCELoss:',
      '    def __call__(self, scores, y):',
      '        return scores',
    );

    it('a local module named nn.py imported from a package (`from mypkg import nn`)', () =>
      checkProject(
        {
          '/p/mypkg/__init__.py': '',
          '/p/mypkg/nn.py': ownNn,
          '/p/train.py': py(
            'import torch',
            'from mypkg import nn',
            '',
            'loss = nn.CrossEntropyLoss()(torch.softmax(z, dim=1), y)',
            'other = nn.BCELoss()(torch.nn.Linear(4, 1)(z), y)',
          ),
        },
        {},
      ));

    it('a local module named nn.py imported as `import nn`', () =>
      checkProject(
        {
          '/p/nn.py': ownNn,
          '/p/train.py': py(
            'import torch',
            'import nn',
            '',
            'loss = nn.CrossEntropyLoss()(torch.softmax(z, dim=1), y)',
            'other = nn.BCELoss()(torch.nn.Linear(4, 1)(z), y)',
          ),
        },
        {},
      ));

    const reexport = py('from torch.nn import BCELoss, BCEWithLogitsLoss');
    const reexportTrain = (loss: string) => py(
      'import torch',
      `from mylosses import ${loss}`,
      '',
      'model = torch.nn.Linear(16, 1)',
      `loss = ${loss}()(model(x), y.float())`,
    );

    it('a torch loss imported from a workspace module that is correctly used', () =>
      checkProject({ '/p/mylosses.py': reexport, '/p/train.py': reexportTrain('BCEWithLogitsLoss') }, {}));

    it('but a torch loss re-exported by a workspace module and misused is still found (LL101)', () =>
      checkProject({ '/p/mylosses.py': reexport, '/p/train.py': reexportTrain('BCELoss') }, { '/p/train.py': ['5:LL101'] }));
  });
});

describe('workspace: findings and fixes stay in the checked file', () => {
  it('reports a softmax decided in models/net.py in train.py, naming models/net.py:10, with no fix editing net.py', async () => {
    const train = trainWith('from models.net import Net');
    const results = await analyzeProject({ '/p/train.py': train, '/p/models/net.py': SOFTMAX_NET });
    assert.deepEqual(results.get('/p/models/net.py')!.diagnostics, []);
    const [d, ...rest] = results.get('/p/train.py')!.diagnostics;
    assert.deepEqual(rest, []);
    assert.equal(d.code, 'LL103');
    assert.match(d.message, /models\/net\.py:10\b/);
    const softmax = { start: SOFTMAX_NET.indexOf('F.softmax('), end: SOFTMAX_NET.indexOf(', dim=1)') + ', dim=1)'.length };
    // The softmax itself is the finding's related location, in net.py's own offsets.
    const line = SOFTMAX_NET.slice(0, softmax.start).split('\n').length;
    const column = softmax.start - (SOFTMAX_NET.lastIndexOf('\n', softmax.start - 1) + 1);
    assert.deepEqual(d.related, { path: '/p/models/net.py', start: softmax.start, end: softmax.end, line, column });
    // The offsets of net.py's softmax are past the end of train.py, so no edit of train.py can reach them.
    assert.ok(softmax.start > train.length);
    for (const edit of d.fixes.flatMap((f) => f.edits)) {
      assert.ok(edit.end <= train.length, `edit ${JSON.stringify(edit)} lies outside train.py`);
      assert.ok(edit.end < softmax.start || edit.start > softmax.end, `edit ${JSON.stringify(edit)} rewrites net.py's softmax`);
    }
  });

  it('names the other file relative to the checked file\'s folder when it lies below it, and absolute otherwise', async () => {
    const below = await analyzeProject({ '/p/train.py': trainWith('from models.net import Net'), '/p/models/net.py': SOFTMAX_NET });
    assert.match(below.get('/p/train.py')!.diagnostics[0].message, /in models\/net\.py:10/);
    const beside = await analyzeProject({ '/p/scripts/train.py': trainWith('from models.net import Net'), '/p/models/net.py': SOFTMAX_NET, '/p/.git/HEAD': '' });
    const [d] = beside.get('/p/scripts/train.py')!.diagnostics;
    assert.equal(d?.code, 'LL103');
    assert.match(d.message, /\/p\/models\/net\.py:10/);
  });

  const factory = py(
    'import torch.nn as nn',
    '',
    '',
    'def get_criterion():',
    '    return nn.BCELoss()',
  );
  const train = py(
    'import torch.nn as nn',
    'from losses import get_criterion',
    '',
    'model = nn.Linear(16, 1)',
    'criterion = get_criterion()',
    'loss = criterion(model(x), y)',
  );

  it('drops the switch-to-BCEWithLogitsLoss fix when the BCELoss is built in losses.py, keeping the sigmoid fix in train.py', async () => {
    const results = await analyzeProject({ '/p/losses.py': factory, '/p/train.py': train });
    assert.deepEqual(results.get('/p/losses.py')!.diagnostics, []);
    const [d, ...rest] = results.get('/p/train.py')!.diagnostics;
    assert.deepEqual(rest, []);
    assert.equal(d.code, 'LL101');
    const edits = d.fixes.flatMap((f) => f.edits);
    const after = train.indexOf('model(x), y') + 'model(x)'.length;
    assert.deepEqual(edits, [{ start: after, end: after, newText: '.sigmoid()' }]);
  });

  it('keeps the switch-to-BCEWithLogitsLoss fix when the BCELoss is built in the checked file', async () => {
    const local = train.replace('from losses import get_criterion', '').replace('get_criterion()', 'nn.BCELoss()');
    const results = await analyzeProject({ '/p/train.py': local });
    const [d] = results.get('/p/train.py')!.diagnostics;
    assert.equal(d?.code, 'LL101');
    const ref = local.indexOf('BCELoss()');
    assert.ok(d.fixes.some((f) => f.edits.some((e) => e.start === ref && e.newText === 'BCEWithLogitsLoss')), JSON.stringify(d.fixes));
  });

  it('does not offer to add reduction=\'batchmean\' to a KLDivLoss built in another file (LL301 is reported there)', () =>
    checkProject(
      {
        '/p/losses.py': py('import torch.nn as nn', '', 'kl = nn.KLDivLoss()'),
        '/p/train.py': py('import torch.nn.functional as F', 'from losses import kl', '', 'loss = kl(F.log_softmax(s, dim=1), t)'),
      },
      { '/p/losses.py': ['3:LL301'] },
    ));
});
