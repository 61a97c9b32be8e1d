import { docsUrl, MEAN_OVER_ELEMENTS, PER_SAMPLE_OUTPUT, REDUCE_DOC, REDUCTION_DOC, SIZE_AVERAGE_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const multiLabelMargin: LossEntry = {
  id: 'multiLabelMargin',
  module: 'MultiLabelMarginLoss',
  params: [
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'index' }],
  functional: {
    name: 'multilabel_margin_loss',
    args: ['input', 'target'],
    params: ['size_average', 'reduce', 'reduction'],
  },
  aliases: ['multi-label hinge loss', 'multi-label ranking loss'],
  summary: {
    en: 'Multi-label hinge loss: every true class should score at least 1 above every other class.',
    zh: '多标签合页损失：每个正确类别的分数都应比每个非正确类别至少高 1。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(N, C) or (C)', holds: { en: 'raw scores per class', zh: '每个类别的原始分数' } },
      {
        name: 'target', shape: '(N, C) or (C)',
        holds: {
          en: 'int64 class indices of the true labels, listed first and padded with −1 (e.g. [3, 0, −1, 1] means classes 3 and 0); not a 0/1 mask',
          zh: '正确标签的类别索引（int64），依次排在前面并用 −1 填充（例如 [3, 0, −1, 1] 表示类别 3 和 0）；不是 0/1 掩码',
        },
      },
    ],
    output: { shape: '(N)', holds: PER_SAMPLE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = \\frac{1}{C}\\sum_{j \\in \\mathcal{Y}_n}\\ \\sum_{i \\notin \\mathcal{Y}_n} \\max\\bigl(0,\\ 1 - (x_{n,j} - x_{n,i})\\bigr)',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'x holds the scores, C the number of classes, 𝒴ₙ the true classes of sample n (the targets before the first −1), N the number of samples.', zh: 'x 为分数，C 为类别数，𝒴ₙ 为第 n 个样本的正确类别集合（第一个 −1 之前的目标），N 为样本数。' },
  },
  whenToUse: [
    { en: 'Multi-label classification with a ranking flavour: true labels must outrank all others.', zh: '带有排序意味的多标签分类：正确标签必须排在所有其他标签之前。' },
  ],
  whenNotToUse: [
    { en: 'Most multi-label tasks: `BCEWithLogitsLoss` on a 0/1 target matrix is the standard, calibrated choice.', zh: '大多数多标签任务：在 0/1 目标矩阵上使用 `BCEWithLogitsLoss` 是标准且概率校准的选择。' },
  ],
  pitfalls: [
    { text: { en: 'A 0/1 multi-hot target is misread as class indices: classes 0 and 1 are taken as the labels. Convert to padded indices, or use `MultiLabelSoftMarginLoss`/`BCEWithLogitsLoss`.', zh: '0/1 多热编码目标会被误读为类别索引：类别 0 和 1 被当作标签。请转换为带填充的索引，或改用 `MultiLabelSoftMarginLoss`/`BCEWithLogitsLoss`。' } },
    { text: { en: 'Only the targets before the first −1 count: an index placed after a −1 is silently ignored.', zh: '只有第一个 −1 之前的目标会被计入：放在 −1 之后的索引会被悄无声息地忽略。' } },
  ],
  example: `import torch
import torch.nn as nn

scores = torch.randn(2, 4, requires_grad=True)
target = torch.tensor([[3, 0, -1, 1], [1, 2, -1, -1]])  # sample 0: classes 3, 0
criterion = nn.MultiLabelMarginLoss()
loss = criterion(scores, target)
loss.backward()
`,
  docsUrl: docsUrl('MultiLabelMarginLoss'),
};
