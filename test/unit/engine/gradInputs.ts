import type { TensorLike } from '../../../src/engine';

/** One smooth, valid input point for a loss; every reduction of the loss is checked at it. */
export interface GradCase {
  readonly name: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly args: Readonly<Record<string, TensorLike>>;
  /**
   * Torch's CTC gradient is the gradient through a log_softmax (see the fixtures README), so for
   * CTC the perturbed values are the logits z and the engine sees log_softmax(z) over the last dim.
   */
  readonly throughLogSoftmax?: string;
}

/** Deterministic uniform [0, 1) numbers (mulberry32), so a failing point can be reproduced. */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Gen = (rng: () => number) => GradCase[];

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);
const f64 = (shape: number[], data: number[]): TensorLike => ({ shape, dtype: 'float64', data: Float64Array.from(data) });
const i64 = (shape: number[], data: number[]): TensorLike => ({ shape, dtype: 'int64', data });

function tools(rng: () => number) {
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const fill = (shape: number[], f: () => number): TensorLike => f64(shape, Array.from({ length: size(shape) }, f));
  return {
    randn: (shape: number[], scale = 1): TensorLike => fill(shape, () => scale * normal()),
    uniform: (shape: number[], lo: number, hi: number): TensorLike => fill(shape, () => lo + (hi - lo) * rng()),
    signs: (shape: number[]): TensorLike => fill(shape, () => (rng() < 0.5 ? -1 : 1)),
    classes: (shape: number[], c: number): TensorLike => i64(shape, Array.from({ length: size(shape) }, () => Math.floor(rng() * c))),
    /** Rows that sum to 1 over the last dim. */
    probs: (shape: number[]): TensorLike => {
      const c = shape[shape.length - 1];
      const raw = Array.from({ length: size(shape) }, () => Math.exp(normal()));
      for (let r = 0; r < raw.length; r += c) {
        let s = 0;
        for (let k = 0; k < c; k++) s += raw[r + k];
        for (let k = 0; k < c; k++) raw[r + k] /= s;
      }
      return f64(shape, raw);
    },
  };
}

const pointwise: Gen = (rng) => {
  const t = tools(rng);
  return [
    { name: '2x3 inputs', args: { input: t.randn([2, 3], 2), target: t.randn([2, 3]) } },
    { name: 'target broadcast over rows', args: { input: t.randn([3, 4], 2), target: t.randn([4]) } },
  ];
};

