import { docsUrl, MEAN_OVER_ELEMENTS, PER_SAMPLE_OUTPUT, REDUCE_DOC, REDUCTION_DOC, SIZE_AVERAGE_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const multiLabelSoftMargin: LossEntry = {
  id: 'multiLabelSoftMargin',
  module: 'MultiLabelSoftMarginLoss',
  params: [
    {
      name: 'weight', type: 'tensor', default: null,
      doc: { en: 'Optional weight per class, a tensor of size C.', zh: '可选的类别权重，大小为 C 的张量。' },
    },
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'multilabel_soft_margin_loss',
    args: ['input', 'target'],
    params: ['weight', 'size_average', 'reduce', 'reduction'],
  },
  aliases: ['multi-label logistic loss', 'one-versus-all loss'],
  summary: {
    en: 'One-versus-all logistic loss for multi-label classification, averaged over the classes of each sample.',
    zh: '用于多标签分类的一对多逻辑损失，在每个样本的各类别上取平均。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(N, C)', holds: { en: 'raw logits, one per class', zh: '原始 logits，每个类别一个' } },
      { name: 'target', shape: '(N, C)', holds: { en: 'same shape as the input; 0/1 (multi-hot) labels', zh: '与输入形状相同；0/1 标签（多热编码）' } },
    ],
    output: { shape: '(N)', holds: PER_SAMPLE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = -\\frac{1}{C}\\sum_{c=1}^{C} w_c\\left[y_{n,c}\\log\\sigma(x_{n,c}) + (1 - y_{n,c})\\log\\sigma(-x_{n,c})\\right]',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'x holds the logits, σ the sigmoid, y the 0/1 labels, w the class `weight` (1 when not given), C the number of classes, N the batch size.', zh: 'x 为 logits，σ 为 sigmoid，y 为 0/1 标签，w 为类别权重 `weight`（未给出时为 1），C 为类别数，N 为批大小。' },
  },
  whenToUse: [
    { en: 'Multi-label classification with logits and multi-hot targets when you want one loss per sample.', zh: '多标签分类，输入为 logits、目标为多热编码，并希望每个样本得到一个损失值。' },
  ],
  whenNotToUse: [
    { en: 'You need `pos_weight` for imbalanced labels: `BCEWithLogitsLoss` has it and gives the same mean value otherwise.', zh: '需要用 `pos_weight` 处理标签不平衡：`BCEWithLogitsLoss` 提供该参数，其他情况下两者的均值相同。' },
  ],
  pitfalls: [
    { rule: 'LL102', text: { en: 'Passing sigmoid outputs instead of logits applies the sigmoid twice.', zh: '传入 sigmoid 输出而不是 logits，相当于做了两次 sigmoid。' } },
    { text: { en: 'Target and input must both be (N, C): a target of class indices (N) or a padded index list is read as 0/1 labels and gives a meaningless loss.', zh: '目标与输入都必须是 (N, C)：类别索引形式 (N) 或带填充的索引列表会被当作 0/1 标签，得到无意义的损失。' } },
  ],
  example: `import torch
import torch.nn as nn

logits = torch.randn(8, 5, requires_grad=True)
labels = torch.randint(0, 2, (8, 5)).float()  # multi-hot
criterion = nn.MultiLabelSoftMarginLoss()
loss = criterion(logits, labels)
loss.backward()
`,
  docsUrl: docsUrl('MultiLabelSoftMarginLoss'),
};
