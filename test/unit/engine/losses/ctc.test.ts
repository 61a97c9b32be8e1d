import * as assert from 'node:assert/strict';
import { evaluate, LossError, type TensorLike } from '../../../../src/engine';

const f64 = (shape: number[], data: number[]): TensorLike => ({ shape, dtype: 'float64', data });
const i64 = (shape: number[], data: number[]): TensorLike => ({ shape, dtype: 'int64', data });

function ctc(args: Record<string, TensorLike>, params: Record<string, unknown> = {}) {
  return evaluate({ module: 'CTCLoss', params, args }, { grad: true });
}

/** Deterministic log-softmax rows (T, N, C) from a simple generator, no Math.random. */
function logProbs(T: number, N: number, C: number, seed = 1): number[] {
  const out: number[] = [];
  let s = seed;
  for (let r = 0; r < T * N; r++) {
    const z = Array.from({ length: C }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 4 - 2);
    const lse = Math.log(z.reduce((a, x) => a + Math.exp(x), 0));
    out.push(...z.map((x) => x - lse));
  }
  return out;
}

/** −log Σ over every frame labelling that collapses (merge repeats, drop blanks) to `target`. */
function bruteForce(lp: number[], T: number, C: number, target: number[], blank: number): number {
  let total = 0;
  for (let code = 0; code < C ** T; code++) {
    const path = Array.from({ length: T }, (_, t) => Math.floor(code / C ** t) % C);
    const collapsed = path.filter((c, t) => c !== blank && (t === 0 || c !== path[t - 1]));
    if (collapsed.length === target.length && collapsed.every((c, i) => c === target[i])) {
      total += Math.exp(path.reduce((a, c, t) => a + lp[t * C + c], 0));
    }
  }
  return -Math.log(total);
}

function close(got: number, want: number, what: string): void {
  assert.ok(Math.abs(got - want) <= 1e-12 + 1e-10 * Math.abs(want), `${what}: got ${got}, want ${want}`);
}

function throwsLoss(fn: () => unknown, type: string, argument: string, fragment: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof LossError, String(e));
    assert.equal(e.type, type);
    assert.equal(e.argument, argument);
    assert.ok(e.message.includes(fragment), e.message);
    return true;
  });
}

