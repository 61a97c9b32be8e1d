#!/usr/bin/env node
// `npm run test:electron`: the same integration suite (out/integration) in desktop VS Code, downloaded
// by @vscode/test-electron. For developers with internet access; `npm test` never runs it (it uses
// code-server, see scripts/integration-tests.js). Runner-only helpers (screenshots) are no-ops here.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');
const { compileIntegrationTests, ROOT } = require('./lib/compileTests');

async function main() {
  const build = spawnSync('node', ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('node esbuild.js failed');
  const compiled = await compileIntegrationTests();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'loss-lens-electron-'));
  const workspace = path.join(base, 'workspace');
  fs.cpSync(path.join(ROOT, 'test', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.LOSS_LENS_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: compiled.index,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(base, 'user-data')}`,
        `--extensions-dir=${path.join(base, 'extensions')}`,
      ],
      extensionTestsEnv: { LOSS_LENS_ARTIFACTS: path.join(ROOT, 'artifacts') },
    });
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`test:electron failed: ${e.message ?? e}`);
  console.error('(it downloads desktop VS Code, so it needs internet; offline, use `npm run test:integration`)');
  process.exit(1);
});
