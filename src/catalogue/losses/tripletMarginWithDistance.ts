import { REDUCTIONS, type LossSignature } from '../types';

export const tripletMarginWithDistance: LossSignature = {
  id: 'tripletMarginWithDistance',
  module: 'TripletMarginWithDistanceLoss',
  params: [
    { name: 'distance_function', type: 'distance', default: null },
    { name: 'margin', type: 'float', default: 1.0 },
    { name: 'swap', type: 'bool', default: false },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
  ],
  keywordOnly: true,
  forward: [{ name: 'anchor', kind: 'float' }, { name: 'positive', kind: 'float' }, { name: 'negative', kind: 'float' }],
  functional: {
    name: 'triplet_margin_with_distance_loss',
    args: ['anchor', 'positive', 'negative'],
    params: ['distance_function', 'margin', 'swap', 'reduction'],
    keywordOnly: true,
  },
};