describe('CTCLoss edge cases', () => {
  it('gives -log_probs[0, label] for one frame and one label, and -log_probs[0, blank] for an empty target', () => {
    const lp = logProbs(1, 1, 4);
    const one = ctc({ log_probs: f64([1, 1, 4], lp), targets: i64([1, 1], [2]), input_lengths: i64([1], [1]), target_lengths: i64([1], [1]) }, { reduction: 'sum' });
    close(one.output.data[0], -lp[2], 'single label');
    const none = ctc({ log_probs: f64([1, 1, 4], lp), targets: i64([1, 0], []), input_lengths: i64([1], [1]), target_lengths: i64([1], [0]) }, { blank: 3, reduction: 'sum' });
    close(none.output.data[0], -lp[3], 'empty target');
  });

  it('equals the brute-force sum over all alignments, with repeated labels and blank at other indices', () => {
    for (const [target, blank] of [[[1, 1], 0], [[0, 2, 0], 1], [[2], 0], [[1, 0, 1], 2], [[], 2]] as [number[], number][]) {
      const T = 5;
      const lp = logProbs(T, 1, 3, 7 + blank);
      const r = ctc({ log_probs: f64([T, 3], lp), targets: i64([target.length], target), input_lengths: i64([], [T]), target_lengths: i64([], [target.length]) }, { blank, reduction: 'none' });
      close(r.output.data[0], bruteForce(lp, T, 3, target, blank), `target ${target} blank ${blank}`);
    }
  });

  it('gives the same losses and gradients for padded and concatenated targets', () => {
    const lp = f64([6, 2, 5], logProbs(6, 2, 5));
    const lengths = { input_lengths: i64([2], [6, 4]), target_lengths: i64([2], [3, 1]) };
    const padded = ctc({ log_probs: lp, targets: i64([2, 4], [1, 2, 2, 9, 4, 9, 9, 9]), ...lengths }, { reduction: 'none' });
    const concat = ctc({ log_probs: lp, targets: i64([4], [1, 2, 2, 4]), ...lengths }, { reduction: 'none' });
    assert.deepEqual([...padded.output.data], [...concat.output.data]);
    assert.deepEqual([...padded.grad!.log_probs.data], [...concat.grad!.log_probs.data]);
  });

  it('returns exp(log_probs) minus the posterior: gradient minus exp(log_probs) is the true derivative', () => {
    const lp = logProbs(4, 1, 3, 3).map((x, i) => x + (i % 3) * 0.7); // unnormalised on purpose
    const args = (data: number[]) => ({ log_probs: f64([4, 1, 3], data), targets: i64([1, 2], [1, 2]), input_lengths: i64([1], [4]), target_lengths: i64([1], [2]) });
    const r = ctc(args(lp), { reduction: 'sum' });
    for (let i = 0; i < lp.length; i++) {
      const h = 1e-6;
      const up = ctc(args(lp.map((x, j) => (j === i ? x + h : x))), { reduction: 'sum' }).output.data[0];
      const down = ctc(args(lp.map((x, j) => (j === i ? x - h : x))), { reduction: 'sum' }).output.data[0];
      const derivative = (up - down) / (2 * h);
      assert.ok(Math.abs(r.grad!.log_probs.data[i] - Math.exp(lp[i]) - derivative) < 1e-7, `entry ${i}`);
    }
  });

  it("divides each loss by max(target_length, 1) for 'mean' and zeroes frames past input_length", () => {
    const args = { log_probs: f64([5, 3, 4], logProbs(5, 3, 4, 5)), targets: i64([3, 2], [1, 2, 3, 3, 1, 1]), input_lengths: i64([3], [5, 3, 4]), target_lengths: i64([3], [2, 0, 1]) };
    const none = ctc(args, { reduction: 'none' });
    const mean = ctc(args, { reduction: 'mean' });
    const [a, b, c] = none.output.data;
    close(mean.output.data[0], (a / 2 + b / 1 + c / 1) / 3, 'mean');
    const g = none.grad!.log_probs.data;
    for (let t = 3; t < 5; t++) for (let k = 0; k < 4; k++) assert.equal(g[(t * 3 + 1) * 4 + k], 0);
    // A normalised frame's gradient sums to zero over classes (both terms are distributions).
    for (let t = 0; t < 5; t++) close(Array.from(g.slice(t * 12, t * 12 + 4)).reduce((s, x) => s + x, 0), 0, `frame ${t}`);
  });

  it('gives inf with nan gradients for an infeasible alignment, and 0 with zero gradients under zero_infinity', () => {
    const args = { log_probs: f64([2, 1, 3], logProbs(2, 1, 3)), targets: i64([1, 3], [1, 1, 2]), input_lengths: i64([1], [2]), target_lengths: i64([1], [3]) };
    const inf = ctc(args, { reduction: 'sum' });
    assert.equal(inf.output.data[0], Infinity);
    assert.ok([...inf.grad!.log_probs.data].every(Number.isNaN));
    const zero = ctc(args, { reduction: 'sum', zero_infinity: true });
    assert.equal(zero.output.data[0], 0);
    assert.ok([...zero.grad!.log_probs.data].every((x) => x === 0));
  });

  it('returns a 0-d loss for unbatched input that equals the batched loss of one sample', () => {
    const lp = logProbs(4, 1, 3);
    const unbatched = ctc({ log_probs: f64([4, 3], lp), targets: i64([2], [1, 2]), input_lengths: i64([], [4]), target_lengths: i64([], [2]) }, { reduction: 'none' });
    const batched = ctc({ log_probs: f64([4, 1, 3], lp), targets: i64([1, 2], [1, 2]), input_lengths: i64([1], [4]), target_lengths: i64([1], [2]) }, { reduction: 'none' });
    assert.deepEqual(unbatched.output.shape, []);
    assert.equal(unbatched.output.data[0], batched.output.data[0]);
    assert.deepEqual(unbatched.grad!.log_probs.shape, [4, 3]);
  });

  it("rejects bad arguments with torch's error type and wording, naming the argument", () => {
    const lp = f64([3, 2, 4], logProbs(3, 2, 4));
    const ok = { log_probs: lp, targets: i64([2, 2], [1, 2, 3, 1]), input_lengths: i64([2], [3, 3]), target_lengths: i64([2], [2, 2]) };
    throwsLoss(() => ctc(ok, { blank: 4 }), 'RuntimeError', 'blank', 'blank must be in label range');
    throwsLoss(() => ctc({ ...ok, input_lengths: i64([2], [4, 3]) }), 'RuntimeError', 'input_lengths', 'Expected input_lengths to have value at most 3, but got value 4');
    throwsLoss(() => ctc({ ...ok, input_lengths: f64([2], [3, 3]) }), 'RuntimeError', 'input_lengths', 'input_lengths must be integral');
    throwsLoss(() => ctc({ ...ok, target_lengths: i64([2], [3, 2]) }), 'RuntimeError', 'targets', 'Expected tensor to have size at least 3 at dimension 1');
    throwsLoss(() => ctc({ ...ok, targets: i64([3], [1, 2, 3]) }), 'RuntimeError', 'targets', 'Expected tensor to have size 4 at dimension 0, but got size 3');
    throwsLoss(() => ctc({ ...ok, target_lengths: i64([3], [1, 1, 1]) }), 'RuntimeError', 'target_lengths', 'target_lengths must be of size batch_size');
    throwsLoss(() => ctc({ ...ok, log_probs: f64([3, 0, 4], []) }), 'RuntimeError', 'log_probs', 'log_probs tensor must not be empty');
    throwsLoss(() => ctc({ ...ok, log_probs: f64([3], [0, 0, 0]) }), 'RuntimeError', 'log_probs', 'Expected 3-dimensional tensor, but got 2-dimensional tensor');
    throwsLoss(() => ctc({ ...ok, targets: i64([2, 2], [1, 7, 3, 1]) }), 'IndexError', 'targets', 'expected a class index in [0, 4)');
  });
});
