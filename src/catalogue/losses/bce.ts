import { REDUCTIONS, type LossSignature } from '../types';

export const bce: LossSignature = {
  id: 'bce',
  module: 'BCELoss',
  params: [
    { name: 'weight', type: 'tensor', default: null },
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'binary_cross_entropy',
    args: ['input', 'target'],
    params: ['weight', 'size_average', 'reduce', 'reduction'],
  },
};
