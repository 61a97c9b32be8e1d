#!/usr/bin/env node
// Integration tests in a real VS Code: code-server (installed on first use by setup-vscode.js) driven
// by headless Debian Chromium through playwright-core. Two sessions:
//   1. dev:  the repo is the extension under development; runs out/integration/*.test.js;
//   2. vsix: `npm run package` output installed with --install-extension; runs out/integration/vsix/.
// The extension host runs the suite's run(); the workbench reports the result through
// window.codeAutomationExit(code), which we expose with Playwright. Mocha writes its report to a
// file we stream, because the extension host's console never reaches this terminal.
// Artifacts (logs, screenshots, activation.json) go to artifacts/. Last line: "N passed, N failed".
//
// Options: --only dev|vsix, --grep TEXT, --keep (keep temp folders). Env: LOSS_LENS_IT_TIMEOUT_MS.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { ensureRuntime } = require('./setup-vscode');
const { compileIntegrationTests, ROOT } = require('./lib/compileTests');
const { makeSessionDirs, writeUserSettings, installExtension, startCodeServer } = require('./lib/codeServer');

const ARTIFACTS = path.join(ROOT, 'artifacts');
const SESSION_TIMEOUT_MS = Number(process.env.LOSS_LENS_SESSION_TIMEOUT_MS ?? 8 * 60_000);
const TOTAL_TIMEOUT_MS = Number(process.env.LOSS_LENS_IT_TIMEOUT_MS ?? 20 * 60_000);
const CHROMIUM = process.env.LOSS_LENS_CHROMIUM ?? '/usr/bin/chromium';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = opt('--only');
const grep = opt('--grep');
const keep = argv.includes('--keep');

const cleanups = [];
let passed = 0;
let failed = 0;
let watchdog;

function say(msg) {
  process.stdout.write(`${msg}\n`);
}

function finish(code) {
  while (cleanups.length) {
    try {
      cleanups.pop()();
    } catch {}
  }
  say(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => finish(130));

/** Sums mocha's "N passing / N failing" lines from a session's report. */
function countReport(text) {
  const p = [...text.matchAll(/^\s*(\d+) passing/gm)].pop();
  const f = [...text.matchAll(/^\s*(\d+) failing/gm)].pop();
  return { p: p ? Number(p[1]) : 0, f: f ? Number(f[1]) : 0, complete: Boolean(p || f) };
}

/** Follows a file as it grows and echoes new text to stdout; returns a function that stops and flushes. */
function follow(file) {
  let offset = 0;
  const pump = () => {
    if (!fs.existsSync(file)) return;
    const size = fs.statSync(file).size;
    if (size <= offset) return;
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(size - offset);
    fs.readSync(fd, buf, 0, buf.length, offset);
    fs.closeSync(fd);
    offset = size;
    process.stdout.write(buf);
  };
  const timer = setInterval(pump, 200);
  return () => {
    clearInterval(timer);
    pump();
  };
}

const safeName = (name) => String(name).replace(/[^\w.-]+/g, '_').slice(0, 80) || 'screenshot';

/** Loopback endpoint the tests call (helpers.ts) to screenshot or read the page the runner drives. */
function startControlServer(getPage) {
  const routes = {
    async screenshot({ name, target }) {
      const page = getPage();
      const file = path.join(ARTIFACTS, `${safeName(name)}.png`);
      if (target === 'webview') {
        const frame = page.locator('iframe.webview.ready').last();
        await frame.screenshot({ path: file, timeout: 10_000 });
      } else {
        await page.screenshot({ path: file, timeout: 10_000 });
      }
      return { path: file };
    },
    async 'webview-text'() {
      const page = getPage();
      // A webview is an iframe whose document hosts the extension's page in an inner "active-frame".
      const frames = page.frames().filter((f) => f.name() === 'active-frame' || /\/fake\.html/.test(f.url()));
      const texts = [];
      for (const f of frames) texts.push(await f.evaluate(() => document.body?.innerText ?? '').catch(() => ''));
      return { texts };
    },
    async 'workbench-text'({ selector }) {
      if (typeof selector !== 'string' || !selector) throw new Error(`selector must be a non-empty CSS selector string, got ${JSON.stringify(selector)}`);
      return { texts: await getPage().locator(selector).allInnerTexts() };
    },
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const route = routes[(req.url ?? '').replace(/^\//, '').split('?')[0]];
      try {
        if (!route || req.method !== 'POST') throw Object.assign(new Error(`unknown control route ${req.method} ${req.url}`), { status: 404 });
        const result = await route(body ? JSON.parse(body) : {});
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      } catch (e) {
        res.writeHead(e.status ?? 500, { 'content-type': 'text/plain' }).end(String(e.message ?? e));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })));
}

/**
 * One code-server + Chromium session that runs a compiled suite. Resolves with the report counts.
 * `devPath` is the extension development folder, `testsIndex` the compiled index.js.
 */
async function runSession(label, runtime, { devPath, testsIndex, prepare }) {
  const { chromium } = require('playwright-core');
  const dirs = makeSessionDirs(label);
  if (keep) say(`${label} session: keeping its profile and workspace in ${dirs.base}`);
  else cleanups.push(() => fs.rmSync(dirs.base, { recursive: true, force: true }));
  writeUserSettings(dirs.userData);
  const workspace = path.join(dirs.base, 'workspace');
  fs.cpSync(path.join(ROOT, 'test', 'workspace'), workspace, { recursive: true });
  if (prepare) prepare(dirs);

  const report = path.join(ARTIFACTS, `${label}-mocha.log`);
  for (const f of ['mocha', 'code-server', 'browser-console']) fs.rmSync(path.join(ARTIFACTS, `${label}-${f}.log`), { force: true });
  fs.writeFileSync(report, '');
  let page;
  const control = await startControlServer(() => page);
  cleanups.push(() => control.server.close());

  const server = await startCodeServer(runtime, dirs, {
    smokeTestDriver: true,
    logFile: path.join(ARTIFACTS, `${label}-code-server.log`),
    env: {
      LOSS_LENS_TEST_LOG: report,
      LOSS_LENS_CONTROL_URL: control.url,
      LOSS_LENS_ARTIFACTS: ARTIFACTS,
      LOSS_LENS_EXTENSIONS_DIR: dirs.extensions,
      ...(grep ? { LOSS_LENS_TEST_GREP: grep } : {}),
    },
  });
  cleanups.push(server.stop);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  cleanups.push(() => browser.close().catch(() => {}));
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const consoleLog = fs.openSync(path.join(ARTIFACTS, `${label}-browser-console.log`), 'w');
  page.on('console', (m) => fs.writeSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => fs.writeSync(consoleLog, `[pageerror] ${e.stack ?? e}\n`));

  let reportExit;
  const exited = new Promise((resolve) => (reportExit = resolve));
  // The workbench calls this when the extension host finished the suite (smoke-test driver API).
  await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
  page.on('crash', () => reportExit('the page crashed'));
  browser.on('disconnected', () => reportExit('the browser disconnected'));
  server.child.on('exit', (c, sig) => reportExit(`code-server exited (${c ?? sig})`));
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p.split(path.sep).join('/')}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(devPath)],
    ['extensionTestsPath', remote(testsIndex)],
  ]);
  const url = `${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;

  say(`\n== ${label} session: code-server on ${server.url}`);
  const stopFollowing = follow(report);
  const started = Date.now();
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), SESSION_TIMEOUT_MS)));
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  const code = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  stopFollowing();

  if (code === 'timeout') await page.screenshot({ path: path.join(ARTIFACTS, `${label}-timeout.png`) }).catch(() => {});
  await browser.close().catch(() => {});
  server.stop();
  fs.closeSync(consoleLog);

  const counts = countReport(fs.readFileSync(report, 'utf8'));
  const secs = Math.round((Date.now() - started) / 1000);
  copyLogs(dirs.userData, path.join(ARTIFACTS, `${label}-vscode-logs`));
  if (code === 'timeout') say(`${label} session: no result after ${SESSION_TIMEOUT_MS / 1000} s (screenshot: artifacts/${label}-timeout.png)`);
  else if (typeof code === 'string') say(`${label} session: ${code} after ${secs} s`);
  else say(`${label} session: extension host exited with ${code} after ${secs} s`);
  if (!counts.complete) {
    say(`${label} session: the suite produced no mocha summary; see artifacts/${label}-*.log`);
    return { p: 0, f: 1 };
  }
  // A non-zero exit with zero failing tests (e.g. run() threw) still counts as a failure.
  return { p: counts.p, f: counts.f + (code !== 0 && counts.f === 0 ? 1 : 0) };
}

/** Keeps VS Code's own logs (server, extension host, remote agent) of a session for post-mortems. */
function copyLogs(userData, to) {
  fs.rmSync(to, { recursive: true, force: true });
  const from = path.join(userData, 'logs');
  if (fs.existsSync(from)) fs.cpSync(from, to, { recursive: true });
}

/** Builds the production .vsix with vsce, the same command `npm run package` runs. */
function packageVsix() {
  const { version, name } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const vsix = path.join(ROOT, `${name}-${version}.vsix`);
  fs.rmSync(vsix, { force: true });
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0 || !fs.existsSync(vsix)) throw new Error(`npm run package failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  // vsce's prepublish left a minified, map-less dist/; restore the development build for everyone else.
  spawnSync('node', ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  const kb = Math.round(fs.statSync(vsix).size / 1024);
  say(`packaged ${path.basename(vsix)} (${kb} KB)`);
  return vsix;
}

