import { docsUrl, ELEMENTWISE_OUTPUT, MEAN_OVER_ELEMENTS, REDUCE_DOC, REDUCTION_DOC, SIZE_AVERAGE_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const hingeEmbedding: LossEntry = {
  id: 'hingeEmbedding',
  module: 'HingeEmbeddingLoss',
  params: [
    {
      name: 'margin', type: 'float', default: 1.0,
      doc: { en: 'Dissimilar pairs (target −1) stop costing anything once their input (distance) exceeds the margin.', zh: '不相似的样本对（目标为 −1）在输入（距离）超过该间隔后不再产生损失。' },
    },
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'hinge_embedding_loss',
    args: ['input', 'target'],
    params: ['margin', 'size_average', 'reduce', 'reduction'],
  },
  aliases: ['contrastive hinge loss', 'pairwise hinge loss'],
  summary: {
    en: 'For a distance between two items and a ±1 label: pulls similar pairs (1) together and pushes dissimilar pairs (−1) beyond a margin.',
    zh: '作用于两个样本之间的距离和 ±1 标签：把相似样本对（1）拉近，把不相似样本对（−1）推到间隔之外。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(*)', holds: { en: 'non-negative distances between pairs, e.g. `torch.pairwise_distance(a, b)` or an L1 norm', zh: '样本对之间的非负距离，例如 `torch.pairwise_distance(a, b)` 或 L1 范数' } },
      { name: 'target', shape: '(*)', holds: { en: 'same shape as the input; 1 (similar) or −1 (dissimilar)', zh: '与输入形状相同；取值为 1（相似）或 −1（不相似）' } },
    ],
    output: { shape: '(*)', holds: ELEMENTWISE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = \\begin{cases} x_n, & y_n = 1 \\\\ \\max(0,\\ \\Delta - x_n), & y_n = -1 \\end{cases}',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'x is the distance, y ∈ {1, −1} the label, Δ the `margin`, N the number of elements.', zh: 'x 为距离，y ∈ {1, −1} 为标签，Δ 为间隔 `margin`，N 为元素个数。' },
  },
  whenToUse: [
    { en: 'Learning embeddings from similar/dissimilar pairs when you already compute a distance.', zh: '已经计算出距离、需要从相似/不相似样本对中学习嵌入表示时。' },
    { en: 'Semi-supervised embedding and siamese networks.', zh: '半监督嵌入学习与孪生网络。' },
  ],
  whenNotToUse: [
    { en: 'You have the two embeddings rather than a distance: `CosineEmbeddingLoss` takes them directly.', zh: '手上是两个嵌入向量而非距离：`CosineEmbeddingLoss` 可以直接接收它们。' },
    { en: 'You have (anchor, positive, negative) triplets: use `TripletMarginLoss`.', zh: '数据是（锚点、正样本、负样本）三元组：请使用 `TripletMarginLoss`。' },
  ],
  pitfalls: [
    { rule: 'LL203', text: { en: 'Labels in {0, 1}: a 0 is neither 1 nor −1, so PyTorch adds both terms, x + max(0, Δ − x), and the pair is never pushed apart properly. Use ±1 (`2 * y - 1`).', zh: '标签取 {0, 1}：0 既不是 1 也不是 −1，PyTorch 会把两项相加得到 x + max(0, Δ − x)，不相似样本对无法被正确推开。请使用 ±1（`2 * y - 1`）。' } },
    { text: { en: 'Feeding a similarity (higher = closer) instead of a distance inverts the objective.', zh: '传入相似度（越大越接近）而不是距离，会使优化目标反向。' } },
  ],
  example: `import torch
import torch.nn as nn

a = torch.randn(8, 16, requires_grad=True)
b = torch.randn(8, 16)
same = torch.tensor([1, -1, 1, 1, -1, -1, 1, -1]).float()
criterion = nn.HingeEmbeddingLoss(margin=1.0)
loss = criterion(torch.pairwise_distance(a, b), same)
loss.backward()
`,
  docsUrl: docsUrl('HingeEmbeddingLoss'),
};
