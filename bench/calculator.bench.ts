// `npm run bench`: the calculator's per-keystroke work, as ratios to baselines measured in the same run:
// parsing a pasted 10⁶-element tensor literal vs JSON.parse of the same text, and a full calculator
// update (parse + value + gradient + unreduced losses + explanation) vs JSON.parse + one engine call,
// and a keystroke on MSELoss of (1000, 1) against (1, 1000) (a 10⁶-element broadcast) with the sweep
// on its work budget vs the 121 evaluations the sweep used to make.
import { parseTensorLiteral } from '../src/calculator/literal';
import { computeSession } from '../src/calculator/session';
import { sweep } from '../src/calculator/sweep';
import { CALCULATOR_BUDGET, evaluate } from '../src/engine';

const JSON_OUT = process.argv.includes('--json');
const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(runs: number, f: () => void): number {
  // Warm up until the JIT has settled, so the ratio compares steady states.
  for (let i = 0; i < Math.max(3, runs / 2); i++) f();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

function main(): void {
  const big = '[' + Array.from({ length: 1_000_000 }, (_, i) => ((i % 1000) / 7).toFixed(4)).join(', ') + ']';
  const jsonMs = time(5, () => JSON.parse(big));
  const literalMs = time(5, () => {
    if (!parseTensorLiteral(big, CALCULATOR_BUDGET).ok) throw new Error('literal did not parse');
  });

  const n = 10_000;
  const text = (k: number) => '[' + Array.from({ length: n }, (_, i) => ((i * k) % 97 / 10).toFixed(2)).join(', ') + ']';
  const inputs = { module: 'MSELoss', params: {}, args: { input: text(3), target: text(5) } };
  // Baseline: the least any update must do — read both arrays (JSON.parse) and call the engine.
  const engineMs = time(20, () => {
    const input = { shape: [n], dtype: 'float32' as const, data: JSON.parse(inputs.args.input) as number[] };
    const target = { shape: [n], dtype: 'float32' as const, data: JSON.parse(inputs.args.target) as number[] };
    evaluate({ module: 'MSELoss', args: { input, target } }, { grad: true });
  });
  const sessionMs = time(20, () => {
    if (!computeSession(inputs, 'en').result) throw new Error('session failed');
  });

  // A keystroke in the calculator on a broadcast of 10⁶ elements: the update plus the sweep plot.
  const wide = { module: 'MSELoss', params: {}, args: { input: 'torch.zeros(1000, 1)', target: 'torch.ones(1, 1000)' } };
  const keystroke = (): ReturnType<typeof computeSession> => {
    const o = computeSession(wide, 'en', CALCULATOR_BUDGET);
    if (!o.result || !o.sig || !o.spec) throw new Error(`session failed: ${o.error}`);
    return o;
  };
  const wideMs = time(3, () => {
    const o = keystroke();
    sweep(o.sig!, o.spec!, 'input', 0, 121, CALCULATOR_BUDGET);
  });
  // What the sweep cost before it had a budget: 121 evaluations with gradients (plus the current point).
  const o = keystroke();
  const oneEvalMs = time(3, () => evaluate(o.spec!, { grad: true, budget: CALCULATOR_BUDGET }));
  const wideBeforeMs = time(3, () => keystroke()) + 122 * oneEvalMs;

  const results = {
    keystrokeBroadcast1e6Ms: +wideMs.toFixed(1),
    keystrokeBroadcast1e6BeforeMs: +wideBeforeMs.toFixed(1),
    keystrokeBroadcastSpeedup: +(wideBeforeMs / wideMs).toFixed(1),
    literal1e6Ms: +literalMs.toFixed(1),
    jsonParse1e6Ms: +jsonMs.toFixed(1),
    literalOverJson: +(literalMs / jsonMs).toFixed(2),
    session1e4Ms: +sessionMs.toFixed(2),
    engine1e4Ms: +engineMs.toFixed(2),
    sessionOverEngine: +(sessionMs / engineMs).toFixed(2),
  };
  if (JSON_OUT) {
    process.stdout.write(JSON.stringify({ calculator: results }) + '\n');
    return;
  }
  log('calculator');
  log(`  10⁶-element literal parse          ${results.literal1e6Ms} ms = ${results.literalOverJson}× JSON.parse (${results.jsonParse1e6Ms} ms)`);
  log(`  update with 10⁴ elements           ${results.session1e4Ms} ms = ${results.sessionOverEngine}× JSON.parse + engine (${results.engine1e4Ms} ms)`);
  log(`  keystroke, (1000,1) vs (1,1000)    ${results.keystrokeBroadcast1e6Ms} ms (unbudgeted 121-point sweep: ${results.keystrokeBroadcast1e6BeforeMs} ms, ${results.keystrokeBroadcastSpeedup}× slower)`);
}

main();
