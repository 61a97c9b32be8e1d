import { docsUrl, ELEMENTWISE_OUTPUT, REDUCE_DOC, REDUCTION_DOC, SIZE_AVERAGE_DOC } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const bceWithLogits: LossEntry = {
  id: 'bceWithLogits',
  module: 'BCEWithLogitsLoss',
  params: [
    {
      name: 'weight', type: 'tensor', default: null,
      doc: {
        en: 'Optional rescaling weight for each element, broadcast against the input.',
        zh: '可选的逐元素缩放权重，会与输入广播。',
      },
    },
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
    {
      name: 'pos_weight', type: 'tensor', default: null,
      doc: {
        en: 'Weight of positive examples per class, broadcast along the last (class) dimension: > 1 raises recall, < 1 raises precision. For 100 positives and 300 negatives use 3.',
        zh: '每个类别正样本的权重，沿最后一维（类别维）广播：大于 1 提高召回率，小于 1 提高精确率。例如 100 个正样本、300 个负样本时取 3。',
      },
    },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'binary_cross_entropy_with_logits',
    args: ['input', 'target'],
    params: ['weight', 'size_average', 'reduce', 'reduction', 'pos_weight'],
  },
  aliases: ['sigmoid cross-entropy', 'binary cross-entropy from logits', 'multi-label loss'],
  summary: {
    en: 'A sigmoid and binary cross-entropy fused into one numerically stable loss over raw logits.',
    zh: '将 sigmoid 与二元交叉熵合二为一、直接作用于原始 logits 的数值稳定损失函数。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(*)', holds: { en: 'raw logits (unbounded scores), no sigmoid applied', zh: '原始 logits（无界的分数），未经过 sigmoid' } },
      { name: 'target', shape: '(*)', holds: { en: 'same shape as the input; float labels in [0, 1] (0/1 or soft)', zh: '与输入形状相同；取值于 [0, 1] 的浮点标签（0/1 或软标签）' } },
    ],
    output: { shape: '(*)', holds: ELEMENTWISE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_{n,c} = -w_{n,c}\\left[p_c\\, y_{n,c} \\log \\sigma(x_{n,c}) + (1 - y_{n,c})\\log\\bigl(1 - \\sigma(x_{n,c})\\bigr)\\right]',
    mean: '\\ell = \\frac{1}{N}\\sum_{n,c} \\ell_{n,c}',
    sum: '\\ell = \\sum_{n,c} \\ell_{n,c}',
    where: {
      en: 'x is the logit, σ the sigmoid, y the target, w the optional `weight`, p_c the `pos_weight` of class c (1 when not given), N the number of elements. Computed with the log-sum-exp trick, so large logits do not overflow.',
      zh: 'x 为 logit，σ 为 sigmoid，y 为目标，w 为可选的 `weight`，p_c 为类别 c 的 `pos_weight`（未给出时为 1），N 为元素个数。内部使用 log-sum-exp 技巧计算，大的 logits 不会溢出。',
    },
  },
  whenToUse: [
    { en: 'Binary classification with one output unit that produces logits.', zh: '二分类，模型只有一个输出单元并输出 logits。' },
    { en: 'Multi-label classification: C independent yes/no decisions per sample.', zh: '多标签分类：每个样本有 C 个相互独立的是/否判断。' },
    { en: 'Imbalanced binary labels: set `pos_weight` to #negatives / #positives.', zh: '正负样本不平衡的二元标签：把 `pos_weight` 设为负样本数 / 正样本数。' },
  ],
  whenNotToUse: [
    { en: 'Exactly one class per sample among C classes: use `CrossEntropyLoss`.', zh: '每个样本恰好属于 C 个类别中的一个：请使用 `CrossEntropyLoss`。' },
    { en: 'The model already applies a sigmoid: either remove it or use `BCELoss`.', zh: '模型已经做了 sigmoid：要么去掉它，要么改用 `BCELoss`。' },
  ],
  pitfalls: [
    { rule: 'LL102', text: { en: 'A sigmoid before this loss applies the sigmoid twice: predictions are squeezed into (0.5, 0.73) and training stalls.', zh: '在该损失函数之前再做 sigmoid 会导致 sigmoid 被应用两次：预测被压缩到 (0.5, 0.73) 区间，训练停滞。' } },
    { rule: 'LL202', text: { en: 'Targets must be floating point: `torch.long` labels fail; convert with `.float()`.', zh: '目标必须是浮点类型：`torch.long` 标签会报错；请用 `.float()` 转换。' } },
    { rule: 'LL304', text: { en: 'Swapped arguments `loss(target, logits)`: the first argument must be the logits.', zh: '参数顺序颠倒 `loss(target, logits)`：第一个参数必须是 logits。' } },
    { text: { en: 'An output of shape (N, 1) with targets of shape (N) raises a size mismatch: squeeze the output or unsqueeze the target.', zh: '形状为 (N, 1) 的输出配上形状为 (N) 的目标会报尺寸不匹配错误：请对输出做 squeeze，或对目标做 unsqueeze。' } },
  ],
  example: `import torch
import torch.nn as nn

logits = torch.randn(8, 3, requires_grad=True)  # 3 independent labels
target = torch.randint(0, 2, (8, 3)).float()
criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([1.0, 2.0, 4.0]))
loss = criterion(logits, target)
loss.backward()
`,
  docsUrl: docsUrl('BCEWithLogitsLoss'),
};
