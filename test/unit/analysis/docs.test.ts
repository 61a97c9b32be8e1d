import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../src/analysis/rules';
import { rulesMarkdownTable } from '../../../src/analysis/ruleDocs';
import { repoRoot } from './grammar';

describe('analysis rule documentation', () => {
  it('keeps README.md’s rules section equal to the table generated from rule metadata (run scripts/gen-rules-doc.js)', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const m = /<!-- section: rules -->\n([\s\S]*?)<!-- \/section: rules -->/.exec(readme);
    assert.ok(m, 'README.md lacks the rules section');
    assert.ok(m[1].endsWith(rulesMarkdownTable('en')), 'README rules table is stale: run `npm run build && node scripts/gen-rules-doc.js`');
  });

  it('declares a lossLens.rules.<slug> setting for every rule, defaulting to its severity, with en and zh-cn descriptions', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties;
    const nls = JSON.parse(readFileSync(join(repoRoot, 'package.nls.json'), 'utf8'));
    const zh = JSON.parse(readFileSync(join(repoRoot, 'package.nls.zh-cn.json'), 'utf8'));
    for (const r of RULES) {
      const p = props[`lossLens.rules.${r.meta.slug}`];
      assert.ok(p, `missing setting lossLens.rules.${r.meta.slug}`);
      assert.deepEqual(p.enum, ['off', 'info', 'warning', 'error']);
      assert.equal(p.default, r.meta.severity);
      const key = p.description.replace(/^%|%$/g, '');
      assert.ok(nls[key]?.startsWith(r.meta.code), `package.nls.json lacks ${key}`);
      assert.ok(zh[key]?.startsWith(r.meta.code), `package.nls.zh-cn.json lacks ${key}`);
    }
  });

  it('gives every rule messages and fix titles in both languages with the same placeholders', () => {
    for (const r of RULES) {
      for (const t of [...Object.values(r.meta.messages), ...Object.values(r.meta.fixes)]) {
        const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        assert.ok(t.en.length > 0 && t.zh.length > 0, `${r.meta.code}: empty text`);
        assert.deepEqual(ph(t.zh), ph(t.en), `${r.meta.code}: placeholders differ between en and zh in "${t.en}"`);
      }
    }
  });
});
