import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOSSES } from '../../../src/catalogue';
import { evaluate, supportedLosses } from '../../../src/engine';
import { assertTensorClose, type FixtureCase } from '../engine/checkCase';

const cases: FixtureCase[] = JSON.parse(readFileSync(join(__dirname, '../../fixtures/engine/torch-losses.json'), 'utf8')).cases;

/** PyTorch cases computed with every constructor argument left at its default (reduction 'mean' is the default). */
function defaultCases(module: string): FixtureCase[] {
  return cases.filter(
    (c) => c.module === module && !c.error && c.output && Object.entries(c.params).every(([k, v]) => k === 'reduction' && v === 'mean'),
  );
}

describe('catalogue defaults agree with the engine and PyTorch', () => {
  it('the engine implements every catalogued loss', () => {
    assert.deepEqual(supportedLosses().map((l) => l.id), LOSSES.map((l) => l.id));
  });

  for (const entry of LOSSES) {
    it(`${entry.module}: passing every documented default explicitly gives PyTorch's default-constructed result`, () => {
      const found = defaultCases(entry.module);
      assert.ok(found.length > 0, `no default-parameter PyTorch case for ${entry.module}`);
      const params = Object.fromEntries(entry.params.map((p) => [p.name, p.default]));
      for (const c of found) {
        const got = evaluate({ module: entry.module, params, args: c.args });
        assertTensorClose(`${c.id} output`, got.output, c.output!, c.dtype);
      }
    });
  }
});
