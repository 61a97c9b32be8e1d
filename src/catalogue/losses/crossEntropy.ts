import { REDUCTIONS, type LossSignature } from '../types';

export const crossEntropy: LossSignature = {
  id: 'crossEntropy',
  module: 'CrossEntropyLoss',
  params: [
    { name: 'weight', type: 'tensor', default: null },
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'ignore_index', type: 'int', default: -100 },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
    { name: 'label_smoothing', type: 'float', default: 0.0 },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'classes' }],
  functional: {
    name: 'cross_entropy',
    args: ['input', 'target'],
    params: ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'],
  },
};
