import { REDUCTIONS, type LossSignature } from '../types';

export const softMargin: LossSignature = {
  id: 'softMargin',
  module: 'SoftMarginLoss',
  params: [
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'soft_margin_loss',
    args: ['input', 'target'],
    params: ['size_average', 'reduce', 'reduction'],
  },
};
