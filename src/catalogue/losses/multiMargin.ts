import { REDUCTIONS, type LossSignature } from '../types';

export const multiMargin: LossSignature = {
  id: 'multiMargin',
  module: 'MultiMarginLoss',
  params: [
    { name: 'p', type: 'int', default: 1 },
    { name: 'margin', type: 'float', default: 1.0 },
    { name: 'weight', type: 'tensor', default: null },
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'index' }],
  functional: {
    name: 'multi_margin_loss',
    args: ['input', 'target'],
    params: ['p', 'margin', 'weight', 'size_average', 'reduce', 'reduction'],
  },
};
