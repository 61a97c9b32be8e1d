import { REDUCTIONS, type LossSignature } from '../types';

export const multiLabelMargin: LossSignature = {
  id: 'multiLabelMargin',
  module: 'MultiLabelMarginLoss',
  params: [
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'index' }],
  functional: {
    name: 'multilabel_margin_loss',
    args: ['input', 'target'],
    params: ['size_average', 'reduce', 'reduction'],
  },
};
