// `npm run bench [-- --json] [-- --full]`: the engine against a tight typed-array loop and tfjs-cpu,
// measured in one process; small-case latency for every loss; float32 accuracy vs float64.
import { cpus, loadavg } from 'node:os';
import { CALCULATOR_BUDGET, evaluate, type LossSpec, type WorkBudget } from '../src/engine';
import { disposeTfjs, initTfjs, makeTight, runTfjs, tfjsInputs, type LossName, type Workload } from './engineBaselines';
import { SMALL_CASES } from './engineSmallCases';

/** Throughput is measured past the hosts' budgets (1.6 × 10⁷ elements): no limit here. */
const UNBOUNDED: WorkBudget = { ...CALCULATOR_BUDGET, tensorElements: Infinity, broadcastElements: Infinity, latticeCells: Infinity };

const argv = process.argv.slice(2);
const JSON_OUT = argv.includes('--json');
/** tfjs at 1.6e7 takes minutes per loss on this kind of machine, so it is opt-in. */
const FULL = argv.includes('--full');
/** A smoke run at 1e5 elements (seconds), for checking the bench itself, not for numbers. */
const QUICK = argv.includes('--quick');

const LOSSES: readonly LossName[] = ['MSELoss', 'BCEWithLogitsLoss', 'CrossEntropyLoss'];
const SIZES = QUICK ? [1e5] : [1e6, 1.6e7];
const COLS = 100;
const TARGET = { tightRatio: 1.5, tfjsSpeedup: 12, smallMicros: 20, f32RelErr: 1e-10 };

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const log = (msg: string): void => void process.stderr.write(`${msg}\n`);

function timeOnce(fn: () => unknown): number {
  gc();
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Runs the functions interleaved, so drift in machine load hits all alike; `warm` adds a first untimed call. */
function interleaved(fns: (() => unknown)[], runs: number, warm: boolean): number[] {
  if (warm) for (const f of fns) f();
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) fns.forEach((f, i) => times[i].push(timeOnce(f)));
  return times.map(median);
}

/** Deterministic inputs: logits in [-3, 3), targets in [0, 1), class indices in [0, C). */
function makeData(n: number): { x: Float64Array; t: Float64Array; y: Int32Array } {
  let s = 12345;
  const next = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const x = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 6 * next() - 3;
    t[i] = next();
  }
  const y = new Int32Array(n / COLS);
  for (let i = 0; i < y.length; i++) y[i] = Math.floor(next() * COLS);
  return { x, t, y };
}

function specOf(w: Workload): LossSpec {
  const shape = [w.rows, w.cols];
  const target = w.loss === 'CrossEntropyLoss' ? { shape: [w.rows], dtype: 'int64', data: w.t } : { shape, dtype: w.dtype, data: w.t };
  return { module: w.loss, args: { input: { shape, dtype: w.dtype, data: w.x }, target } };
}

interface LargeRow { loss: string; n: number; dtype: string; mode: string; engineMs: number; tightMs: number; tfjsMs: number | null; engineOverTight: number; tfjsOverEngine: number | null }
interface AccuracyRow { loss: string; n: number; engineRelErr: number; engineRelErrVsRounded: number; tfjsRelErr: number | null }
interface SmallRow { loss: string; forwardMicros: number; gradMicros: number }

const relErr = (got: number, ref: number): number => Math.abs(got - ref) / Math.abs(ref);

type Tight = ReturnType<typeof makeTight>;

/** One tight loop per (loss, dtype), each with its own type feedback, warmed up like the engine. */
function warmUp(): Map<string, Tight> {
  const tights = new Map<string, Tight>();
  const n = 2e4;
  const data = makeData(n);
  for (const loss of LOSSES) {
    for (const dtype of ['float64', 'float32'] as const) {
      const tight = makeTight(loss);
      tights.set(`${loss}/${dtype}`, tight);
      const x = dtype === 'float32' ? Float32Array.from(data.x) : data.x;
      const t = loss === 'CrossEntropyLoss' ? data.y : dtype === 'float32' ? Float32Array.from(data.t) : data.t;
      const w: Workload = { loss, dtype, rows: n / COLS, cols: COLS, x, t };
      const spec = specOf(w);
      for (let i = 0; i < 40; i++) {
        for (const grad of [false, true]) {
          evaluate(spec, { grad, budget: UNBOUNDED });
          tight(w, grad);
        }
      }
      const tfIn = tfjsInputs(w);
      runTfjs(loss, tfIn, false);
      runTfjs(loss, tfIn, true);
      disposeTfjs(tfIn);
    }
  }
  return tights;
}

