import { docsUrl, MEAN_OVER_ELEMENTS, PER_SAMPLE_OUTPUT, REDUCE_DOC, REDUCTION_DOC, SIZE_AVERAGE_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const cosineEmbedding: LossEntry = {
  id: 'cosineEmbedding',
  module: 'CosineEmbeddingLoss',
  params: [
    {
      name: 'margin', type: 'float', default: 0.0,
      doc: { en: 'A cosine in [−1, 1]; dissimilar pairs cost nothing once their cosine similarity is below it. 0 to 0.5 is suggested.', zh: '取值于 [−1, 1] 的余弦值；不相似样本对的余弦相似度低于它后不再产生损失。建议取 0 到 0.5。' },
    },
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  forward: [{ name: 'input1', kind: 'float' }, { name: 'input2', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'cosine_embedding_loss',
    args: ['input1', 'input2', 'target'],
    params: ['margin', 'size_average', 'reduce', 'reduction'],
  },
  aliases: ['cosine similarity loss', 'siamese loss'],
  summary: {
    en: 'Makes the cosine similarity of two embeddings high for similar pairs (1) and below a margin for dissimilar pairs (−1).',
    zh: '使相似样本对（1）的两个嵌入余弦相似度变高，不相似样本对（−1）的余弦相似度低于间隔。',
  },
  shapes: {
    args: [
      { name: 'input1', shape: '(N, D) or (D)', holds: { en: 'first embeddings', zh: '第一组嵌入向量' } },
      { name: 'input2', shape: '(N, D) or (D)', holds: { en: 'second embeddings, same shape as input1', zh: '第二组嵌入向量，与 input1 形状相同' } },
      { name: 'target', shape: '(N) or ()', holds: { en: '1 (similar) or −1 (dissimilar) per pair', zh: '每个样本对取 1（相似）或 −1（不相似）' } },
    ],
    output: { shape: '(N)', holds: PER_SAMPLE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = \\begin{cases} 1 - \\cos(a_n, b_n), & y_n = 1 \\\\ \\max\\bigl(0,\\ \\cos(a_n, b_n) - \\Delta\\bigr), & y_n = -1 \\end{cases}',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'a and b are input1 and input2, cos the cosine similarity over the embedding dimension, y ∈ {1, −1}, Δ the `margin`, N the number of pairs.', zh: 'a、b 分别为 input1 和 input2，cos 为在嵌入维度上计算的余弦相似度，y ∈ {1, −1}，Δ 为间隔 `margin`，N 为样本对个数。' },
  },
  whenToUse: [
    { en: 'Siamese networks on labelled similar/dissimilar pairs (duplicate questions, face verification).', zh: '在标注了相似/不相似的样本对上训练孪生网络（重复问题识别、人脸验证）。' },
    { en: 'When only the direction of embeddings matters, not their length.', zh: '只关心嵌入的方向、不关心其长度时。' },
  ],
  whenNotToUse: [
    { en: 'Triplets or in-batch negatives: use `TripletMarginLoss` or a contrastive (InfoNCE) loss built on `CrossEntropyLoss`.', zh: '三元组或批内负样本：请使用 `TripletMarginLoss`，或基于 `CrossEntropyLoss` 构建的对比（InfoNCE）损失。' },
  ],
  pitfalls: [
    { rule: 'LL203', text: { en: 'Labels in {0, 1}: a 0 label gives a loss of 0, so dissimilar pairs are silently ignored. Use ±1 (`2 * y - 1`).', zh: '标签取 {0, 1}：标签为 0 的样本对损失为 0，不相似样本对被悄无声息地忽略了。请使用 ±1（`2 * y - 1`）。' } },
    { rule: 'LL304', text: { en: 'The target comes last: `loss(input1, input2, target)`.', zh: '目标放在最后：`loss(input1, input2, target)`。' } },
  ],
  example: `import torch
import torch.nn as nn

a = torch.randn(8, 64, requires_grad=True)
b = torch.randn(8, 64, requires_grad=True)
y = torch.tensor([1, -1, 1, -1, 1, 1, -1, -1]).float()
criterion = nn.CosineEmbeddingLoss(margin=0.2)
loss = criterion(a, b, y)
loss.backward()
`,
  docsUrl: docsUrl('CosineEmbeddingLoss'),
};
