import * as assert from 'node:assert/strict';
import { dirname, joinPath, relativePath } from '../../../src/analysis/workspace/paths';
import { importRoots, resolveQualified } from '../../../src/analysis/workspace/resolve';
import type { SourceHost } from '../../../src/analysis/workspace/host';

/** A host that has exactly these files (and their folders). */
function hostOf(paths: string[]): SourceHost {
  const all = new Set<string>();
  for (const p of paths) for (let d = p; d !== dirname(d); d = dirname(d)) all.add(d);
  return { readFile: (p) => (all.has(p) ? '' : undefined), exists: (p) => all.has(p) };
}

describe('workspace paths', () => {
  const cases: [string, string][] = [
    [joinPath('/a/b', '../c'), '/a/c'],
    [joinPath('/a', '..', '..', 'x'), '/x'],
    [joinPath('C:/ws/pkg', '..', '..', '..', 'x'), 'C:/x'],
    [joinPath('C:/', 'a.py'), 'C:/a.py'],
    [dirname('C:/ws'), 'C:/'],
    [dirname('C:/'), 'C:/'],
    [dirname('/a'), '/'],
    [relativePath('/p', '/p/models/net.py'), 'models/net.py'],
    [relativePath('/p', '/q/net.py'), '/q/net.py'],
  ];
  cases.forEach(([got, want], i) => it(`case ${i + 1}: gives ${want}, never climbing above a root or a drive`, () => assert.equal(got, want)));

  it('stops looking for project markers at a drive root and never checks relative paths', () => {
    const asked: string[] = [];
    const host: SourceHost = { readFile: () => undefined, exists: (p) => (asked.push(p), false) };
    assert.deepEqual(importRoots('C:/ws/pkg/a.py', host, []), ['C:/ws/pkg']);
    assert.ok(asked.every((p) => p.startsWith('C:/')), asked.join(', '));
  });

  it('resolves a package import under the nearest project root with a src/ layout', () => {
    const host = hostOf(['/r/pyproject.toml', '/r/src/pkg/__init__.py', '/r/src/pkg/model.py', '/r/scripts/train.py']);
    const roots = importRoots('/r/scripts/train.py', host, []);
    assert.deepEqual(roots, ['/r/scripts', '/r', '/r/src']);
    assert.deepEqual(resolveQualified('pkg.model.Net', '/r/scripts/train.py', roots, host), { path: '/r/src/pkg/model.py', rest: ['Net'] });
    assert.deepEqual(resolveQualified('.model.Net', '/r/src/pkg/__init__.py', roots, host), { path: '/r/src/pkg/model.py', rest: ['Net'] });
    assert.equal(resolveQualified('missing.Net', '/r/scripts/train.py', roots, host), undefined);
  });
});
