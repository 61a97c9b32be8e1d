// Browser tests of the Loss Calculator page: Debian's chromium driven by playwright-core (nothing
// downloads a browser). Loads dist/webview.js in the same HTML and CSP the panel uses, served on
// 127.0.0.1. Prints "N passed, N failed" last and exits non-zero on any failure.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
process.chdir(root);
if (!fs.existsSync('dist/webview.js')) {
  const r = spawnSync('node', ['esbuild.js'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}

const { chromium } = require('playwright-core');
const { startHarness } = require('../test/webview/harness');
const tests = require('../test/webview/calculator.spec');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function main() {
  fs.mkdirSync('artifacts', { recursive: true });
  const harness = await startHarness();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  let passed = 0;
  let failed = 0;
  try {
    for (const test of tests) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
      const page = await context.newPage();
      const env = await instrument(page, harness.origin);
      try {
        await test.run({ page, origin: harness.origin, env });
        const problems = [...env.offsite, ...env.pageErrors, ...(await violations(page))];
        if (problems.length) throw new Error(`page problems: ${problems.join('; ')}`);
        passed++;
        process.stdout.write(`  ✓ ${test.name}\n`);
      } catch (e) {
        failed++;
        process.stdout.write(`  ✗ ${test.name}\n      ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n      ')}\n`);
        await page.screenshot({ path: `artifacts/failed-${failed}.png`, fullPage: true }).catch(() => {});
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await harness.close();
  }
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  process.exit(failed > 0 ? 1 : 0);
}

/** Records requests leaving 127.0.0.1, uncaught page errors and the host-bound messages. */
async function instrument(page, origin) {
  const env = { offsite: [], pageErrors: [], messages: [], waiters: [] };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    env.offsite.push(`request to ${url}`);
    return route.abort();
  });
  page.on('pageerror', (e) => env.pageErrors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') env.pageErrors.push(`console error: ${m.text()}`);
  });
  await page.exposeFunction('__notifyHost', (m) => {
    env.messages.push(m);
    env.waiters = env.waiters.filter((w) => !w(m));
  });
  /** Resolves with the first message (already received or coming) that satisfies `pred`. */
  env.nextMessage = (pred, timeout = 15000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a message from the page')), timeout);
      env.waiters.push((m) => {
        if (!pred(m)) return false;
        clearTimeout(timer);
        resolve(m);
        return true;
      });
    });
  return env;
}

async function violations(page) {
  if (page.isClosed()) return [];
  const v = await page.evaluate(() => window.__violations ?? []).catch(() => []);
  return v.map((x) => `CSP violation: ${x}`);
}

main().catch((e) => {
  console.error(e);
  process.stdout.write('\n0 passed, 1 failed\n');
  process.exit(1);
});
