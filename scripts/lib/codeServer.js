// Starts code-server on 127.0.0.1 with isolated user data, extensions and XDG folders, telemetry and
// update checks off, in its own process group so one kill ends the server and its extension hosts.
// Shared by scripts/integration-tests.js and scripts/start.js.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** Fresh folders for one code-server session under the system temp dir. */
function makeSessionDirs(label) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `loss-lens-${label}-`));
  const dirs = {
    base,
    userData: path.join(base, 'user-data'),
    extensions: path.join(base, 'extensions'),
    config: path.join(base, 'xdg-config'),
    data: path.join(base, 'xdg-data'),
    cache: path.join(base, 'xdg-cache'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  return dirs;
}

/** User settings that keep the session quiet and offline: no telemetry, updates, tours or trust prompts. */
function writeUserSettings(userDataDir, extra = {}) {
  const settings = {
    'telemetry.telemetryLevel': 'off',
    // Tests edit buffers and expect them unsaved until they save or revert them.
    'files.autoSave': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'npm.fetchOnlinePackageInfo': false,
    'window.restoreWindows': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...extra,
  };
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

function sessionEnv(runtime, dirs, extra) {
  return {
    ...process.env,
    PATH: `${path.dirname(runtime.node)}${path.delimiter}${process.env.PATH}`,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    VSCODE_CLI_DISABLE_TELEMETRY: '1',
    // No marketplace: the sessions must not reach the network (and there is none on CI).
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

function commonArgs(dirs) {
  return [
    '--auth', 'none',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
  ];
}

/** Installs a .vsix (or extension id) into the session's extensions folder; throws with output on failure. */
function installExtension(runtime, dirs, vsix) {
  const r = spawnSync(runtime.node, [runtime.codeServer, ...commonArgs(dirs), '--install-extension', vsix, '--force'], {
    env: sessionEnv(runtime, dirs, {}),
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 180_000,
  });
  const out = `${r.stdout}\n${r.stderr}`.trim();
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status ?? r.signal}):\n${out}`);
  return out;
}

/**
 * Starts code-server on 127.0.0.1 (port 0 = any free port) and resolves once it listens.
 * Returns { url, port, child, stop() }. Output goes to `logFile`.
 */
function startCodeServer(runtime, dirs, { env = {}, logFile, port = 0, smokeTestDriver = false, timeoutMs = 120_000 } = {}) {
  const args = [
    runtime.codeServer,
    ...commonArgs(dirs),
    '--bind-addr', `127.0.0.1:${port}`,
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const log = fs.openSync(logFile, 'a');
  const child = spawn(runtime.node, args, {
    env: sessionEnv(runtime, dirs, env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: stop() kills the server and every extension host it forked
  });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const sig of ['SIGTERM', 'SIGKILL']) {
      try {
        process.kill(-child.pid, sig);
      } catch {
        break; // the group is gone
      }
      if (sig === 'SIGTERM') spawnSync('sleep', ['1']); // grace period for the server to close its children
    }
    try {
      fs.closeSync(log);
    } catch {}
  };
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`code-server did not start listening within ${timeoutMs / 1000} s; see ${logFile}`));
    }, timeoutMs);
    const onData = (chunk) => {
      if (!stopped) fs.writeSync(log, chunk);
      if (seen === null) return;
      seen += chunk.toString();
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+)\/?)/.exec(seen);
      if (m) {
        seen = null;
        clearTimeout(timer);
        resolve({ url: m[1].replace(/\/?$/, '/'), port: Number(m[2]), child, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      if (seen === null) return;
      clearTimeout(timer);
      reject(new Error(`code-server exited before listening (${code ?? signal}):\n${seen.split('\n').slice(-20).join('\n')}`));
    });
  });
}

module.exports = { makeSessionDirs, writeUserSettings, installExtension, startCodeServer };
