// `npm test`: build, type-check, unit tests, webview browser tests, then the real-editor
// integration tests. Stops at the first failing stage and ends with one "N passed, N failed" line.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const stages = [
  { name: 'build', cmd: ['node', 'esbuild.js'] },
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'typecheck webview', cmd: ['npx', 'tsc', '--noEmit', '-p', 'src/webview'], when: 'src/webview/tsconfig.json' },
  { name: 'unit tests', cmd: ['npx', 'mocha'], counts: true },
  { name: 'webview tests', cmd: ['node', 'scripts/webview-tests.js'], when: 'scripts/webview-tests.js', counts: true },
  { name: 'integration tests', cmd: ['node', 'scripts/integration-tests.js'], when: 'scripts/integration-tests.js', counts: true },
];

let passed = 0;
let failed = 0;

/** Reads mocha's "N passing / N failing" or a plain "N passed, N failed" line from a stage's output. */
function count(output) {
  const plain = [...output.matchAll(/^\s*(\d+) passed, (\d+) failed/gm)].pop();
  if (plain) return { p: Number(plain[1]), f: Number(plain[2]) };
  const p = [...output.matchAll(/^\s*(\d+) passing/gm)].pop();
  const f = [...output.matchAll(/^\s*(\d+) failing/gm)].pop();
  return { p: p ? Number(p[1]) : 0, f: f ? Number(f[1]) : 0 };
}

for (const stage of stages) {
  if (stage.when && !fs.existsSync(stage.when)) continue;
  process.stdout.write(`\n== ${stage.name}: ${stage.cmd.join(' ')}\n`);
  const r = spawnSync(stage.cmd[0], stage.cmd.slice(1), {
    stdio: stage.counts ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (stage.counts) {
    process.stdout.write(r.stdout ?? '');
    const c = count(r.stdout ?? '');
    passed += c.p;
    failed += c.f;
  }
  if (r.status !== 0) {
    if (!stage.counts || failed === 0) failed += 1;
    process.stdout.write(`\n${stage.name} failed (exit ${r.status ?? r.signal})\n${passed} passed, ${failed} failed\n`);
    process.exit(1);
  }
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
