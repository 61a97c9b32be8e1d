import type { LossSignature } from '../catalogue';
import { CALCULATOR_BUDGET, evaluate, SWEEP_MIN_POINTS, SWEEP_WORK, type LossSpec, type Tensor, type WorkBudget } from '../engine';

export interface Curve {
  readonly xs: readonly number[];
  /** The loss (summed when unreduced) at each x; NaN where the loss is undefined. */
  readonly ys: readonly number[];
  /** d loss / d x at each x; NaN where undefined. */
  readonly grads: readonly number[];
  readonly current: { readonly x: number; readonly y: number; readonly grad: number };
}

/** A sweep, or why there is none: one evaluation is too much work to repeat for a plot. */
export type SweepResult =
  | { readonly ok: true; readonly curve: Curve }
  | { readonly ok: false; readonly work: number; readonly budget: number };

/** Arguments a sweep can vary: floating tensors and Python floats (class indices are not continuous). */
export function sweepableArgs(sig: LossSignature, spec: LossSpec): string[] {
  return sig.forward
    .filter((a) => {
      const v = spec.args[a.name];
      if (typeof v === 'number') return true;
      const t = v as Tensor | undefined;
      return !!t && (t.dtype === 'float32' || t.dtype === 'float64') && t.data.length > 0;
    })
    .map((a) => a.name);
}

/** Where the loss is defined for that argument: probabilities live in [0, 1], variances are positive. */
function domain(sig: LossSignature, arg: string, x: number): [number, number] {
  if ((sig.id === 'bce' && (arg === 'input' || arg === 'target')) || (sig.id === 'bceWithLogits' && arg === 'target')) return [0.001, 0.999];
  if (sig.id === 'gaussianNll' && arg === 'var') return [0.01, Math.max(2, 3 * Math.abs(x))];
  if (sig.id === 'poissonNll' && arg === 'target') return [0, Math.max(4, 2 * Math.abs(x))];
  const span = Math.max(2, 2 * Math.abs(x));
  return [x - span, x + span];
}

function withElement(spec: LossSpec, arg: string, index: number, x: number): LossSpec {
  const v = spec.args[arg];
  if (typeof v === 'number') return { ...spec, args: { ...spec.args, [arg]: x } };
  const t = v as Tensor;
  const data = Float64Array.from(t.data);
  data[index] = x;
  return { ...spec, args: { ...spec.args, [arg]: { shape: t.shape, dtype: t.dtype, data } } };
}

function point(spec: LossSpec, arg: string, index: number, budget: WorkBudget): { y: number; grad: number; work: number } {
  try {
    const r = evaluate(spec, { grad: true, budget });
    let y = 0;
    for (let i = 0; i < r.output.data.length; i++) y += r.output.data[i];
    const g = r.grad?.[arg];
    return { y, grad: g ? g.data[typeof spec.args[arg] === 'number' ? 0 : index] : NaN, work: r.work };
  } catch {
    return { y: NaN, grad: NaN, work: 0 };
  }
}

/**
 * The loss as a function of one element of one argument, everything else fixed, with its
 * derivative from the engine's analytic gradient. The points share SWEEP_WORK: big inputs get
 * fewer, and an input whose single evaluation leaves fewer than SWEEP_MIN_POINTS gets no plot.
 */
export function sweep(sig: LossSignature, spec: LossSpec, arg: string, index: number, maxPoints = 121, budget: WorkBudget = CALCULATOR_BUDGET): SweepResult {
  const v = spec.args[arg];
  const x0 = typeof v === 'number' ? v : (v as Tensor).data[index];
  const c = point(spec, arg, index, budget);
  // Each point also copies the varied argument.
  const size = typeof v === 'number' ? 1 : (v as Tensor).data.length;
  const work = c.work + size;
  const points = Math.min(maxPoints, Math.floor(SWEEP_WORK / Math.max(1, work)));
  if (points < SWEEP_MIN_POINTS) return { ok: false, work, budget: SWEEP_WORK };
  const [lo, hi] = domain(sig, arg, Number.isFinite(x0) ? x0 : 0);
  const xs: number[] = [];
  const ys: number[] = [];
  const grads: number[] = [];
  for (let k = 0; k < points; k++) {
    const x = lo + ((hi - lo) * k) / (points - 1);
    const p = point(withElement(spec, arg, index, x), arg, index, budget);
    xs.push(x);
    ys.push(p.y);
    grads.push(p.grad);
  }
  return { ok: true, curve: { xs, ys, grads, current: { x: x0, y: c.y, grad: c.grad } } };
}
