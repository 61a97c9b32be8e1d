import { checkWork } from '../budget';
import { indexError, runtimeError } from '../errors';
import type { LossImpl, LossInput, LossResult } from '../loss';
import { boolParam, floatParam, tensorArg } from '../loss';
import { allocFloat, floatTensor, isFloat, numel, shapeStr, type Tensor } from '../tensor';

const WHERE = '(while checking arguments for ctc_loss_allocate_outputs)';

/** Where each sample's labels start in `targets` and how many it has, after torch's checks. */
interface Layout {
  readonly T: number;
  readonly N: number;
  readonly C: number;
  readonly inputLengths: readonly number[];
  readonly targetLengths: readonly number[];
  readonly offsets: readonly number[];
}

/** Torch's argument checks, in torch's order and wording (ctc_loss, then ctc_loss_allocate_outputs). */
function checkArgs(lp: Tensor, targets: Tensor, il: Tensor, tl: Tensor, blank: number): Layout {
  for (const [name, t] of [['input_lengths', il], ['target_lengths', tl]] as const) {
    if (isFloat(t.dtype)) runtimeError(name, `${name} must be integral, got dtype ${t.dtype}`);
  }
  if (numel(lp.shape) === 0) runtimeError('log_probs', `log_probs tensor must not be empty, got shape ${shapeStr(lp.shape)}`);
  // Unbatched (T, C) input is unsqueezed to (T, 1, C) first, so other ranks are reported one higher.
  const dim = lp.shape.length === 3 ? 3 : lp.shape.length + 1;
  if (dim !== 3) {
    runtimeError('log_probs', `Expected 3-dimensional tensor, but got ${dim}-dimensional tensor for argument #1 'log_probs' ${WHERE}; ` +
      `log_probs must be (T, N, C) or unbatched (T, C), got shape ${shapeStr(lp.shape)}`);
  }
  const [T, N, C] = lp.shape.length === 3 ? lp.shape : [lp.shape[0], 1, lp.shape[1]];
  const tdim = targets.shape.length;
  if (tdim < 1 || tdim > 2) {
    runtimeError('targets', `Expected 1 to 2 dimensions, but got ${tdim}-dimensional tensor for argument #2 'targets' ${WHERE}; ` +
      `targets must be padded (N, S) or concatenated (sum(target_lengths)), got shape ${shapeStr(targets.shape)}`);
  }
  if (!(blank >= 0 && blank < C)) {
    runtimeError('blank', `blank must be in label range: expected 0 <= blank < ${C} (the classes of log_probs), got blank=${blank}`);
  }
  for (const [name, t] of [['input_lengths', il], ['target_lengths', tl]] as const) {
    if (numel(t.shape) !== N) {
      runtimeError(name, `${name} must be of size batch_size: expected ${N} lengths (log_probs has shape ${shapeStr(lp.shape)}), got shape ${shapeStr(t.shape)}`);
    }
  }
  const targetLengths = Array.from(tl.data);
  const offsets: number[] = [];
  let pos = 0;
  let maxLen = 0;
  for (let b = 0; b < N; b++) {
    const len = targetLengths[b];
    if (len < 0) runtimeError('target_lengths', `Expected target_lengths to have value at least 0, but got value ${len} ${WHERE}`);
    offsets.push(tdim === 1 ? pos : b * targets.shape[1]);
    pos += len;
    maxLen = Math.max(maxLen, len);
  }
  const sizeError = (size: number, d: number): never =>
    runtimeError('targets', `Expected tensor to have size ${size} at dimension ${d}, but got size ${targets.shape[d]} for argument #2 'targets' ${WHERE}; ` +
      (tdim === 1 ? `concatenated targets need sum(target_lengths) = ${pos} labels` : `padded targets need one row per sample (N = ${N})`));
  if (tdim === 1 && targets.shape[0] !== pos) sizeError(pos, 0);
  if (tdim === 2) {
    if (targets.shape[0] !== N) sizeError(N, 0);
    if (targets.shape[1] < maxLen) {
      runtimeError('targets', `Expected tensor to have size at least ${maxLen} at dimension 1, but got size ${targets.shape[1]} for argument #2 'targets' ${WHERE}; ` +
        `padded targets need S >= max(target_lengths) = ${maxLen}`);
    }
  }
  const inputLengths = Array.from(il.data);
  for (const len of inputLengths) {
    if (len < 0) runtimeError('input_lengths', `Expected input_lengths to have value at least 0, but got value ${len} ${WHERE}`);
    if (len > T) runtimeError('input_lengths', `Expected input_lengths to have value at most ${T}, but got value ${len} ${WHERE} (log_probs has T = ${T} frames)`);
  }
  return { T, N, C, inputLengths, targetLengths, offsets };
}

