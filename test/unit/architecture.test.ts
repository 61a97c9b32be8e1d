import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  try {
    statSync(abs);
  } catch {
    return [];
  }
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(abs, f));
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
}

/** Which top-level src folders each folder may import (see STYLE.md's dependency direction). */
const allowed: Record<string, string[]> = {
  catalogue: ['catalogue'],
  engine: ['engine', 'catalogue'],
  analysis: ['analysis', 'catalogue', 'engine', 'calculator'],
  protocol: ['protocol', 'catalogue', 'engine'],
  calculator: ['calculator', 'catalogue', 'engine'],
};

describe('architecture', () => {
  for (const [folder, may] of Object.entries(allowed)) {
    it(`keeps src/${folder} free of vscode, node:* and DOM, importing only ${may.join(', ')}`, () => {
      for (const file of sourceFiles(`src/${folder}`)) {
        const rel = relative(root, file);
        const text = readFileSync(file, 'utf8');
        assert.doesNotMatch(text, /\b(document|window)\.\w/, `${rel} touches the DOM`);
        for (const spec of imports(file)) {
          assert.notEqual(spec, 'vscode', `${rel} imports vscode`);
          assert.ok(!spec.startsWith('node:') && !['fs', 'path', 'os', 'child_process'].includes(spec), `${rel} imports ${spec}`);
          if (spec.startsWith('.')) {
            const target = relative(join(root, 'src'), join(file, '..', spec)).split(/[\\/]/)[0];
            assert.ok(may.includes(target), `${rel} imports ${spec} (src/${target})`);
          }
        }
      }
    });
  }

  it('lets only src/extension import vscode', () => {
    for (const file of sourceFiles('src')) {
      const rel = relative(root, file);
      if (rel.startsWith(join('src', 'extension'))) continue;
      assert.ok(!imports(file).includes('vscode'), `${rel} imports vscode`);
    }
  });

  it('keeps src/node (disk access shared by the CLI and the language server) free of vscode and the hosts', () => {
    for (const file of sourceFiles('src/node')) {
      for (const spec of imports(file)) {
        assert.notEqual(spec, 'vscode', `${relative(root, file)} imports vscode`);
        if (!spec.startsWith('.')) continue;
        const target = relative(join(root, 'src'), join(file, '..', spec)).split(/[\\/]/)[0];
        assert.ok(['node', 'analysis'].includes(target), `${relative(root, file)} imports src/${target}`);
      }
    }
  });

  it('keeps src/server (the language server) off the extension and the CLI', () => {
    for (const file of sourceFiles('src/server')) {
      for (const spec of imports(file).filter((s) => s.startsWith('.'))) {
        const target = relative(join(root, 'src'), join(file, '..', spec)).split(/[\\/]/)[0];
        assert.ok(!['extension', 'cli', 'webview'].includes(target), `${relative(root, file)} imports src/${target}`);
      }
    }
  });

  it('keeps the analysis out of src/extension: it imports only the catalogue and the protocol (types aside), so the extension host runs no rule', () => {
    const runtimeImports = (file: string) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(import|export)(?!\s+type\b)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map((m) => m[2]);
    for (const file of sourceFiles('src/extension')) {
      for (const spec of runtimeImports(file)) {
        const target = relative(join(root, 'src'), join(file, '..', spec)).split(/[\\/]/)[0];
        if (target === '..') continue; // data outside src (the l10n bundle)
        assert.ok(['extension', 'catalogue', 'protocol'].includes(target), `${relative(root, file)} imports ${spec} (src/${target}) at run time`);
      }
    }
    // The same holds for what those imports pull in: the catalogue and the protocol import no analysis.
    for (const file of [...sourceFiles('src/catalogue'), ...sourceFiles('src/protocol')]) {
      for (const spec of runtimeImports(file)) {
        const target = relative(join(root, 'src'), join(file, '..', spec)).split(/[\\/]/)[0];
        assert.ok(['catalogue', 'protocol'].includes(target), `${relative(root, file)} imports ${spec} (src/${target}) at run time`);
      }
    }
  });

  it('keeps src/extension and src/cli apart', () => {
    for (const [from, to] of [
      ['extension', 'cli'],
      ['cli', 'extension'],
    ]) {
      for (const file of sourceFiles(`src/${from}`)) {
        for (const spec of imports(file).filter((s) => s.startsWith('.'))) {
          const target = relative(join(root, 'src'), join(file, '..', spec)).split(/[\\/]/)[0];
          assert.notEqual(target, to, `${relative(root, file)} imports src/${to}`);
        }
      }
    }
  });
});
