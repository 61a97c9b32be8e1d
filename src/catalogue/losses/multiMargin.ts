import { docsUrl, MEAN_OVER_ELEMENTS, PER_SAMPLE_OUTPUT, REDUCE_DOC, REDUCTION_DOC, SIZE_AVERAGE_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const multiMargin: LossEntry = {
  id: 'multiMargin',
  module: 'MultiMarginLoss',
  params: [
    {
      name: 'p', type: 'int', default: 1,
      doc: { en: 'Exponent of the hinge: 1 (hinge) or 2 (squared hinge); no other value is supported.', zh: '合页项的指数：1（合页）或 2（平方合页）；不支持其他取值。' },
    },
    {
      name: 'margin', type: 'float', default: 1.0,
      doc: { en: 'How far the true class must score above every other class.', zh: '正确类别的分数需要比其他每个类别高出的幅度。' },
    },
    {
      name: 'weight', type: 'tensor', default: null,
      doc: { en: 'Optional weight per class (size C), applied by the sample’s true class.', zh: '可选的类别权重（大小为 C），按样本的正确类别取用。' },
    },
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'index' }],
  functional: {
    name: 'multi_margin_loss',
    args: ['input', 'target'],
    params: ['p', 'margin', 'weight', 'size_average', 'reduce', 'reduction'],
  },
  aliases: ['multi-class hinge loss', 'multi-class SVM loss', 'Weston–Watkins hinge'],
  summary: {
    en: 'Multi-class hinge (SVM) loss: the true class should score at least `margin` above every other class.',
    zh: '多分类合页（SVM）损失：正确类别的分数应比其他每个类别至少高出 `margin`。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(N, C) or (C)', holds: { en: 'raw scores per class', zh: '每个类别的原始分数' } },
      { name: 'target', shape: '(N) or ()', holds: { en: 'class indices in [0, C) as int64', zh: '取值于 [0, C) 的类别索引（int64）' } },
    ],
    output: { shape: '(N)', holds: PER_SAMPLE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = \\frac{1}{C}\\sum_{i \\ne y_n} w_{y_n}\\,\\max\\bigl(0,\\ \\Delta - x_{n,y_n} + x_{n,i}\\bigr)^{p}',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'x holds the scores, y_n the true class, w the class `weight` (1 when not given), Δ the `margin`, p the exponent, C the number of classes, N the number of samples.', zh: 'x 为分数，y_n 为正确类别，w 为类别权重 `weight`（未给出时为 1），Δ 为间隔 `margin`，p 为指数，C 为类别数，N 为样本数。' },
  },
  whenToUse: [
    { en: 'Multi-class classification with a max-margin objective (SVM-style heads).', zh: '采用最大间隔目标的多分类（SVM 风格的分类头）。' },
  ],
  whenNotToUse: [
    { en: 'You need probabilities or calibrated confidence: use `CrossEntropyLoss`.', zh: '需要概率或校准后的置信度：请使用 `CrossEntropyLoss`。' },
  ],
  pitfalls: [
    { rule: 'LL108', text: { en: 'Sigmoid outputs as scores: values in (0, 1) can never clear the default margin of 1, so every sample keeps a loss. Pass the raw scores.', zh: '把 sigmoid 输出当作分数：(0, 1) 内的值永远达不到默认间隔 1，每个样本都会一直有损失。请传入原始分数。' } },
    { text: { en: 'With the default `margin=1`, logits on a very large scale satisfy the margin trivially; the loss is not scale-invariant, so normalise the scores or tune `margin`.', zh: '默认 `margin=1` 时，数值尺度很大的分数会轻易满足间隔要求；该损失不具有尺度不变性，请对分数做归一化或调整 `margin`。' } },
    { text: { en: 'One-hot targets are rejected: pass class indices (`target.argmax(dim=1)`).', zh: '不接受独热编码目标：应传入类别索引（`target.argmax(dim=1)`）。' } },
  ],
  example: `import torch
import torch.nn as nn

scores = torch.randn(8, 5, requires_grad=True)
target = torch.randint(0, 5, (8,))
criterion = nn.MultiMarginLoss(margin=1.0)
loss = criterion(scores, target)
loss.backward()
`,
  docsUrl: docsUrl('MultiMarginLoss'),
};
