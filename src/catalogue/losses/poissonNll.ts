import { REDUCTIONS, type LossSignature } from '../types';

export const poissonNll: LossSignature = {
  id: 'poissonNll',
  module: 'PoissonNLLLoss',
  params: [
    { name: 'log_input', type: 'bool', default: true },
    { name: 'full', type: 'bool', default: false },
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'eps', type: 'float', default: 1e-08 },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
  ],
  forward: [{ name: 'log_input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'poisson_nll_loss',
    args: ['input', 'target'],
    params: ['log_input', 'full', 'size_average', 'eps', 'reduce', 'reduction'],
  },
};
