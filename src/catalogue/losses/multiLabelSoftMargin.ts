import { REDUCTIONS, type LossSignature } from '../types';

export const multiLabelSoftMargin: LossSignature = {
  id: 'multiLabelSoftMargin',
  module: 'MultiLabelSoftMarginLoss',
  params: [
    { name: 'weight', type: 'tensor', default: null },
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'multilabel_soft_margin_loss',
    args: ['input', 'target'],
    params: ['weight', 'size_average', 'reduce', 'reduction'],
  },
};
