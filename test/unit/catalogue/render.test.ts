import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOSSES, lossById, lossByName } from '../../../src/catalogue';
import { activeReduction, pythonLiteral, renderEntry } from '../../../src/catalogue/render';

const torch: { losses: Record<string, { init: { name: string; repr: string }[] }> } = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/catalogue/torch.json'), 'utf8'),
);

describe('catalogue renderer', () => {
  it("writes every default as Python's own repr of it", () => {
    for (const entry of LOSSES) {
      for (const p of entry.params) {
        const want = torch.losses[entry.id].init.find((t) => t.name === p.name)!.repr;
        assert.equal(pythonLiteral(p.default, p.type), want, `${entry.module}.${p.name}`);
      }
    }
  });

  it('renders every entry in English and in Chinese with all sections and nothing undefined', () => {
    for (const entry of LOSSES) {
      const en = renderEntry(entry, { locale: 'en', formulas: 'all' });
      const zh = renderEntry(entry, { locale: 'zh', formulas: 'all' });
      for (const heading of ['#### Formula', '#### Parameters', '#### Shapes', '#### When to use', '#### When not to use', '#### Pitfalls', '#### Example']) {
        assert.ok(en.includes(heading), `${entry.id}: ${heading}`);
      }
      for (const heading of ['#### 公式', '#### 参数', '#### 形状', '#### 适用场景', '#### 不适用场景', '#### 常见错误', '#### 示例']) {
        assert.ok(zh.includes(heading), `${entry.id}: ${heading}`);
      }
      for (const md of [en, zh]) {
        assert.doesNotMatch(md, /undefined|\[object Object\]/);
        for (const p of entry.params) assert.ok(md.includes(`\`${p.name}\``), `${entry.id}: parameter ${p.name}`);
        assert.ok(md.includes(entry.docsUrl));
      }
      assert.ok(zh.includes(entry.summary.zh) && !zh.includes(entry.summary.en));
      assert.ok(en.includes(`_Also known as: ${entry.aliases.join(', ')}_`) && zh.includes(`_又称：${entry.aliases.join(', ')}_`));
    }
  });

  it('embeds formula images when the caller has them and falls back to TeX math blocks otherwise', () => {
    const entry = lossById('mse')!;
    const withImages = renderEntry(entry, { locale: 'en', sections: ['formula'], formulas: 'all', formulaImage: (id, v) => `data:image/svg+xml;base64,${id}-${v}` });
    assert.ok(withImages.includes('![unreduced](data:image/svg+xml;base64,mse-unreduced)'));
    assert.ok(withImages.includes('![sum](data:image/svg+xml;base64,mse-sum)'));
    assert.ok(!withImages.includes('```math'));
    const plain = renderEntry(entry, { locale: 'en', sections: ['formula'], formulas: 'all' });
    assert.ok(plain.includes('```math\n' + entry.formula.unreduced + '\n```'));
  });

  it('shows the formula of the reduction configured at the site, not the default one', () => {
    const kl = lossById('klDiv')!;
    assert.equal(activeReduction(kl, { reduction: '"batchmean"' }), 'batchmean');
    assert.equal(activeReduction(kl, {}), 'mean');
    assert.equal(activeReduction(kl, { reduction: "'none'" }), 'unreduced');
    const md = renderEntry(kl, { locale: 'en', sections: ['formula'], configured: { reduction: '"batchmean"' } });
    assert.ok(md.includes(kl.formula.batchmean!) && !md.includes(kl.formula.mean));
  });

  it('adds a column with the values configured at a construction site and bolds those parameters', () => {
    const ce = lossById('crossEntropy')!;
    const md = renderEntry(ce, { locale: 'zh', sections: ['params'], configured: { label_smoothing: '0.1' } });
    assert.ok(md.includes('| 参数 | 默认值 | 此处取值 | 含义 |'));
    assert.match(md, /\| \*\*`label_smoothing`\*\* \| `0\.0` \| `0\.1` \| /);
    assert.match(md, /\| `ignore_index` \| `-100` \| {2}\| /);
    const plain = renderEntry(ce, { locale: 'en', sections: ['params'] });
    assert.ok(plain.includes('| parameter | default | meaning |'));
  });

  it('keeps table rows intact when a configured value contains a pipe', () => {
    const md = renderEntry(lossById('bce')!, { locale: 'en', sections: ['params'], configured: { weight: 'a | b' } });
    assert.ok(md.includes('`a \\| b`'));
  });

  it('appends caller links after the PyTorch documentation link', () => {
    const md = renderEntry(lossById('l1')!, { locale: 'zh', sections: ['links'], links: [{ title: { en: 'Calc', zh: '计算器' }, href: 'command:x' }] });
    assert.equal(md.split('\n\n')[1], '[PyTorch 文档](https://pytorch.org/docs/stable/generated/torch.nn.L1Loss.html) · [计算器](command:x)');
  });
});

describe('catalogue lookup by name', () => {
  it('finds a loss by id, class or functional name as people write them, and nothing else', () => {
    for (const name of ['crossEntropy', 'CrossEntropyLoss', 'nn.CrossEntropyLoss', 'torch.nn.CrossEntropyLoss', 'cross_entropy', 'F.cross_entropy', 'torch.nn.functional.cross_entropy', 'crossentropyloss']) {
      assert.equal(lossByName(name)?.id, 'crossEntropy', name);
    }
    assert.equal(lossByName('F.binary_cross_entropy_with_logits')?.id, 'bceWithLogits');
    for (const name of ['LL101', 'nn.Linear', '', 'CrossEntropyLos']) assert.equal(lossByName(name), undefined, name);
  });
});
