import type { LossSignature } from '../types';

export const klDiv: LossSignature = {
  id: 'klDiv',
  module: 'KLDivLoss',
  params: [
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: ['none', 'batchmean', 'sum', 'mean'] },
    { name: 'log_target', type: 'bool', default: false },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'kl_div',
    args: ['input', 'target'],
    params: ['size_average', 'reduce', 'reduction', 'log_target'],
  },
};
