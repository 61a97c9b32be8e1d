import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, localeOf, parseSettings, settingKeys } from '../../../src/server/settings';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { enum?: unknown[]; default: unknown }> } };
};
const properties = pkg.contributes.configuration.properties;

describe('server settings', () => {
  it("read exactly the lossLens.* keys package.json contributes", () => {
    assert.deepEqual(settingKeys().sort(), Object.keys(properties).sort());
  });

  it('default to package.json defaults', () => {
    assert.equal(DEFAULT_SETTINGS.enable, properties['lossLens.enable'].default);
    assert.equal(DEFAULT_SETTINGS.inlineValues, properties['lossLens.inlineValues.enable'].default);
    assert.equal(DEFAULT_SETTINGS.calculatorLens, properties['lossLens.calculatorLens.enable'].default);
    assert.equal(DEFAULT_SETTINGS.language, properties['lossLens.language'].default);
    assert.deepEqual(properties['lossLens.language'].enum, ['auto', 'en', 'zh-cn']);
  });

  it('accept nested and flat dotted keys, keyed by rule code', () => {
    const warnings: string[] = [];
    const s = parseSettings({ rules: { 'bce-on-logits': 'off' }, 'rules.log-of-softmax': 'error', inlineValues: { enable: false }, language: 'zh-cn' }, (m) => warnings.push(m));
    assert.deepEqual(s.rules, { LL101: 'off', LL106: 'error' });
    assert.equal(s.inlineValues, false);
    assert.equal(localeOf(s, 'en-US'), 'zh');
    assert.deepEqual(warnings, []);
  });

  it('keep the default of an invalid value and say which key, what was expected and what was given', () => {
    const warnings: string[] = [];
    const s = parseSettings({ enable: 'yes', rules: { 'bce-on-logits': 'loud' } }, (m) => warnings.push(m));
    assert.equal(s.enable, true);
    assert.deepEqual(s.rules, {});
    assert.deepEqual(warnings.sort(), ['lossLens.enable: expected one of true, false, got "yes"', 'lossLens.rules.bce-on-logits: expected one of "off", "info", "warning", "error", got "loud"']);
  });

  it("follow the client's locale when lossLens.language is auto", () => {
    assert.equal(localeOf(DEFAULT_SETTINGS, 'zh-cn'), 'zh');
    assert.equal(localeOf(DEFAULT_SETTINGS, 'de'), 'en');
    assert.equal(localeOf(DEFAULT_SETTINGS, undefined), 'en');
  });
});
