// Bundles the integration suite: test/integration/{index,*.test}.ts → out/integration/, and the
// packaged-extension suite test/integration/vsix/ → out/integration/vsix/. Each test file is its own
// bundle so index.js can discover them by name; `vscode` and `mocha` stay external (the editor
// provides the first, node_modules the second).
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'test', 'integration');
const OUT = path.join(ROOT, 'out', 'integration');

function entries(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}

async function compileIntegrationTests() {
  fs.rmSync(OUT, { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
    loader: { '.wasm': 'file' },
  };
  await esbuild.build({ ...common, entryPoints: entries(SRC), outdir: OUT });
  await esbuild.build({ ...common, entryPoints: entries(path.join(SRC, 'vsix')), outdir: path.join(OUT, 'vsix') });
  // The packaged-extension session needs a development extension to host its tests; this empty one
  // contributes nothing, so the only Loss Lens loaded is the installed .vsix.
  const host = path.join(OUT, 'vsix-host');
  fs.mkdirSync(host, { recursive: true });
  fs.writeFileSync(
    path.join(host, 'package.json'),
    JSON.stringify({ name: 'vsix-test-host', publisher: 'loss-lens-tests', version: '0.0.0', engines: { vscode: '*' } }, null, 2),
  );
  return { out: OUT, index: path.join(OUT, 'index.js'), vsixIndex: path.join(OUT, 'vsix', 'index.js'), vsixHost: host };
}

module.exports = { compileIntegrationTests, ROOT };

if (require.main === module) {
  compileIntegrationTests().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
