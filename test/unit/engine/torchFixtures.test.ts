import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLossCase, type FixtureCase } from './checkCase';

const dir = join(__dirname, '../../fixtures/engine');

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: FixtureCase[] };
  describe(`PyTorch fixtures: ${file}`, () => {
    const byModule = new Map<string, FixtureCase[]>();
    for (const c of doc.cases) byModule.set(c.module, [...(byModule.get(c.module) ?? []), c]);
    for (const [module, cases] of [...byModule].sort()) {
      describe(module, () => {
        for (const c of cases) it(`matches torch for ${c.id}`, () => checkLossCase(c));
      });
    }
  });
}
