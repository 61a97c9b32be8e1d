import { REDUCTIONS, type LossSignature } from '../types';

export const nll: LossSignature = {
  id: 'nll',
  module: 'NLLLoss',
  params: [
    { name: 'weight', type: 'tensor', default: null },
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'ignore_index', type: 'int', default: -100 },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'classes' }],
  functional: {
    name: 'nll_loss',
    args: ['input', 'target'],
    params: ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction'],
  },
};
