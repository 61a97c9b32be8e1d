import { REDUCTIONS, type LossSignature } from '../types';

export const bceWithLogits: LossSignature = {
  id: 'bceWithLogits',
  module: 'BCEWithLogitsLoss',
  params: [
    { name: 'weight', type: 'tensor', default: null },
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
    { name: 'pos_weight', type: 'tensor', default: null },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'binary_cross_entropy_with_logits',
    args: ['input', 'target'],
    params: ['weight', 'size_average', 'reduce', 'reduction', 'pos_weight'],
  },
};
