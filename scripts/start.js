#!/usr/bin/env node
// `npm start`: build, install the code-server runtime if needed (first run ≈ 5 minutes), and serve a
// real VS Code on 127.0.0.1 with Loss Lens loaded from this folder on examples/. Prints the URL to
// open; Ctrl+C stops the server. Env: PORT (default: any free port).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensureRuntime } = require('./setup-vscode');
const { writeUserSettings, startCodeServer } = require('./lib/codeServer');

const ROOT = path.resolve(__dirname, '..');

async function main() {
  const build = spawnSync('node', ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('node esbuild.js failed; fix the build first');
  const runtime = ensureRuntime();

  // One persistent profile so settings and open editors survive restarts; it never touches ~/.
  const base = path.join(ROOT, '.vscode-test', 'start');
  const dirs = {
    base,
    userData: path.join(base, 'user-data'),
    extensions: path.join(base, 'extensions'),
    config: path.join(base, 'xdg-config'),
    data: path.join(base, 'xdg-data'),
    cache: path.join(base, 'xdg-cache'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  if (!fs.existsSync(path.join(dirs.userData, 'User', 'settings.json'))) {
    writeUserSettings(dirs.userData, { 'workbench.colorTheme': 'Default Dark Modern', 'editor.inlayHints.enabled': 'on' });
  }

  const log = path.join(base, 'code-server.log');
  const server = await startCodeServer(runtime, dirs, {
    logFile: log,
    port: Number(process.env.PORT ?? 0),
    // The built workbench honours the `payload` URL parameter (which loads the extension under
    // development) only with the smoke-test driver enabled.
    smokeTestDriver: true,
  });
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', (code) => {
    process.stderr.write(`code-server exited (${code}); see ${log}\n`);
    process.exit(1);
  });

  const remote = `vscode-remote://127.0.0.1:${server.port}${ROOT}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', remote]]);
  const url = `${server.url}?folder=${encodeURIComponent(path.join(ROOT, 'examples'))}&payload=${encodeURIComponent(payload)}`;
  process.stdout.write(
    `\nLoss Lens is loaded in VS Code (code-server) on examples/. Open:\n\n  ${url}\n\n` +
      `Rebuild with \`npm run watch\` in another terminal and reload the page to pick up changes.\n` +
      `Server log: ${path.relative(ROOT, log)}. Press Ctrl+C to stop.\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`npm start failed: ${e.message ?? e}\n`);
  process.exit(1);
});
