import { REDUCTIONS, type LossSignature } from '../types';

export const hingeEmbedding: LossSignature = {
  id: 'hingeEmbedding',
  module: 'HingeEmbeddingLoss',
  params: [
    { name: 'margin', type: 'float', default: 1.0 },
    { name: 'size_average', type: 'legacy', default: null },
    { name: 'reduce', type: 'legacy', default: null },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'hinge_embedding_loss',
    args: ['input', 'target'],
    params: ['margin', 'size_average', 'reduce', 'reduction'],
  },
};
