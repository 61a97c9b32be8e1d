// Builds the CommonJS bundles in dist/ and copies the tree-sitter grammars beside them.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Every bench/*.bench.ts becomes dist/bench/<name>.js; scripts/bench.js runs them all. */
function benchEntries() {
  if (!fs.existsSync('bench')) return [];
  return fs
    .readdirSync('bench')
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => ({ entry: `bench/${f}`, out: `dist/bench/${f.replace(/\.ts$/, '.js')}`, platform: 'node', dev: true }));
}

/** Bundles whose entry file exists; features add theirs as they land. */
const bundles = [
  { entry: 'src/extension/main.ts', out: 'dist/extension.js', platform: 'node', external: ['vscode'] },
  { entry: 'src/cli/main.ts', out: 'dist/cli.js', platform: 'node', banner: '#!/usr/bin/env node' },
  { entry: 'src/engine/index.ts', out: 'dist/engine.js', platform: 'neutral', format: 'cjs' },
  { entry: 'src/webview/main.ts', out: 'dist/webview.js', platform: 'browser', format: 'iife' },
  ...benchEntries(),
].filter((b) => fs.existsSync(b.entry) && !(production && b.dev));

const copies = [
  ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/web-tree-sitter.wasm'],
  ['node_modules/tree-sitter-python/tree-sitter-python.wasm', 'dist/tree-sitter-python.wasm'],
];

/** The calculator webview loads KaTeX's stylesheet and fonts from dist/, never from a CDN. */
const copyDirs = [['node_modules/katex/dist/fonts', 'dist/katex/fonts', /\.woff2$/]];
copies.push(['node_modules/katex/dist/katex.min.css', 'dist/katex/katex.min.css']);

function copyAssets() {
  fs.mkdirSync('dist', { recursive: true });
  for (const [from, to] of copies) {
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  }
  for (const [from, to, only] of copyDirs) {
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(to, { recursive: true });
    for (const f of fs.readdirSync(from)) if (only.test(f)) fs.copyFileSync(path.join(from, f), path.join(to, f));
  }
}

/** Newest modification time under a folder (or of a file), in ms. */
function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** Hover formulas are SVGs rendered at build time (hovers cannot run a math renderer); skipped when fresh. */
function renderFormulas() {
  const script = 'scripts/render-formulas.ts';
  if (!fs.existsSync(script)) return;
  const stamp = 'media/formulas/.stamp';
  if (newest(stamp) > Math.max(newest('src/catalogue'), newest(script), newest('scripts/formulaSvg.ts'))) return;
  const r = require('node:child_process').spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${script} failed`);
  fs.writeFileSync(stamp, '');
}

async function main() {
  copyAssets();
  renderFormulas();
  const contexts = await Promise.all(
    bundles.map((b) =>
      esbuild.context({
        entryPoints: [b.entry],
        outfile: b.out,
        bundle: true,
        format: b.format ?? 'cjs',
        platform: b.platform,
        // Benches use ESM entries too: tfjs-core's CJS bundle lacks gradients, and one module graph keeps one tfjs engine.
        mainFields: b.platform === 'neutral' || b.dev ? ['module', 'main'] : undefined,
        target: b.platform === 'browser' ? 'es2022' : 'node20',
        external: b.external ?? [],
        banner: b.banner ? { js: b.banner } : undefined,
        sourcemap: !production,
        minify: production,
        sourcesContent: false,
        logLevel: 'warning',
        loader: { '.wasm': 'file' },
      }),
    ),
  );
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
