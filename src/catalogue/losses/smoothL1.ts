import { REDUCTIONS, type LossSignature } from '../types';

export const smoothL1: LossSignature = {
  id: 'smoothL1',
  module: 'SmoothL1Loss',
  params: [
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
    { name: 'beta', type: 'float', default: 1.0 },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'smooth_l1_loss',
    args: ['input', 'target'],
    params: ['size_average', 'reduce', 'reduction', 'beta'],
  },
};
