import { broadcastOrThrow } from './broadcast';
import { rounding, type Distance, type DistanceFn } from './distances';
import { runtimeError, valueError } from './errors';
import type { LossInput, LossResult } from './loss';
import { reduceLoss, reductionScale } from './reduction';
import { allocFloat, broadcastIndex, floatTensor, numel, sumToShape, type Tensor } from './tensor';

/** Python's repr of a float, as in torch's "got 0.0 instead". */
function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return Object.is(x, -0) ? '-0.0' : `${x}.0`;
  return String(x);
}

/** Both triplet constructors reject margin <= 0 (nan passes, as `nan <= 0` is False). */
export function checkMargin(module: string, margin: number): void {
  if (margin <= 0) {
    valueError('margin', `${module}: expected margin to be greater than 0, got ${pyFloat(margin)} instead`);
  }
}

const NAMES = ['anchor', 'positive', 'negative'] as const;

/**
 * The triplet loss shared by TripletMarginLoss and TripletMarginWithDistanceLoss:
 * clamp_min(margin + d(a, p) − d(a, n), 0), where with `swap` d(a, n) becomes
 * min(d(a, n), d(p, n)); then the reduction and gradients of `output.sum()`.
 */
export function tripletLoss(input: LossInput, distance: DistanceFn, margin: number, swap: boolean): LossResult {
  const [a, p, n] = NAMES.map((k) => input.args[k] as Tensor);
  if (!(a.shape.length === p.shape.length && p.shape.length === n.shape.length)) {
    runtimeError(
      'positive',
      `The anchor, positive, and negative tensors are expected to have the same number of dimensions, ` +
        `but got: anchor ${a.shape.length}D, positive ${p.shape.length}D, and negative ${n.shape.length}D inputs`,
    );
  }
  const { dtype, params } = input;
  const round = rounding(dtype);
  const dPos = distance('anchor', a, 'positive', p);
  const dNeg = distance('anchor', a, 'negative', n);
  const dSwap = swap ? distance('positive', p, 'negative', n) : undefined;
  let shape = broadcastOrThrow('d(anchor, positive)', dPos.shape, 'd(anchor, negative)', dNeg.shape);
  if (dSwap) shape = broadcastOrThrow('d(anchor, negative)', shape, 'd(positive, negative)', dSwap.shape);
  const m = numel(shape);
  const at = (dist: Distance): ((k: number) => number) => {
    const idx = broadcastIndex(dist.shape, shape, input.meter);
    return idx ? (k) => dist.values[idx[k]] : (k) => dist.values[k];
  };
  const pos = at(dPos);
  const neg = at(dNeg);
  const swp = dSwap ? at(dSwap) : undefined;
  const values = allocFloat(dtype, m);
  const { reduction } = params;
  const scale = input.grad ? reductionScale(reduction, m) : 0;
  // d(reduced loss)/d(distance): the clamp's mask, which side the minimum picked, the reduction.
  const gPos = new Float64Array(input.grad ? m : 0);
  const gNeg = new Float64Array(input.grad ? m : 0);
  const gSwap = new Float64Array(input.grad && swp ? m : 0);
  for (let k = 0; k < m; k++) {
    const dn = neg(k);
    let negative = dn;
    let wNeg = 1;
    let wSwap = 0;
    if (swp) {
      const ds = swp(k);
      negative = Math.min(dn, ds);
      // torch.minimum's backward: the smaller side gets the gradient, a tie splits it in half.
      wNeg = dn === ds ? 0.5 : dn > ds ? 0 : 1;
      wSwap = dn === ds ? 0.5 : ds > dn ? 0 : 1;
    }
    const raw = round(round(margin + pos(k)) - negative);
    values[k] = raw > 0 ? raw : Number.isNaN(raw) ? raw : 0;
    if (!input.grad) continue;
    const pass = raw >= 0 ? scale : 0;
    gPos[k] = pass;
    gNeg[k] = -pass * wNeg;
    if (swp) gSwap[k] = -pass * wSwap;
  }
  const output = reduceLoss(values, shape, reduction, dtype);
  if (!input.grad) return { output };
  // Float32 accumulators round every addition, as torch's float32 gradient sums do.
  const acc = [a, p, n].map((t) => allocFloat(dtype, numel(t.shape)));
  const pull = (dist: Distance, g: Float64Array, i: number, j: number): boolean => {
    const idx = broadcastIndex(dist.shape, shape, input.meter);
    const own = idx ? sumToShape(g, idx, dist.values.length, 'float64') : g;
    return dist.backward(own, acc[i], acc[j]);
  };
  const any = pull(dPos, gPos, 0, 1) && pull(dNeg, gNeg, 0, 2) && (!dSwap || pull(dSwap, gSwap, 1, 2));
  // With p = 0 no distance has a gradient, and PyTorch leaves every .grad as None.
  if (!any) return { output, grad: {} };
  const grad: Record<string, Tensor> = {};
  [a, p, n].forEach((t, i) => (grad[NAMES[i]] = floatTensor(t.shape, dtype, acc[i])));
  return { output, grad };
}
