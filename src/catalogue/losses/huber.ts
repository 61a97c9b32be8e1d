import { REDUCTIONS, type LossSignature } from '../types';

export const huber: LossSignature = {
  id: 'huber',
  module: 'HuberLoss',
  params: [
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
    { name: 'delta', type: 'float', default: 1.0 },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'huber_loss',
    args: ['input', 'target'],
    params: ['reduction', 'delta'],
  },
};
