import { REDUCTIONS, type LossSignature } from '../types';

export const ctc: LossSignature = {
  id: 'ctc',
  module: 'CTCLoss',
  params: [
    { name: 'blank', type: 'int', default: 0 },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
    { name: 'zero_infinity', type: 'bool', default: false },
  ],
  forward: [{ name: 'log_probs', kind: 'float' }, { name: 'targets', kind: 'index' }, { name: 'input_lengths', kind: 'index' }, { name: 'target_lengths', kind: 'index' }],
  functional: {
    name: 'ctc_loss',
    args: ['log_probs', 'targets', 'input_lengths', 'target_lengths'],
    params: ['blank', 'reduction', 'zero_infinity'],
  },
};
