/** Helpers for the class-index losses' tests: independent reference numerics and layout changes. */

/** A deterministic pseudo-random stream in [-scale, scale). */
export function randoms(n: number, seed: number, scale = 3): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out.push((2 * (s / 4294967296) - 1) * scale);
  }
  return out;
}

/** log_softmax over the class axis (axis 1, or 0 for a 1-D input) of a row-major tensor. */
export function logSoftmax(shape: number[], x: number[]): number[] {
  const c = shape.length === 1 ? shape[0] : shape[1];
  const n = shape.length === 1 ? 1 : shape[0];
  const inner = shape.slice(2).reduce((a, b) => a * b, 1);
  const out = new Array<number>(x.length);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < inner; i++) {
      const at = (j: number): number => (b * c + j) * inner + i;
      let m = -Infinity;
      for (let j = 0; j < c; j++) m = Math.max(m, x[at(j)]);
      let s = 0;
      for (let j = 0; j < c; j++) s += Math.exp(x[at(j)] - m);
      for (let j = 0; j < c; j++) out[at(j)] = x[at(j)] - m - Math.log(s);
    }
  }
  return out;
}

/** (N, C, d1…dK) → (N·d1…dK, C): moves the class axis last and flattens the rest. */
export function classesLast(shape: number[], x: ArrayLike<number>): number[] {
  const [n, c] = shape;
  const inner = shape.slice(2).reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let b = 0; b < n; b++) for (let i = 0; i < inner; i++) for (let j = 0; j < c; j++) out.push(x[(b * c + j) * inner + i]);
  return out;
}

/** The chain rule through log_softmax: dL/dx = g − softmax(x)·Σg, per row of classes. */
export function throughLogSoftmax(shape: number[], x: number[], g: number[]): number[] {
  const c = shape.length === 1 ? shape[0] : shape[1];
  const n = shape.length === 1 ? 1 : shape[0];
  const inner = shape.slice(2).reduce((a, b) => a * b, 1);
  const lp = logSoftmax(shape, x);
  const out = new Array<number>(x.length);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < inner; i++) {
      const at = (j: number): number => (b * c + j) * inner + i;
      let sg = 0;
      for (let j = 0; j < c; j++) sg += g[at(j)];
      for (let j = 0; j < c; j++) out[at(j)] = g[at(j)] - Math.exp(lp[at(j)]) * sg;
    }
  }
  return out;
}