/** Valid-input generators keyed by torch.nn class name; a loss without one fails the coverage test. */
export const GRAD_INPUTS: Readonly<Record<string, Gen>> = {
  L1Loss: pointwise,
  MSELoss: pointwise,
  HuberLoss: (rng) => pointwise(rng).map((c) => ({ ...c, params: { delta: 0.8 } })),
  SmoothL1Loss: (rng) => [
    ...pointwise(rng).map((c) => ({ ...c, params: { beta: 0.6 } })),
    { ...pointwise(rng)[0], name: 'beta=0 (L1)', params: { beta: 0 } },
  ],
  CrossEntropyLoss: (rng) => {
    const t = tools(rng);
    return [
      { name: 'class indices with weight, ignore_index and label smoothing', params: { weight: t.uniform([4], 0.3, 2), ignore_index: 1, label_smoothing: 0.2 }, args: { input: t.randn([5, 4], 1.5), target: i64([5], [0, 1, 2, 3, 2]) } },
      { name: 'K-dim (N, C, d1, d2)', params: { weight: t.uniform([3], 0.3, 2) }, args: { input: t.randn([2, 3, 2, 2]), target: t.classes([2, 2, 2], 3) } },
      { name: 'class probabilities with weight and label smoothing', params: { weight: t.uniform([4], 0.3, 2), label_smoothing: 0.1 }, args: { input: t.randn([3, 4]), target: t.probs([3, 4]) } },
      { name: 'unbatched', args: { input: t.randn([5]), target: i64([], [3]) } },
    ];
  },
  NLLLoss: (rng) => {
    const t = tools(rng);
    return [
      { name: 'weighted', params: { weight: t.uniform([4], 0.3, 2) }, args: { input: t.randn([5, 4]), target: t.classes([5], 4) } },
      { name: 'K-dim with ignore_index', params: { ignore_index: 0 }, args: { input: t.randn([2, 3, 4]), target: i64([2, 4], [0, 1, 2, 1, 2, 0, 1, 2]) } },
    ];
  },
  CTCLoss: (rng) => {
    const t = tools(rng);
    return [
      {
        name: 'padded targets, blank=0',
        args: { log_probs: t.randn([6, 2, 4]), targets: i64([2, 3], [1, 2, 2, 3, 1, 0]), input_lengths: i64([2], [6, 5]), target_lengths: i64([2], [3, 2]) },
        throughLogSoftmax: 'log_probs',
      },
      {
        name: 'unbatched, concatenated targets, blank=3',
        params: { blank: 3 },
        args: { log_probs: t.randn([5, 4]), targets: i64([2], [0, 2]), input_lengths: i64([], [5]), target_lengths: i64([], [2]) },
        throughLogSoftmax: 'log_probs',
      },
    ];
  },
  PoissonNLLLoss: (rng) => {
    const t = tools(rng);
    const target = f64([2, 3], [0.2, 0.4, 2.5, 3, 5.5, 0.7]);
    return [
      { name: 'log_input, full', params: { full: true }, args: { log_input: t.randn([2, 3]), target } },
      { name: 'rates, eps', params: { log_input: false, eps: 0.1 }, args: { log_input: t.uniform([2, 3], 0.2, 3), target } },
    ];
  },
  GaussianNLLLoss: (rng) => {
    const t = tools(rng);
    return [
      { name: 'var like input, full', params: { full: true }, args: { input: t.randn([3, 2]), target: t.randn([3, 2]), var: t.uniform([3, 2], 0.3, 2) } },
      { name: 'var (N, 1)', args: { input: t.randn([3, 2]), target: t.randn([3, 2]), var: t.uniform([3, 1], 0.3, 2) } },
      { name: 'var (N,)', args: { input: t.randn([4, 2]), target: t.randn([4, 2]), var: t.uniform([4], 0.3, 2) } },
    ];
  },
  KLDivLoss: (rng) => {
    const t = tools(rng);
    return [
      { name: 'probability target', args: { input: t.randn([3, 4]), target: t.probs([3, 4]) } },
      { name: 'log_target', params: { log_target: true }, args: { input: t.randn([3, 4]), target: t.randn([3, 4]) } },
    ];
  },
  BCELoss: (rng) => {
    const t = tools(rng);
    return [{ name: 'weighted soft targets', params: { weight: t.uniform([3], 0.3, 2) }, args: { input: t.uniform([4, 3], 0.05, 0.95), target: t.uniform([4, 3], 0, 1) } }];
  },
  BCEWithLogitsLoss: (rng) => {
    const t = tools(rng);
    return [
      { name: 'weight and pos_weight broadcast', params: { weight: t.uniform([3], 0.3, 2), pos_weight: t.uniform([3], 0.3, 3) }, args: { input: t.randn([4, 3], 2), target: t.uniform([4, 3], 0, 1) } },
      { name: 'pos_weight (C, 1, 1)', params: { pos_weight: t.uniform([2, 1, 1], 0.3, 3) }, args: { input: t.randn([2, 2, 2, 2]), target: t.uniform([2, 2, 2, 2], 0, 1) } },
    ];
  },
  MarginRankingLoss: (rng) => {
    const t = tools(rng);
    return [{ name: 'margin 0.1', params: { margin: 0.1 }, args: { input1: t.randn([6]), input2: t.randn([6]), target: t.signs([6]) } }];
  },
  HingeEmbeddingLoss: (rng) => {
    const t = tools(rng);
    return [{ name: 'margin 1.5', params: { margin: 1.5 }, args: { input: t.uniform([3, 4], 0, 2.5), target: t.signs([3, 4]) } }];
  },
  MultiLabelMarginLoss: (rng) => {
    const t = tools(rng);
    return [
      { name: 'label rows ended by -1', args: { input: t.randn([3, 4]), target: i64([3, 4], [3, 0, -1, 1, 2, -1, 0, 0, 0, 1, 2, 3]) } },
      { name: 'unbatched', args: { input: t.randn([5]), target: i64([5], [4, 1, -1, 0, 0]) } },
    ];
  },
  SoftMarginLoss: (rng) => {
    const t = tools(rng);
    return [{ name: '±1 targets', args: { input: t.randn([3, 4], 2), target: t.signs([3, 4]) } }];
  },
  MultiLabelSoftMarginLoss: (rng) => {
    const t = tools(rng);
    return [{ name: 'weighted soft targets', params: { weight: t.uniform([4], 0.3, 2) }, args: { input: t.randn([3, 4], 2), target: t.uniform([3, 4], 0, 1) } }];
  },
  CosineEmbeddingLoss: (rng) => {
    const t = tools(rng);
    return [{ name: 'margin 0.2', params: { margin: 0.2 }, args: { input1: t.randn([5, 3]), input2: t.randn([5, 3]), target: t.signs([5]) } }];
  },
  MultiMarginLoss: (rng) => {
    const t = tools(rng);
    return [
      { name: 'p=1, weighted', params: { p: 1, margin: 0.8, weight: t.uniform([4], 0.3, 2) }, args: { input: t.randn([5, 4]), target: t.classes([5], 4) } },
      { name: 'p=2', params: { p: 2 }, args: { input: t.randn([5, 4]), target: t.classes([5], 4) } },
    ];
  },
  TripletMarginLoss: (rng) => {
    const t = tools(rng);
    const abc = () => ({ anchor: t.randn([4, 3]), positive: t.randn([4, 3]), negative: t.randn([4, 3]) });
    return [
      { name: 'p=2 with swap', params: { margin: 2, swap: true }, args: abc() },
      { name: 'p=1.5', params: { p: 1.5, margin: 2 }, args: abc() },
      { name: 'p=3', params: { p: 3, margin: 2 }, args: abc() },
    ];
  },
  TripletMarginWithDistanceLoss: (rng) => {
    const t = tools(rng);
    const abc = () => ({ anchor: t.randn([4, 3]), positive: t.randn([4, 3]), negative: t.randn([4, 3]) });
    return [
      { name: 'cosine distance with swap', params: { distance_function: { name: 'cosine_distance', eps: 1e-8 }, margin: 1.5, swap: true }, args: abc() },
      { name: 'pairwise distance p=1', params: { distance_function: { name: 'pairwise_distance', p: 1, eps: 1e-6, keepdim: false }, margin: 3 }, args: abc() },
      { name: 'default distance', params: { margin: 3 }, args: abc() },
    ];
  },
};
