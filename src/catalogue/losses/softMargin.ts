import { docsUrl, ELEMENTWISE_OUTPUT, MEAN_OVER_ELEMENTS, REDUCE_DOC, REDUCTION_DOC, SIZE_AVERAGE_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const softMargin: LossEntry = {
  id: 'softMargin',
  module: 'SoftMarginLoss',
  params: [
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'soft_margin_loss',
    args: ['input', 'target'],
    params: ['size_average', 'reduce', 'reduction'],
  },
  aliases: ['logistic loss with ±1 labels', 'softplus margin loss'],
  summary: {
    en: 'Two-class logistic loss for scores and ±1 labels: log(1 + exp(−y·x)).',
    zh: '作用于分数和 ±1 标签的二分类逻辑损失：log(1 + exp(−y·x))。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(*)', holds: { en: 'raw scores (logits)', zh: '原始分数（logits）' } },
      { name: 'target', shape: '(*)', holds: { en: 'same shape as the input; 1 or −1', zh: '与输入形状相同；取值为 1 或 −1' } },
    ],
    output: { shape: '(*)', holds: ELEMENTWISE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = \\log\\bigl(1 + \\exp(-y_n\\,x_n)\\bigr)',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'x is the score, y ∈ {1, −1} the label, N the number of elements.', zh: 'x 为分数，y ∈ {1, −1} 为标签，N 为元素个数。' },
  },
  whenToUse: [
    { en: 'Binary classification when labels are already ±1 (margin-based formulations, ports from SVM code).', zh: '标签本来就是 ±1 的二分类（基于间隔的表述、从 SVM 代码移植）。' },
  ],
  whenNotToUse: [
    { en: 'Labels in {0, 1}: `BCEWithLogitsLoss` computes the same loss directly (with y = 2t − 1).', zh: '标签为 {0, 1}：`BCEWithLogitsLoss` 直接计算同样的损失（对应 y = 2t − 1）。' },
  ],
  pitfalls: [
    { text: { en: 'Labels in {0, 1}: a 0 label gives log 2 with zero gradient, so negatives teach nothing. Use ±1 (`2 * y - 1`) or `BCEWithLogitsLoss`.', zh: '标签取 {0, 1}：标签为 0 时损失恒为 log 2、梯度为 0，负样本起不到作用。请使用 ±1（`2 * y - 1`）或 `BCEWithLogitsLoss`。' } },
    { rule: 'LL304', text: { en: 'Swapped arguments `loss(labels, scores)`: the scores come first.', zh: '参数顺序颠倒 `loss(labels, scores)`：分数应放在第一位。' } },
  ],
  example: `import torch
import torch.nn as nn

scores = torch.randn(8, requires_grad=True)
labels = torch.tensor([1, -1, 1, 1, -1, -1, 1, -1]).float()
criterion = nn.SoftMarginLoss()
loss = criterion(scores, labels)
loss.backward()
`,
  docsUrl: docsUrl('SoftMarginLoss'),
};
