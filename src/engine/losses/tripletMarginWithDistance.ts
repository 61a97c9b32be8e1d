import type { WorkMeter } from '../budget';
import { cosineDistance, pairwiseDistance, type DistanceFn } from '../distances';
import { typeError } from '../errors';
import type { DistanceSpec, LossImpl, LossInput, LossResult } from '../loss';
import { boolParam, floatParam } from '../loss';
import { describe, type FloatDType } from '../tensor';
import { checkMargin, tripletLoss } from '../triplet';

/** A spec field: absent means the callable's own default; non-finite floats may come as strings. */
function specFloat(spec: DistanceSpec, key: 'p' | 'eps', fallback: number): number {
  const v = (spec as Record<string, unknown>)[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'number') return v;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === 'nan') return NaN;
  return typeError('distance_function', `distance_function.${key} must be a float, got ${describe(v)}`);
}

/** The named distances of the fixtures: nn.PairwiseDistance(p, eps, keepdim) and 1 − cosine similarity. */
function distanceOf(spec: DistanceSpec | null, dtype: FloatDType, meter: WorkMeter): DistanceFn {
  if (spec === null) return pairwiseDistance(2, 1e-6, false, dtype, meter);
  if (spec.name === 'cosine_distance') return cosineDistance(specFloat(spec, 'eps', 1e-8), dtype, meter);
  const keepdim = spec.keepdim ?? false;
  if (typeof keepdim !== 'boolean') {
    typeError('distance_function', `distance_function.keepdim must be a bool, got ${describe(keepdim)}`);
  }
  return pairwiseDistance(specFloat(spec, 'p', 2), specFloat(spec, 'eps', 1e-6), keepdim, dtype, meter);
}

export const tripletMarginWithDistance: LossImpl = {
  module: 'TripletMarginWithDistanceLoss',
  compute(input: LossInput): LossResult {
    const { params, dtype } = input;
    const margin = floatParam(params, 'margin');
    checkMargin('TripletMarginWithDistanceLoss', margin);
    const distance = distanceOf(params.distance_function as DistanceSpec | null, dtype, input.meter);
    return tripletLoss(input, distance, margin, boolParam(params, 'swap'));
  },
};
