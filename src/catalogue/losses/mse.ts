import { REDUCTIONS, type LossSignature } from '../types';

export const mse: LossSignature = {
  id: 'mse',
  module: 'MSELoss',
  params: [
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'mse_loss',
    args: ['input', 'target'],
    params: ['size_average', 'reduce', 'reduction'],
  },
};
