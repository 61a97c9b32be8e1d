import type { LossImpl, LossInput, LossResult } from '../loss';
import { boolParam, floatParam } from '../loss';
import { pairwiseDistance } from '../distances';
import { checkMargin, tripletLoss } from '../triplet';

export const tripletMargin: LossImpl = {
  module: 'TripletMarginLoss',
  compute(input: LossInput): LossResult {
    const { params, dtype } = input;
    const margin = floatParam(params, 'margin');
    checkMargin('TripletMarginLoss', margin);
    const distance = pairwiseDistance(floatParam(params, 'p'), floatParam(params, 'eps'), false, dtype, input.meter);
    return tripletLoss(input, distance, margin, boolParam(params, 'swap'));
  },
};