/** Labels of sample b, truncated to integers as torch's `targets.to(kLong)` does. */
function labelsOf(targets: Tensor, layout: Layout, b: number): Int32Array {
  const len = layout.targetLengths[b];
  const out = new Int32Array(len);
  for (let i = 0; i < len; i++) {
    const v = Math.trunc(targets.data[layout.offsets[b] + i]);
    // Torch reads out of bounds here; an editor tool should say so instead.
    if (!(v >= 0 && v < layout.C)) {
      indexError('targets', `targets of sample ${b} holds label ${v} at position ${i}, expected a class index in [0, ${layout.C})`);
    }
    out[i] = v;
  }
  return out;
}

/** Rounding to the storage precision after every operation, as torch's float32 kernel does. */
type Round = (x: number) => number;
const exact: Round = (x) => x;

/** log(e^a + e^b + e^c) exactly as torch's CPU kernel evaluates it (max shift, 0 when all are -inf). */
function logAdd3(a: number, b: number, c: number, r: Round): number {
  // With one term left (the others -inf) the kernel's formula returns it exactly, so skip
  // exp and log; +inf is the exception (inf - inf makes it nan).
  if (b === -Infinity && c === -Infinity && a !== Infinity) return a;
  if (a === -Infinity && c === -Infinity && b !== Infinity) return b;
  let m = a;
  if (b > m) m = b;
  if (c > m) m = c;
  if (m === -Infinity) m = 0;
  // exp(-inf) is exactly 0, so skipping absent transitions changes no bit of the result.
  let sum = r(Math.exp(r(a - m)));
  if (b !== -Infinity) sum = r(sum + r(Math.exp(r(b - m))));
  if (c !== -Infinity) sum = r(sum + r(Math.exp(r(c - m))));
  return r(r(Math.log(sum)) + m);
}

function logAdd2(a: number, b: number, r: Round): number {
  let m = a < b ? b : a;
  if (m === -Infinity) m = 0;
  return r(r(Math.log(r(r(Math.exp(r(a - m))) + r(Math.exp(r(b - m)))))) + m);
}

/**
 * One sample: the negative log-likelihood by the alpha recursion and, when `grad` is given,
 * torch's gradient `exp(lp) − posterior` times `scale` for frames t < input length.
 */
