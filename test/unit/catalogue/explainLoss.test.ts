import * as assert from 'node:assert/strict';
import { lossById } from '../../../src/catalogue';
import { explainLoss } from '../../../src/cli/explainLoss';

describe('loss-lens explain for losses', () => {
  it('prints the full catalogue entry of a loss named as people write it, in the chosen language', () => {
    const en = explainLoss(['F.kl_div'])!;
    assert.ok(en.startsWith('**`torch.nn.KLDivLoss`**'));
    assert.ok(en.includes(lossById('klDiv')!.formula.batchmean!), 'every reduction formula');
    assert.ok(en.includes('#### Example'));
    const zh = explainLoss(['KLDivLoss', '--lang', 'zh-cn'])!;
    assert.ok(zh.includes(lossById('klDiv')!.summary.zh) && zh.includes('#### 示例'));
  });

  it('leaves rule codes, unknown names and bad options to the rule explainer', () => {
    for (const argv of [['LL101'], ['kldiv-reduction-mean'], ['nn.Linear'], ['KLDivLoss', '--lang', 'fr'], ['KLDivLoss', 'MSELoss'], []]) {
      assert.equal(explainLoss(argv), undefined, argv.join(' '));
    }
  });
});