async function large(): Promise<{ rows: LargeRow[]; accuracy: AccuracyRow[] }> {
  const rows: LargeRow[] = [];
  const accuracy: AccuracyRow[] = [];
  const tights = warmUp();
  for (const n of SIZES) {
    const data = makeData(n);
    const x32 = Float32Array.from(data.x);
    const t32 = Float32Array.from(data.t);
    const runs = n <= 1e6 ? 7 : 3;
    for (const loss of LOSSES) {
      const target = (dtype: string) => (loss === 'CrossEntropyLoss' ? data.y : dtype === 'float32' ? t32 : data.t);
      const w64: Workload = { loss, dtype: 'float64', rows: n / COLS, cols: COLS, x: data.x, t: target('float64') };
      const w32: Workload = { loss, dtype: 'float32', rows: n / COLS, cols: COLS, x: x32, t: target('float32') };
      const runTf = n <= 1e6 || FULL;
      const tfIn = runTf ? tfjsInputs(w32) : null;
      let tfValue: number | null = null;
      for (const grad of [false, true]) {
        const mode = grad ? 'forward+grad' : 'forward';
        let tfjsMs: number | null = null;
        if (tfIn) {
          log(`  tfjs ${loss} ${n} ${mode}…`);
          const tfRuns = n <= 1e6 ? 3 : 1;
          tfValue = runTfjs(loss, tfIn, grad);
          tfjsMs = median(Array.from({ length: tfRuns }, () => timeOnce(() => runTfjs(loss, tfIn, grad))));
        }
        for (const w of [w64, w32]) {
          log(`  ${loss} ${n} ${w.dtype} ${mode}…`);
          const spec = specOf(w);
          const tight = tights.get(`${loss}/${w.dtype}`)!;
          const [engineMs, tightMs] = interleaved([() => evaluate(spec, { grad, budget: UNBOUNDED }), () => tight(w, grad)], runs, n <= 1e6);
          rows.push({
            loss, n, dtype: w.dtype, mode, engineMs, tightMs, tfjsMs,
            engineOverTight: engineMs / tightMs,
            tfjsOverEngine: tfjsMs === null ? null : tfjsMs / engineMs,
          });
        }
      }
      if (tfIn) disposeTfjs(tfIn);
      // The float64 reference is the tight loop over the same float32 values, accumulated in float64.
      const ref = tights.get(`${loss}/float32`)!(w32, false).value;
      const got = evaluate(specOf(w32), { budget: UNBOUNDED }).output.data[0];
      accuracy.push({
        loss, n,
        engineRelErr: relErr(got, ref),
        engineRelErrVsRounded: relErr(got, Math.fround(ref)),
        tfjsRelErr: tfValue === null ? null : relErr(tfValue, ref),
      });
    }
  }
  return { rows, accuracy };
}

/** Median per-call latency in µs: batches of calls after a warm-up, so timer resolution doesn't matter. */
function latency(spec: LossSpec, grad: boolean): number {
  for (let i = 0; i < 300; i++) evaluate(spec, { grad, budget: UNBOUNDED });
  const batch = 50;
  const per: number[] = [];
  for (let b = 0; b < 40; b++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) evaluate(spec, { grad, budget: UNBOUNDED });
    per.push(((performance.now() - t0) * 1000) / batch);
  }
  return median(per);
}

function small(): SmallRow[] {
  return SMALL_CASES.map((spec) => ({ loss: spec.module, forwardMicros: latency(spec, false), gradMicros: latency(spec, true) }));
}

