import { evaluate, LossError } from '../engine';

type Text = { readonly en: string; readonly zh: string };

interface CurveSpec {
  readonly label: string;
  readonly module: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** Forward arguments for one x on the shared axis. */
  args(x: number): Record<string, unknown>;
}

export interface Comparison {
  readonly id: string;
  readonly title: Text;
  readonly xLabel: Text;
  readonly range: readonly [number, number];
  readonly curves: readonly CurveSpec[];
}

const scalar = (x: number) => ({ shape: [1], dtype: 'float64' as const, data: [x] });
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Families people choose between, each overlaid on one axis where they are comparable. */
export const COMPARISONS: readonly Comparison[] = [
  {
    id: 'regression',
    title: { en: 'MSE vs L1 vs Huber vs SmoothL1', zh: 'MSE、L1、Huber 与 SmoothL1 对比' },
    xLabel: { en: 'error: input − target', zh: '误差：input − target' },
    range: [-3, 3],
    curves: [
      { label: 'MSELoss', module: 'MSELoss', args: (x) => ({ input: scalar(x), target: scalar(0) }) },
      { label: 'L1Loss', module: 'L1Loss', args: (x) => ({ input: scalar(x), target: scalar(0) }) },
      { label: 'HuberLoss(delta=1.0)', module: 'HuberLoss', params: { delta: 1.0 }, args: (x) => ({ input: scalar(x), target: scalar(0) }) },
      { label: 'SmoothL1Loss(beta=1.0)', module: 'SmoothL1Loss', params: { beta: 1.0 }, args: (x) => ({ input: scalar(x), target: scalar(0) }) },
    ],
  },
  {
    id: 'binary',
    title: { en: 'BCE on sigmoid(z) vs BCEWithLogits on z (target 1)', zh: 'sigmoid(z) 上的 BCE 与 z 上的 BCEWithLogits（目标为 1）' },
    xLabel: { en: 'logit z', zh: 'logit z' },
    range: [-20, 20],
    curves: [
      { label: 'BCELoss(sigmoid(z), 1)', module: 'BCELoss', args: (z) => ({ input: scalar(sigmoid(z)), target: scalar(1) }) },
      { label: 'BCEWithLogitsLoss(z, 1)', module: 'BCEWithLogitsLoss', args: (z) => ({ input: scalar(z), target: scalar(1) }) },
    ],
  },
  {
    id: 'margin',
    title: { en: 'Hinge vs soft margin', zh: 'Hinge 与 soft margin 对比' },
    xLabel: { en: 'margin: label × score (y·x)', zh: '间隔：标签 × 分数（y·x）' },
    range: [-3, 3],
    curves: [
      { label: 'MarginRankingLoss(margin=1.0) = max(0, 1 − y·x)', module: 'MarginRankingLoss', params: { margin: 1.0 }, args: (x) => ({ input1: scalar(x), input2: scalar(0), target: scalar(1) }) },
      { label: 'SoftMarginLoss = log(1 + exp(−y·x))', module: 'SoftMarginLoss', args: (x) => ({ input: scalar(x), target: scalar(1) }) },
    ],
  },
];

export interface ComparedCurve {
  readonly label: string;
  readonly module: string;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** Why this loss could not be drawn (for example, the engine does not implement it yet). */
  readonly error?: string;
}

/** Evaluates every curve of a comparison with the engine on a shared grid. */
export function compareCurves(c: Comparison, points = 201): ComparedCurve[] {
  const [lo, hi] = c.range;
  const xs = Array.from({ length: points }, (_, k) => lo + ((hi - lo) * k) / (points - 1));
  return c.curves.map((curve) => {
    const ys: number[] = [];
    try {
      for (const x of xs) ys.push(evaluate({ module: curve.module, params: curve.params, args: curve.args(x) }).output.data[0]);
      return { label: curve.label, module: curve.module, xs, ys };
    } catch (e) {
      return { label: curve.label, module: curve.module, xs, ys: [], error: e instanceof LossError ? e.message : String(e) };
    }
  });
}
