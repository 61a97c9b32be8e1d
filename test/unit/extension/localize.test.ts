import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localize } from '../../../src/extension/localize';

const root = join(__dirname, '../../..');
const bundle = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

/** The literal first arguments of the extension's `t(…)` / `tr(…)` calls. */
function localizedStrings(): Set<string> {
  const dir = join(root, 'src/extension');
  const found = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/\b(?:t|tr)\(\s*'((?:[^'\\]|\\.)*)'/g)) found.add(m[1]);
  }
  return found;
}

describe('extension strings', () => {
  it('translates every string the extension localizes, and the bundle holds no string the extension no longer uses', () => {
    const used = localizedStrings();
    assert.ok(used.size >= 8, `expected the picker's and the calculator's strings, found ${[...used].join(', ')}`);
    for (const s of used) assert.ok(bundle[s], `no zh-cn translation of ${JSON.stringify(s)} in l10n/bundle.l10n.zh-cn.json`);
    for (const key of Object.keys(bundle)) assert.ok(used.has(key), `l10n/bundle.l10n.zh-cn.json translates ${JSON.stringify(key)}, which src/extension no longer uses`);
  });

  it('follows the locale decision and fills placeholders in either language', () => {
    assert.equal(localize('en', 'Inserted into {0}.', 'train.py'), 'Inserted into train.py.');
    assert.equal(localize('zh', 'Inserted into {0}.', 'train.py'), '已插入到 train.py。');
    assert.equal(localize('zh', 'a string nobody translated'), 'a string nobody translated');
  });
});