function sample(lp: ArrayLike<number>, layout: Layout, b: number, blank: number, labels: Int32Array, grad: Float64Array | undefined, scale: number, zeroInfinity: boolean, r: Round): number {
  const { N, C } = layout;
  const Tb = layout.inputLengths[b];
  const L = labels.length;
  const S = 2 * L + 1;
  if (Tb === 0) return L === 0 ? -0 : Infinity;
  // The blank-extended label sequence l' and the frame stride of this sample in log_probs.
  const ext = new Int32Array(S).fill(blank);
  for (let i = 0; i < L; i++) ext[2 * i + 1] = labels[i];
  const row = (t: number): number => (t * N + b) * C;
  const alpha = new Float64Array(Tb * S).fill(-Infinity);
  alpha[0] = lp[row(0) + blank];
  if (L > 0) alpha[1] = lp[row(0) + ext[1]];
  for (let t = 1; t < Tb; t++) {
    const prev = (t - 1) * S;
    const base = row(t);
    for (let s = 0; s < S; s++) {
      const cur = ext[s];
      const a2 = s > 0 ? alpha[prev + s - 1] : -Infinity;
      const a3 = s > 1 && ext[s - 2] !== cur ? alpha[prev + s - 2] : -Infinity;
      alpha[t * S + s] = r(logAdd3(alpha[prev + s], a2, a3, r) + lp[base + cur]);
    }
  }
  const last = (Tb - 1) * S;
  const nll = L === 0 ? -alpha[last] : -logAdd2(alpha[last + 2 * L], alpha[last + 2 * L - 1], r);
  if (!grad) return nll;
  if (zeroInfinity && nll === Infinity) return nll;
  // Log-space sums of alpha·beta per (t, class), then eq. (16) of Graves et al.
  const lab = new Float64Array(Tb * C).fill(-Infinity);
  const beta = new Float64Array(Tb * S).fill(-Infinity);
  const lastRow = row(Tb - 1);
  beta[last + 2 * L] = lp[lastRow + blank];
  lab[(Tb - 1) * C + blank] = r(alpha[last + 2 * L] + beta[last + 2 * L]);
  if (L > 0) {
    const cur = labels[L - 1];
    beta[last + 2 * L - 1] = lp[lastRow + cur];
    lab[(Tb - 1) * C + cur] = r(alpha[last + 2 * L - 1] + beta[last + 2 * L - 1]);
  }
  for (let t = Tb - 2; t >= 0; t--) {
    const next = (t + 1) * S;
    const base = row(t);
    for (let s = S - 1; s >= 0; s--) {
      const cur = ext[s];
      const b2 = s < 2 * L ? beta[next + s + 1] : -Infinity;
      const b3 = s < 2 * L - 1 && ext[s + 2] !== cur ? beta[next + s + 2] : -Infinity;
      const bt = r(logAdd3(beta[next + s], b2, b3, r) + lp[base + cur]);
      beta[t * S + s] = bt;
      const ab = r(alpha[t * S + s] + bt);
      const k = t * C + cur;
      if (ab !== -Infinity) lab[k] = lab[k] === -Infinity ? ab : logAdd2(lab[k], ab, r);
    }
  }
  for (let t = 0; t < Tb; t++) {
    const base = row(t);
    for (let c = 0; c < C; c++) {
      const x = lp[base + c];
      grad[base + c] = r(r(r(Math.exp(x)) - r(Math.exp(r(r(lab[t * C + c] + nll) - x)))) * scale);
    }
  }
  return nll;
}

export const ctc: LossImpl = {
  module: 'CTCLoss',
  compute(input: LossInput): LossResult {
    const { params, dtype } = input;
    const lp = tensorArg(input, 'log_probs');
    const targets = tensorArg(input, 'targets');
    const blank = floatParam(params, 'blank');
    const zeroInfinity = boolParam(params, 'zero_infinity');
    const layout = checkArgs(lp, targets, tensorArg(input, 'input_lengths'), tensorArg(input, 'target_lengths'), blank);
    const { N } = layout;
    // The alpha (and beta) lattice of each sample is T_b·(2L_b+1) cells: the work grows with
    // the product of two lengths, so it has a meter of its own.
    let cells = 0;
    for (let b = 0; b < N; b++) cells += layout.inputLengths[b] * (2 * layout.targetLengths[b] + 1);
    checkWork(input.meter, 'lattice', cells, 'the CTC lattice Σ T·(2L+1)');
    const reduction = params.reduction;
    const losses = new Float64Array(N);
    const grad = input.grad ? new Float64Array(numel(lp.shape)) : undefined;
    const r = dtype === 'float32' ? Math.fround : exact;
    let total = 0;
    for (let b = 0; b < N; b++) {
      const len = Math.max(layout.targetLengths[b], 1);
      // Autograd of (loss / len).mean(): 1/N first, then divided by the length.
      const scale = reduction === 'mean' ? r(r(1 / N) / len) : 1;
      let nll = sample(lp.data, layout, b, blank, labelsOf(targets, layout, b), grad, scale, zeroInfinity, r);
      if (zeroInfinity && nll === Infinity) nll = 0;
      losses[b] = nll;
      total += reduction === 'mean' ? nll / len : nll;
    }
    let output: Tensor;
    if (reduction === 'none') {
      const data = allocFloat(dtype, N);
      data.set(losses);
      output = floatTensor(lp.shape.length === 3 ? [N] : [], dtype, data);
    } else {
      const data = allocFloat(dtype, 1);
      data[0] = reduction === 'mean' ? total / N : total;
      output = floatTensor([], dtype, data);
    }
    if (!grad) return { output };
    const g = allocFloat(dtype, grad.length);
    g.set(grad);
    return { output, grad: { log_probs: floatTensor(lp.shape, dtype, g) } };
  },
};
