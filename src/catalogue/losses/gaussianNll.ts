import { REDUCTIONS, type LossSignature } from '../types';

export const gaussianNll: LossSignature = {
  id: 'gaussianNll',
  module: 'GaussianNLLLoss',
  params: [
    { name: 'full', type: 'bool', default: false },
    { name: 'eps', type: 'float', default: 1e-06 },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
  ],
  keywordOnly: true,
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }, { name: 'var', kind: 'floatOrScalar' }],
  functional: {
    name: 'gaussian_nll_loss',
    args: ['input', 'target', 'var'],
    params: ['full', 'eps', 'reduction'],
  },
};
