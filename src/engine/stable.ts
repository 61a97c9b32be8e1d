/** Numerics shared by several losses. Each follows the formula PyTorch's CPU kernels use. */

/** log(1 + exp(-|x|)): the correction term of softplus and log-sigmoid; never overflows. */
export function log1pExpNegAbs(x: number): number {
  return Math.log1p(Math.exp(-Math.abs(x)));
}

/** log σ(x) = min(x, 0) − log1p(exp(−|x|)), as torch's log_sigmoid computes it. */
export function logSigmoid(x: number): number {
  return (x < 0 ? x : 0) - Math.log1p(Math.exp(-Math.abs(x)));
}

/** softplus(x) = log(1 + exp(x)) = max(x, 0) + log1p(exp(−|x|)), stable for any x. */
export function softplus(x: number): number {
  return (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** σ(x) without overflow: exp(−|x|) is taken once and reused for either sign. */
export function sigmoid(x: number): number {
  const e = Math.exp(-Math.abs(x));
  const inv = 1 / (1 + e);
  return x >= 0 ? inv : e * inv;
}

/** xlogy(x, y) = x·log(y), defined as 0 when x == 0 (unless y is nan), like torch.xlogy. */
export function xlogy(x: number, y: number): number {
  if (Number.isNaN(y)) return NaN;
  return x === 0 ? 0 : x * Math.log(y);
}