const fmt = (x: number | null, digits = 2): string => (x === null ? '—' : x.toFixed(digits));
const sci = (x: number | null): string => (x === null ? '—' : x === 0 ? '0' : x.toExponential(1));
const mark = (ok: boolean | null): string => (ok === null ? '' : ok ? ' ok' : ' MISS');

/** A plain-text table: the first `left` columns are labels (left-aligned), the rest numbers. */
function table(left: number, header: string[], body: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < left ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(header), w.map((n) => '-'.repeat(n)).join('  '), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const tfjsName = await initTfjs();
  const started = new Date();
  const meta = {
    date: started.toISOString(),
    node: process.version,
    cpu: `${cpus()[0]?.model ?? 'unknown'} x${cpus().length}`,
    loadAvg1mAtStart: loadavg()[0],
    tfjs: tfjsName,
    cols: COLS,
    note: 'tfjs-cpu supports float32 only: its time (float32) is the baseline for both dtypes.' + (FULL ? '' : ' tfjs at 1.6e7 runs only with --full.'),
  };
  log('large cases…');
  const { rows, accuracy } = await large();
  log('small cases…');
  const smallRows = small();
  const seconds = (Date.now() - started.getTime()) / 1000;
  if (JSON_OUT) {
    process.stdout.write(`${JSON.stringify({ meta: { ...meta, seconds, loadAvg1mAtEnd: loadavg()[0] }, targets: TARGET, large: rows, accuracy, small: smallRows }, null, 2)}\n`);
    return;
  }
  const out: string[] = [];
  out.push(`Loss Lens engine bench — ${meta.date}, node ${meta.node}, ${meta.cpu}, load ${meta.loadAvg1mAtStart.toFixed(1)}→${loadavg()[0].toFixed(1)}, ${seconds.toFixed(0)} s`);
  out.push(`baselines: tight typed-array loop (same arithmetic, same run); ${meta.tfjs}. ${meta.note}`);
  out.push('');
  out.push(`Large cases, mean reduction, (N, ${COLS}) inputs; median ms`);
  out.push(table(4,
    ['loss', 'N·C', 'dtype', 'mode', 'engine', 'tight', `engine/tight (≤${TARGET.tightRatio})`, 'tfjs-cpu', `tfjs/engine (≥${TARGET.tfjsSpeedup} fwd+grad)`],
    rows.map((r) => [
      r.loss, r.n.toExponential(1), r.dtype, r.mode, fmt(r.engineMs, 1), fmt(r.tightMs, 1),
      fmt(r.engineOverTight) + mark(r.engineOverTight <= TARGET.tightRatio),
      fmt(r.tfjsMs, 0),
      fmt(r.tfjsOverEngine, 1) + (r.mode === 'forward+grad' ? mark(r.tfjsOverEngine === null ? null : r.tfjsOverEngine >= TARGET.tfjsSpeedup) : ''),
    ]),
  ));
  out.push('');
  out.push('float32 accuracy: engine output vs a float64 reference over the same float32 inputs (relative error)');
  out.push(table(2,
    ['loss', 'N·C', 'vs float64', `vs float64 rounded to float32 (≤${sci(TARGET.f32RelErr)})`, 'tfjs vs float64'],
    accuracy.map((a) => [a.loss, a.n.toExponential(1), sci(a.engineRelErr), sci(a.engineRelErrVsRounded) + mark(a.engineRelErrVsRounded <= TARGET.f32RelErr), sci(a.tfjsRelErr)]),
  ));
  out.push('(a float32 output tensor cannot hold the float64 value exactly: the middle column is the error beyond that final rounding)');
  out.push('');
  out.push(`Small cases (N=8, C=5 or the natural shape): median µs per evaluate() (target < ${TARGET.smallMicros})`);
  out.push(table(1,
    ['loss', 'forward', 'forward+grad'],
    smallRows.map((s) => [s.loss, fmt(s.forwardMicros, 1) + mark(s.forwardMicros < TARGET.smallMicros), fmt(s.gradMicros, 1) + mark(s.gradMicros < TARGET.smallMicros)]),
  ));
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`engine bench failed: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
