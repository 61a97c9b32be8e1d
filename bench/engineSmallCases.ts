import type { LossSpec, TensorLike } from '../src/engine';

// Deterministic values (no RNG needed): the latency of a small evaluate() doesn't depend on them.
const N = 8;
const C = 5;
const seq = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));
const f64 = (shape: number[], data: number[]): TensorLike => ({ shape, dtype: 'float64', data });
const i64 = (shape: number[], data: number[]): TensorLike => ({ shape, dtype: 'int64', data });
const wave = (shape: number[], phase = 0): TensorLike => f64(shape, seq(shape.reduce((a, b) => a * b, 1), (i) => Math.sin(1.3 * i + phase)));
const unit = (shape: number[], phase = 0): TensorLike => f64(shape, seq(shape.reduce((a, b) => a * b, 1), (i) => 0.5 + 0.45 * Math.sin(0.7 * i + phase)));
const pm1 = (n: number): TensorLike => f64([n], seq(n, (i) => (i % 3 === 0 ? -1 : 1)));
const classes = i64([N], seq(N, (i) => i % C));
const nc = [N, C];
const pair = { input: wave(nc), target: wave(nc, 1) };
const triplet = { anchor: wave(nc), positive: wave(nc, 0.5), negative: wave(nc, 2) };

/** One small, valid case per loss (N=8, C=5 or the loss's natural shape), keyed by module. */
export const SMALL_CASES: readonly LossSpec[] = [
  { module: 'BCELoss', args: { input: unit(nc), target: unit(nc, 2) } },
  { module: 'BCEWithLogitsLoss', args: { input: wave(nc), target: unit(nc) } },
  { module: 'CosineEmbeddingLoss', args: { input1: wave(nc), input2: wave(nc, 1), target: pm1(N) } },
  { module: 'CrossEntropyLoss', args: { input: wave(nc), target: classes } },
  {
    module: 'CTCLoss',
    args: {
      log_probs: f64([N, 2, C], seq(N * 2 * C, () => Math.log(1 / C))),
      targets: i64([2, 3], [1, 2, 2, 3, 4, 1]),
      input_lengths: i64([2], [N, N - 1]),
      target_lengths: i64([2], [3, 2]),
    },
  },
  { module: 'GaussianNLLLoss', args: { ...pair, var: unit(nc) } },
  { module: 'HingeEmbeddingLoss', args: { input: unit(nc), target: f64(nc, seq(N * C, (i) => (i % 2 ? 1 : -1))) } },
  { module: 'HuberLoss', args: pair },
  { module: 'KLDivLoss', params: { reduction: 'batchmean' }, args: { input: wave(nc), target: unit(nc) } },
  { module: 'L1Loss', args: pair },
  { module: 'MarginRankingLoss', args: { input1: wave([N]), input2: wave([N], 1), target: pm1(N) } },
  { module: 'MSELoss', args: pair },
  { module: 'MultiLabelMarginLoss', args: { input: wave(nc), target: i64(nc, seq(N * C, (i) => (i % C < 2 ? (i + 1) % C : -1))) } },
  { module: 'MultiLabelSoftMarginLoss', args: { input: wave(nc), target: unit(nc) } },
  { module: 'MultiMarginLoss', args: { input: wave(nc), target: classes } },
  { module: 'NLLLoss', args: { input: wave(nc), target: classes } },
  { module: 'PoissonNLLLoss', args: { log_input: wave(nc), target: f64(nc, seq(N * C, (i) => i % 4)) } },
  { module: 'SmoothL1Loss', args: pair },
  { module: 'SoftMarginLoss', args: { input: wave(nc), target: f64(nc, seq(N * C, (i) => (i % 2 ? 1 : -1))) } },
  { module: 'TripletMarginLoss', args: triplet },
  { module: 'TripletMarginWithDistanceLoss', args: triplet },
];
