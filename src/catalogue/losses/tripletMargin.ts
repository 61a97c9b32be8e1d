import { REDUCTIONS, type LossSignature } from '../types';

export const tripletMargin: LossSignature = {
  id: 'tripletMargin',
  module: 'TripletMarginLoss',
  params: [
    { name: 'margin', type: 'float', default: 1.0 },
    { name: 'p', type: 'float', default: 2.0 },
    { name: 'eps', type: 'float', default: 1e-06 },
    { name: 'swap', type: 'bool', default: false },
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
  ],
  forward: [{ name: 'anchor', kind: 'float' }, { name: 'positive', kind: 'float' }, { name: 'negative', kind: 'float' }],
  functional: {
    name: 'triplet_margin_loss',
    args: ['anchor', 'positive', 'negative'],
    params: ['margin', 'p', 'eps', 'swap', 'size_average', 'reduce', 'reduction'],
  },
};
