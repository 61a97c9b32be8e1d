// Behaviour of the calculator page in a real browser. Each test gets a fresh page; the runner
// (scripts/webview-tests.js) also fails a test on any CSP violation, page error or off-host request.
const assert = require('node:assert/strict');
const { require: tsRequire } = require('tsx/cjs/api');
const fixture = require('../fixtures/calculator/examples.json');
const { computeSession, defaultInputs } = tsRequire('../../src/calculator/session.ts', __filename);
const { exampleArgs } = tsRequire('../../src/calculator/examples.ts', __filename);

const close = (got, want, what) => assert.ok(Math.abs(got - want) <= 1e-6 + 1e-5 * Math.abs(want), `${what}: got ${got}, want ${want}`);

async function open({ page, origin, env }, query = '?theme=light') {
  const ready = env.nextMessage((m) => m.type === 'ready');
  await page.goto(`${origin}/${query}`);
  await ready;
}

async function value(page) {
  await page.waitForSelector('#result-value');
  return Number(await page.getAttribute('#result-value', 'data-value'));
}

/** Counts canvas pixels that are not transparent: a drawn chart has thousands. */
async function inkedPixels(page, selector) {
  return page.$eval(selector, (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
}

function post(page, message) {
  return page.evaluate((m) => window.postMessage(m, '*'), message);
}

module.exports = [
  {
    name: 'lists all 21 losses and computes the example MSELoss value PyTorch gives',
    async run(ctx) {
      const first = ctx.env.nextMessage((m) => m.type === 'result' && m.summary.value !== null);
      await open(ctx);
      const options = await ctx.page.$$eval('#loss-select option', (os) => os.map((o) => o.value));
      assert.equal(options.length, 21);
      assert.ok(options.includes('CrossEntropyLoss') && options.includes('TripletMarginWithDistanceLoss'));
      const want = fixture.losses.MSELoss.output.data[0];
      close(await value(ctx.page), want, 'shown value');
      close((await first).summary.value, want, 'value reported to the host');
    },
  },
  {
    name: 'computes every loss of the list in the page exactly as the engine does in Node for the same inputs',
    async run(ctx) {
      await open(ctx);
      const modules = await ctx.page.$$eval('#loss-select option', (os) => os.map((o) => o.value));
      for (const module of modules.filter((m) => m !== 'MSELoss')) {
        const d = defaultInputs(module, exampleArgs);
        const node = computeSession(d, 'en');
        const shown = ctx.env.nextMessage((m) => m.type === 'result' && m.summary.module === module);
        await ctx.page.selectOption('#loss-select', module);
        const summary = (await shown).summary;
        if (!node.result) {
          assert.equal(summary.value, null, `${module}: the page computed a value the engine refuses`);
          continue;
        }
        const data = Array.from(node.result.output.data);
        const want = data.reduce((a, b) => a + b, 0);
        assert.ok(Object.is(summary.value, want) || Math.abs(summary.value - want) <= 1e-12 * Math.abs(want), `${module}: page ${summary.value}, engine ${want}`);
        await ctx.page.waitForSelector('#result-value');
      }
    },
  },
  {
    name: 'points at the offending character of a malformed tensor, keeps the text, and recomputes once it is fixed',
    async run(ctx) {
      await open(ctx);
      const bad = 'torch.tensor([[1.5, -0.5], [0.0 0.3]])';
      const errored = ctx.env.nextMessage((m) => m.type === 'result' && m.summary.error !== null);
      await ctx.page.fill('#arg-target', bad);
      await errored;
      await ctx.page.waitForSelector('#arg-target-error mark');
      assert.equal(await ctx.page.textContent('#arg-target-error mark'), '0');
      assert.match(await ctx.page.textContent('#arg-target-error'), /expected ',' or ']'/);
      assert.equal(await ctx.page.inputValue('#arg-target'), bad, 'the input is never cleared');
      assert.equal(await ctx.page.getAttribute('#arg-target', 'aria-invalid'), 'true');
      assert.equal(await ctx.page.$('#result-value'), null);
      // Fix it: input [[2,-1],[0.5,0.1]] (the example) against target [[1,0],[0,0]].
      const fixed = ctx.env.nextMessage((m) => m.type === 'result' && m.summary.value !== null);
      await ctx.page.fill('#arg-target', 'torch.tensor([[1.0, 0.0], [0.0, 0.0]])');
      const want = (1 ** 2 + (-1) ** 2 + 0.5 ** 2 + 0.1 ** 2) / 4;
      close((await fixed).summary.value, want, 'recomputed value');
      assert.equal(await ctx.page.textContent('#arg-target-error'), '');
    },
  },
  {
    name: 'computes a pasted million-element tensor and shows a truncated table instead of a million cells',
    async run(ctx) {
      await open(ctx);
      const n = 1_000_000;
      const xs = Array.from({ length: n }, (_, i) => (i % 7) * 0.5);
      await ctx.page.fill('#arg-target', `torch.zeros(${n})`);
      const computed = ctx.env.nextMessage((m) => m.type === 'result' && m.summary.value !== null && m.summary.value > 1, 60_000);
      await ctx.page.fill('#arg-input', '[' + xs.map((x) => x.toFixed(1)).join(', ') + ']');
      const want = xs.reduce((a, x) => a + x * x, 0) / n;
      close((await computed).summary.value, want, 'mean squared value');
      assert.match(await ctx.page.textContent('#arg-input-meta'), /\[1000000\] · float32/);
      assert.ok((await ctx.page.$$('#result table.heatmap td')).length <= 3 * 16 * 16, 'tables are truncated');
      assert.match(await ctx.page.textContent('#result'), /showing 16 of 1000000 values/);
    },
  },
  {
    name: "shows the engine's shape error next to the argument it names",
    async run(ctx) {
      await open(ctx);
      await ctx.page.fill('#arg-target', 'torch.tensor([1.0, 2.0, 3.0])');
      await ctx.page.waitForFunction(() => /must match/.test(document.getElementById('arg-target-error')?.textContent ?? ''));
      assert.match(await ctx.page.textContent('#arg-target-error'), /RuntimeError/);
      assert.match(await ctx.page.textContent('#arg-input-meta'), /\[2, 2\] · float32/);
    },
  },
  {
    name: 'draws the loss-vs-element plot with the current point, and overlays a comparison of regression losses',
    async run(ctx) {
      await open(ctx);
      await ctx.page.waitForSelector('#sweep-chart[data-drawn="3"]');
      assert.ok((await inkedPixels(ctx.page, '#sweep-chart')) > 2000, 'sweep chart has ink');
      await ctx.page.selectOption('#compare-select', 'regression');
      await ctx.page.waitForSelector('#compare-chart[data-drawn]');
      const drawn = Number(await ctx.page.getAttribute('#compare-chart', 'data-drawn'));
      const missing = await ctx.page.$$eval('#compare-notes div', (d) => d.length);
      assert.ok(drawn >= 1, 'at least MSELoss is drawn');
      assert.equal(drawn + missing, 4, 'every compared loss is either drawn or listed as unavailable');
      assert.ok((await inkedPixels(ctx.page, '#compare-chart')) > 2000, 'comparison chart has ink');
    },
  },
  {
    name: 'restores the selected loss, the typed inputs and the comparison after a reload',
    async run(ctx) {
      await open(ctx);
      await ctx.page.selectOption('#loss-select', 'HuberLoss');
      await ctx.page.waitForSelector('#param-delta');
      await ctx.page.fill('#arg-input', 'torch.tensor([3.0, -2.0, 0.25])');
      await ctx.page.fill('#param-delta', '0.5');
      await ctx.page.selectOption('#compare-select', 'margin');
      await open(ctx);
      assert.equal(await ctx.page.inputValue('#loss-select'), 'HuberLoss');
      assert.equal(await ctx.page.inputValue('#arg-input'), 'torch.tensor([3.0, -2.0, 0.25])');
      assert.equal(await ctx.page.inputValue('#param-delta'), '0.5');
      assert.equal(await ctx.page.inputValue('#compare-select'), 'margin');
    },
  },
  {
    name: 'applies a preset from the host: the loss, its parameters and literal arguments',
    async run(ctx) {
      await open(ctx);
      const computed = ctx.env.nextMessage((m) => m.type === 'result' && m.summary.value !== null && m.summary.value > 10);
      await post(ctx.page, {
        type: 'preset',
        seq: 1,
        preset: { module: 'MSELoss', params: { reduction: 'sum' }, args: { input: '[1.0, 2.0, 4.0]', target: { shape: [3], dtype: 'float32', data: [0, 0, 1] } } },
      });
      const summary = (await computed).summary;
      close(summary.value, 1 + 4 + 9, 'sum of squared errors');
      assert.equal(summary.preset, 1, 'the result names the preset it was computed for');
      assert.equal(await ctx.page.inputValue('#param-reduction'), 'sum');
      assert.match(await ctx.page.textContent('#result-explanation'), /sum over 3 elements/);
    },
  },
  {
    name: 'sends runnable PyTorch code to the host for "Copy" and "Insert at cursor"',
    async run(ctx) {
      await open(ctx);
      await value(ctx.page);
      const copied = ctx.env.nextMessage((m) => m.type === 'copy');
      await ctx.page.click('#copy');
      const code = (await copied).text;
      assert.match(code, /^import torch$/m);
      assert.match(code, /^loss_fn = nn\.MSELoss\(\)$/m);
      assert.match(code, /^input = torch\.tensor\(\[\[2\.0, -1\.0\], \[0\.5, 0\.1\]\], requires_grad=True\)$/m);
      const inserted = ctx.env.nextMessage((m) => m.type === 'insert');
      await ctx.page.keyboard.press('Tab');
      await ctx.page.focus('#insert');
      await ctx.page.keyboard.press('Enter');
      assert.equal((await inserted).text, code);
    },
  },
  {
    name: 'finds a loss from the search box by name or alias and selects it with the keyboard',
    async run(ctx) {
      await open(ctx);
      await ctx.page.focus('#loss-filter');
      await ctx.page.keyboard.type('huber');
      assert.deepEqual(await ctx.page.$$eval('#loss-select option', (os) => os.map((o) => o.value)), ['HuberLoss']);
      await ctx.page.keyboard.press('Enter');
      await ctx.page.waitForSelector('#param-delta');
      assert.equal(await ctx.page.inputValue('#loss-select'), 'HuberLoss');
      await ctx.page.fill('#loss-filter', 'sparse categorical');
      assert.deepEqual(await ctx.page.$$eval('#loss-select option', (os) => os.map((o) => o.value)), ['CrossEntropyLoss']);
    },
  },
  {
    name: 'switches the interface to Simplified Chinese when the host sends the display language',
    async run(ctx) {
      await open(ctx);
      await post(ctx.page, { type: 'locale', locale: 'zh' });
      await ctx.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      assert.equal(await ctx.page.textContent('#copy'), '复制为 PyTorch 代码');
      assert.match(await ctx.page.textContent('#result-explanation'), /求平均/);
    },
  },
  {
    name: 'renders the formula with KaTeX and its bundled fonts, nothing from the network',
    async run(ctx) {
      await open(ctx);
      await ctx.page.waitForSelector('#doc .katex');
      const loaded = await ctx.page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].filter((f) => f.family.includes('KaTeX') && f.status === 'loaded').length;
      });
      assert.ok(loaded >= 1, 'at least one KaTeX font loaded from dist/katex');
    },
  },
  {
    name: 'follows the light and dark theme colours (screenshots in artifacts/)',
    async run(ctx) {
      const backgrounds = [];
      for (const theme of ['light', 'dark']) {
        await open(ctx, `?theme=${theme}`);
        await ctx.page.waitForSelector('#sweep-chart[data-drawn="3"]');
        await ctx.page.selectOption('#compare-select', 'regression');
        await ctx.page.waitForSelector('#compare-chart[data-drawn]');
        backgrounds.push(await ctx.page.evaluate(() => getComputedStyle(document.body).backgroundColor));
        await ctx.page.screenshot({ path: `artifacts/calculator-${theme}.png`, fullPage: true });
      }
      assert.deepEqual(backgrounds, ['rgb(255, 255, 255)', 'rgb(31, 31, 31)']);
    },
  },
  {
    name: 'draws solid contrast borders and a visible focus ring in the high-contrast theme',
    async run(ctx) {
      await open(ctx, '?theme=high-contrast');
      await ctx.page.waitForSelector('#sweep-chart[data-drawn="3"]');
      assert.equal(await ctx.page.$eval('#result', (e) => getComputedStyle(e).borderTopColor), 'rgb(111, 195, 223)');
      assert.equal(await ctx.page.$eval('#result-value', (e) => getComputedStyle(e).color), 'rgb(255, 255, 255)');
      await ctx.page.focus('#loss-filter');
      await ctx.page.keyboard.press('Tab');
      const ring = await ctx.page.evaluate(() => {
        const s = getComputedStyle(document.activeElement);
        return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`;
      });
      assert.equal(ring, 'solid 2px rgb(243, 133, 24)');
      await ctx.page.screenshot({ path: 'artifacts/calculator-high-contrast.png', fullPage: true });
    },
  },
  {
    name: 'keeps computing when a preset names the reduction constructor, toString or __proto__ (no lookup reaches Object.prototype)',
    async run(ctx) {
      await open(ctx);
      await value(ctx.page);
      let seq = 0;
      for (const reduction of ['constructor', 'toString', '__proto__']) {
        seq++;
        const shown = ctx.env.nextMessage((m) => m.type === 'result' && m.summary.preset === seq);
        await post(ctx.page, { type: 'preset', seq, preset: { module: 'MSELoss', params: { reduction }, args: { input: '[1.0, 2.0]', target: '[0.0, 0.0]' } } });
        const summary = (await shown).summary;
        assert.equal(summary.value, null, reduction);
        assert.match(summary.error, new RegExp(`${reduction} is not a valid value for reduction`));
        assert.match(await ctx.page.textContent('#doc h2'), /nn\.MSELoss/);
        assert.match(await ctx.page.textContent('#param-reduction-error'), /is not a valid value for reduction/);
      }
      const fixed = ctx.env.nextMessage((m) => m.type === 'result' && m.summary.preset === seq + 1);
      await post(ctx.page, { type: 'preset', seq: seq + 1, preset: { module: 'MSELoss', params: { reduction: 'sum' }, args: { input: '[1.0, 2.0]', target: '[0.0, 0.0]' } } });
      close((await fixed).summary.value, 5, 'sum of squared errors after the bad reductions');
    },
  },
  {
    name: 'computes (1000, 1) against (1, 1000) once typing pauses and says why the sweep is not drawn',
    async run(ctx) {
      await open(ctx);
      await value(ctx.page);
      const computed = ctx.env.nextMessage((m) => m.type === 'result' && m.summary.value === 1, 30_000);
      await ctx.page.fill('#arg-input', 'torch.zeros(1000, 1)');
      await ctx.page.fill('#arg-target', 'torch.ones(1, 1000)');
      await computed;
      await ctx.page.waitForSelector('#sweep-note', { timeout: 30_000 });
      assert.match(await ctx.page.textContent('#sweep-note'), /^Not plotted: one evaluation of these inputs is [\d,]+ units of work/);
      assert.equal(await ctx.page.$eval('#sweep-chart', (c) => c.parentElement.hidden), true);
    },
  },
  {
    name: 'refuses to copy 10⁶ distinct values as code, saying why, and copies a large constant tensor as torch.zeros',
    async run(ctx) {
      await open(ctx);
      await value(ctx.page);
      const big = ctx.env.nextMessage((m) => m.type === 'result' && m.summary.value !== null && m.summary.value > 1000, 60_000);
      await ctx.page.fill('#arg-target', 'torch.zeros(1000000)');
      await ctx.page.fill('#arg-input', 'torch.arange(1000000.)');
      await big;
      await ctx.page.click('#copy');
      assert.match(await ctx.page.textContent('#status'), /input has 1,000,000 values; a snippet writes at most 10,000 of them/);
      const zeros = ctx.env.nextMessage((m) => m.type === 'result' && m.summary.value === 0, 60_000);
      await ctx.page.fill('#arg-input', 'torch.zeros(1000000)');
      await zeros;
      const copied = ctx.env.nextMessage((m) => m.type === 'copy');
      await ctx.page.click('#copy');
      const code = (await copied).text;
      assert.match(code, /^input = torch\.zeros\(\(1000000,\), dtype=torch\.float32, requires_grad=True\)$/m);
      assert.ok(code.length < 2000, `${code.length} characters`);
    },
  },
];
