// `npm run bench [-- --json]`: runs every dist/bench/*.bench.js in turn, each in its own process.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', 'dist', 'bench');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.bench.js')).sort() : [];
if (files.length === 0) {
  console.error('no benchmarks built (expected bench/*.bench.ts)');
  process.exit(1);
}
let status = 0;
for (const f of files) {
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(dir, f), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) status = 1;
}
process.exit(status);
