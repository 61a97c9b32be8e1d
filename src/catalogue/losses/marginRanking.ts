import { REDUCTIONS, type LossSignature } from '../types';

export const marginRanking: LossSignature = {
  id: 'marginRanking',
  module: 'MarginRankingLoss',
  params: [
    { name: 'margin', type: 'float', default: 0.0 },
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
  ],
  forward: [{ name: 'input1', kind: 'float' }, { name: 'input2', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'margin_ranking_loss',
    args: ['input1', 'input2', 'target'],
    params: ['margin', 'size_average', 'reduce', 'reduction'],
  },
};
