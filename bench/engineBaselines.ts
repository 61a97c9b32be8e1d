import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers gradients only through this side-effect import (the tfjs union package does it).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';

type FloatArray = Float64Array | Float32Array;

/** What a baseline returns: the reduced value (as a double) and the gradient buffers it filled. */
export interface Computed {
  value: number;
  grads: FloatArray[];
}

/**
 * The tight loops: the same arithmetic as the engine's mean-reduced losses, written once per
 * loss with nothing but typed arrays, one transcendental per element and float64 accumulation.
 * They must not reference outer scope: `monomorphic` recompiles them from source per dtype.
 */
function mseLoop(x: FloatArray, t: FloatArray, gx: FloatArray | null, gt: FloatArray | null): number {
  const n = x.length;
  const scale = 2 / n;
  let s = 0;
  if (gx && gt) {
    for (let k = 0; k < n; k++) {
      const d = x[k] - t[k];
      s += d * d;
      const g = scale * d;
      gx[k] = g;
      gt[k] = -g;
    }
  } else {
    for (let k = 0; k < n; k++) {
      const d = x[k] - t[k];
      s += d * d;
    }
  }
  return s / n;
}

function bceLogitsLoop(x: FloatArray, t: FloatArray, gx: FloatArray | null, gt: FloatArray | null): number {
  const n = x.length;
  const scale = 1 / n;
  let s = 0;
  for (let k = 0; k < n; k++) {
    const xv = x[k];
    const tv = t[k];
    const e = Math.exp(-Math.abs(xv));
    s += (1 - tv) * xv + Math.log1p(e) - (xv < 0 ? xv : 0);
    if (gx && gt) {
      const inv = 1 / (1 + e);
      gx[k] = ((xv >= 0 ? inv : e * inv) - tv) * scale;
      gt[k] = -xv * scale;
    }
  }
  return s / n;
}

function ceLoop(x: FloatArray, y: Int32Array, c: number, gx: FloatArray | null): number {
  const rows = y.length;
  const scale = 1 / rows;
  let total = 0;
  for (let b = 0, off = 0; b < rows; b++, off += c) {
    const end = off + c;
    let m = -Infinity;
    for (let j = off; j < end; j++) if (x[j] > m) m = x[j];
    let s = 0;
    if (gx) {
      for (let j = off; j < end; j++) {
        const e = Math.exp(x[j] - m);
        gx[j] = e;
        s += e;
      }
      const r = scale / s;
      for (let j = off; j < end; j++) gx[j] *= r;
      gx[off + y[b]] -= scale;
    } else {
      for (let j = off; j < end; j++) s += Math.exp(x[j] - m);
    }
    total += Math.log(s) - (x[off + y[b]] - m);
  }
  return total / rows;
}

/** A fresh copy of `fn` with its own type feedback, so float64 and float32 runs stay monomorphic. */
function monomorphic<F>(fn: F): F {
  return new Function(`return (${String(fn)});`)() as F;
}

export type LossName = 'MSELoss' | 'BCEWithLogitsLoss' | 'CrossEntropyLoss';

export interface Workload {
  readonly loss: LossName;
  readonly dtype: 'float64' | 'float32';
  readonly rows: number;
  readonly cols: number;
  readonly x: FloatArray;
  /** Float target (MSE, BCE) or class indices (CE). */
  readonly t: FloatArray | Int32Array;
}

export function makeTight(loss: LossName): (w: Workload, grad: boolean) => Computed {
  if (loss === 'CrossEntropyLoss') {
    const f = monomorphic(ceLoop);
    return (w, grad) => {
      const gx = grad ? (w.dtype === 'float32' ? new Float32Array(w.x.length) : new Float64Array(w.x.length)) : null;
      return { value: f(w.x, w.t as Int32Array, w.cols, gx), grads: gx ? [gx] : [] };
    };
  }
  const f = monomorphic(loss === 'MSELoss' ? mseLoop : bceLogitsLoop);
  return (w, grad) => {
    const alloc = () => (w.dtype === 'float32' ? new Float32Array(w.x.length) : new Float64Array(w.x.length));
    const gx = grad ? alloc() : null;
    const gt = grad ? alloc() : null;
    return { value: f(w.x, w.t as FloatArray, gx, gt), grads: gx && gt ? [gx, gt] : [] };
  };
}

/** tfjs-core on its CPU backend (float32 only, as tfjs has no float64), same loss and gradients. */
export async function initTfjs(): Promise<string> {
  await tf.setBackend('cpu');
  await tf.ready();
  return `@tensorflow/tfjs-core ${tf.version_core} + tfjs-backend-cpu ${version_cpu}`;
}

export interface TfjsInputs {
  readonly x: tf.Tensor2D;
  readonly t: tf.Tensor2D;
}

export function tfjsInputs(w: Workload): TfjsInputs {
  const x = tf.tensor2d(Float32Array.from(w.x), [w.rows, w.cols], 'float32');
  if (w.loss !== 'CrossEntropyLoss') return { x, t: tf.tensor2d(Float32Array.from(w.t), [w.rows, w.cols], 'float32') };
  const onehot = new Float32Array(w.rows * w.cols);
  const y = w.t as Int32Array;
  for (let b = 0; b < w.rows; b++) onehot[b * w.cols + y[b]] = 1;
  return { x, t: tf.tensor2d(onehot, [w.rows, w.cols], 'float32') };
}

export function disposeTfjs(i: TfjsInputs): void {
  i.x.dispose();
  i.t.dispose();
}

/** One tfjs evaluation, forced to completion with dataSync(); returns the value as a double. */
export function runTfjs(loss: LossName, i: TfjsInputs, grad: boolean): number {
  const f = (x: tf.Tensor, t: tf.Tensor): tf.Scalar =>
    loss === 'MSELoss'
      ? tf.losses.meanSquaredError(t, x)
      : loss === 'BCEWithLogitsLoss'
        ? tf.losses.sigmoidCrossEntropy(t, x)
        : tf.losses.softmaxCrossEntropy(t, x);
  const value = tf.tidy(() => f(i.x, i.t));
  const v = value.dataSync()[0];
  value.dispose();
  if (!grad) return v;
  // CE targets are class indices in the engine: no target gradient there, so none here either.
  const gs =
    loss === 'CrossEntropyLoss'
      ? [tf.grad((x: tf.Tensor) => f(x, i.t))(i.x)]
      : tf.grads((x: tf.Tensor, t: tf.Tensor) => f(x, t))([i.x, i.t]);
  for (const g of gs) {
    g.dataSync();
    g.dispose();
  }
  return v;
}
