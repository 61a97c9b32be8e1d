import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../src/analysis/rules';
import { RULE_FIXTURES, checkRule, diagnose } from './checkRule';

describe('analysis rules: fixtures', () => {
  for (const rule of RULES) {
    const { code, slug } = rule.meta;
    it(`${code} (${slug}) flags exactly the marked lines of its fixture and its preferred fixes give the .fixed.py`, async () => {
      await checkRule(code);
    });
  }
});

describe('analysis rules: metadata', () => {
  it('lists rules ordered by code with unique codes and slugs', () => {
    const codes = RULES.map((r) => r.meta.code);
    assert.deepEqual(codes, [...codes].sort());
    assert.equal(new Set(codes).size, codes.length);
    assert.equal(new Set(RULES.map((r) => r.meta.slug)).size, codes.length);
  });

  for (const rule of RULES) {
    const { code } = rule.meta;
    it(`${code} has a fixture, and its documented bad example fires while the good one does not`, async () => {
      assert.ok(existsSync(join(RULE_FIXTURES, `${code}.py`)), `missing test/fixtures/rules/${code}.py`);
      for (const locale of ['en', 'zh'] as const) {
        const bad = await diagnose(rule.meta.docs.bad[locale], code);
        assert.ok(bad.diags.length > 0, `${code} docs.bad.${locale} does not fire`);
        const good = await diagnose(rule.meta.docs.good[locale], code);
        assert.deepEqual(good.diags.map((d) => d.message), [], `${code} docs.good.${locale} fires`);
      }
    });
  }
});
