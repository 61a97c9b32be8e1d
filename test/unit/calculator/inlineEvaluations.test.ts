import * as assert from 'node:assert/strict';
import { DocumentAnalysis, lossSites } from '../../../src/analysis';
import { inlineHint, MAX_INLINE_LITERAL, presetForSite, type InlineHint, type SiteLike } from '../../../src/calculator/inline';
import { InlineEvaluations, LATER, type InlineLimits } from '../../../src/calculator/inlineEvaluations';
import { logicalLines, type LogicalLine } from '../../../src/calculator/logicalLines';
import { testGrammar } from '../analysis/grammar';

const HEADER = 'import torch\nimport torch.nn.functional as F\n';

/** The loss calls of `src` with the logical lines they are read with. */
async function calls(src: string): Promise<{ lines: LogicalLine[]; sites: SiteLike[] }> {
  const doc = new DocumentAnalysis(await testGrammar(), src);
  try {
    return { lines: logicalLines(src), sites: lossSites(doc).filter((s) => s.kind !== 'construction') };
  } finally {
    doc.dispose();
  }
}

async function hints(src: string): Promise<(InlineHint | undefined)[]> {
  const { lines, sites } = await calls(src);
  return sites.map((s) => inlineHint(lines, s, 'en'));
}

/** A clock that moves `step` ms each time it is read, counting the reads. */
function steppingClock(step: number): { now: () => number; reads: () => number } {
  let t = 0;
  let reads = 0;
  return {
    now: () => {
      reads++;
      return (t += step);
    },
    reads: () => reads,
  };
}

const literalOf = (n: number) => `torch.tensor([${Array.from({ length: n }, (_, i) => `${i}.5`).join(', ')}])`;