async function main() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install the Debian package (apt-get install -y chromium) or set LOSS_LENS_CHROMIUM to a Chromium binary`);
  }
  const build = spawnSync('node', ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('node esbuild.js failed; the extension must build before it can be tested');
  const compiled = await compileIntegrationTests();
  const runtime = ensureRuntime();
  // The whole run after the one-time install is bounded: a hung editor or browser must never hang CI.
  watchdog = setTimeout(() => {
    say(`\nintegration tests: the run exceeded ${TOTAL_TIMEOUT_MS / 1000} s; stopping`);
    failed += 1;
    finish(1);
  }, TOTAL_TIMEOUT_MS);

  const sessions = [];
  if (!only || only === 'dev') sessions.push(() => runSession('dev', runtime, { devPath: ROOT, testsIndex: compiled.index }));
  if (!only || only === 'vsix') {
    sessions.push(() => {
      const vsix = packageVsix();
      return runSession('vsix', runtime, {
        devPath: compiled.vsixHost,
        testsIndex: compiled.vsixIndex,
        prepare: (dirs) => installExtension(runtime, dirs, vsix),
      });
    });
  }
  for (const session of sessions) {
    let c;
    try {
      c = await session();
    } catch (e) {
      say(`\n${e.stack ?? e}`);
      c = { p: 0, f: 1 };
    }
    passed += c.p;
    failed += c.f;
    while (cleanups.length) {
      try {
        cleanups.pop()();
      } catch {}
    }
  }
  say(`\nartifacts: ${path.relative(process.cwd(), ARTIFACTS) || '.'}/ (mocha reports, code-server and browser logs, screenshots)`);
}

main().then(
  () => {
    clearTimeout(watchdog);
    finish(failed > 0 ? 1 : 0);
  },
  (e) => {
    say(`\nintegration tests could not run: ${e.message ?? e}`);
    failed += 1;
    finish(1);
  },
);