describe('inline values within a budget', () => {
  it('says a literal longer than the limit is too large to evaluate inline, naming the argument and both sizes', async () => {
    const big = literalOf(4_000);
    assert.ok(big.length > MAX_INLINE_LITERAL);
    const direct = await hints(HEADER + `F.l1_loss(${big}, torch.zeros(4000))\n`);
    const bound = await hints(HEADER + `x = ${big}\nF.l1_loss(x, torch.zeros(4000))\n`);
    for (const [h] of [direct, bound]) {
      assert.equal(h?.kind, 'tooLarge');
      assert.equal(h.label, `input: too large to evaluate inline (${big.length.toLocaleString('en')} characters; limit 20,000)`);
    }
  });

  it('says nothing about size when another argument is not a literal at all', async () => {
    const [h] = await hints(HEADER + `F.l1_loss(${literalOf(4_000)}, model(x))\n`);
    assert.equal(h, undefined);
  });

  it('still evaluates small literals, with the value where the hint sits', async () => {
    const src = HEADER + 'F.l1_loss(torch.tensor([0.5, 1.5]), torch.zeros(2))\n';
    const [h] = await hints(src);
    assert.equal(h?.kind, 'value');
    assert.equal(h.label, '= 1');
    assert.equal(src.slice(h.at - 1, h.at), ')');
  });

  it('remembers each call by its text: a second request evaluates nothing, and the hint follows the call when it moves', async () => {
    const src = HEADER + 'F.l1_loss(torch.tensor([0.5, 1.5]), torch.zeros(2))\n';
    const clock = steppingClock(1);
    const evaluations = new InlineEvaluations(undefined, clock.now);
    const first = await calls(src);
    const h1 = evaluations.request('en')(first.lines, first.sites[0]);
    const readsAfterFirst = clock.reads();
    const moved = await calls('\n\n' + src);
    const h2 = evaluations.request('en')(moved.lines, moved.sites[0]);
    // Starting the second request reads the clock once; an evaluation would read it twice more.
    assert.equal(clock.reads(), readsAfterFirst + 1);
    assert.ok(h1 && h1 !== LATER && h2 && h2 !== LATER);
    assert.equal(h2.label, h1.label);
    assert.equal(h2.at, h1.at + 2);
  });

  it('shows an evaluation slower than the hint budget as too large, and does not run it again', async () => {
    const src = HEADER + 'F.l1_loss(torch.tensor([0.5, 1.5]), torch.zeros(2))\n';
    const limits: InlineLimits = { hintMs: 250, requestMs: 10_000, remembered: 8 };
    const clock = steppingClock(1_000);
    const evaluations = new InlineEvaluations(limits, clock.now);
    const { lines, sites } = await calls(src);
    const h = evaluations.request('en')(lines, sites[0]);
    assert.ok(h && h !== LATER && h.kind === 'tooLarge');
    assert.equal(h.label, 'too large to evaluate inline (took 1,000 ms; limit 250 ms)');
    const reads = clock.reads();
    assert.deepEqual(evaluations.request('en')(lines, sites[0]), h);
    assert.equal(clock.reads(), reads + 1);
  });

  it('stops starting evaluations once a request has spent its time, and the next request goes on from there', async () => {
    const src = HEADER + ['F.l1_loss(torch.tensor([1.0]), torch.zeros(1))', 'F.l1_loss(torch.tensor([2.0]), torch.zeros(1))', 'F.l1_loss(torch.tensor([3.0]), torch.zeros(1))', ''].join('\n');
    const limits: InlineLimits = { hintMs: 10_000, requestMs: 150, remembered: 8 };
    const evaluations = new InlineEvaluations(limits, steppingClock(100).now);
    const { lines, sites } = await calls(src);
    const labels = (request: ReturnType<InlineEvaluations['request']>) => sites.map((s) => {
      const h = request(lines, s);
      return h === LATER ? LATER : h?.label;
    });
    assert.deepEqual(labels(evaluations.request('en')), ['= 1', LATER, LATER]);
    assert.deepEqual(labels(evaluations.request('en')), ['= 1', '= 2', LATER]);
    assert.deepEqual(labels(evaluations.request('en')), ['= 1', '= 2', '= 3']);
  });

  it('forgets the least recently used call beyond its limit', async () => {
    const src = HEADER + ['F.l1_loss(torch.tensor([1.0]), torch.zeros(1))', 'F.l1_loss(torch.tensor([2.0]), torch.zeros(1))', ''].join('\n');
    const clock = steppingClock(1);
    const evaluations = new InlineEvaluations({ hintMs: 10_000, requestMs: 10_000, remembered: 1 }, clock.now);
    const { lines, sites } = await calls(src);
    evaluations.request('en')(lines, sites[0]);
    evaluations.request('en')(lines, sites[1]);
    const reads = clock.reads();
    evaluations.request('en')(lines, sites[0]);
    assert.equal(clock.reads(), reads + 3, 'the first call was forgotten and evaluated again');
  });
});

describe('inline values of hostile literals (with the evaluator budget)', () => {
  const HOSTILE: [string, string][] = [
    ['one_hot of index 100,000,000', 'F.l1_loss(F.one_hot(torch.tensor([100000000])), torch.zeros(1, 100000001))'],
    ['a (5000, 1) against (1, 5000) broadcast', 'F.mse_loss(torch.zeros(5000, 1), torch.ones(1, 5000))'],
    ['torch.zeros(10000000)', 'F.mse_loss(torch.zeros(10000000), torch.zeros(10000000))'],
  ];
  for (const [what, call] of HOSTILE) {
    it(`says ${what} is too large to evaluate inline, within a generous bound`, async function () {
      this.timeout(60_000);
      const src = HEADER + call + '\n';
      const { lines, sites } = await calls(src);
      const t = performance.now();
      const h = inlineHint(lines, sites[0], 'en');
      const ms = performance.now() - t;
      assert.equal(h?.kind, 'tooLarge');
      assert.match(h.label, /too large to evaluate inline \([\d,]+ elements; limit [\d,]+\)/);
      assert.ok(ms < 5_000, `${ms.toFixed(0)} ms`);
    });
  }

  it('keeps a literal too large for inline values in the calculator preset', async () => {
    const src = HEADER + 'F.mse_loss(torch.zeros(10000000), torch.zeros(10000000))\n';
    const { lines, sites } = await calls(src);
    assert.deepEqual(presetForSite(lines, sites[0]).args, { input: 'torch.zeros(10000000)', target: 'torch.zeros(10000000)' });
  });
});
