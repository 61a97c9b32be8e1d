import { docsUrl, ELEMENTWISE_OUTPUT, REDUCE_DOC, SAME_SHAPE_TARGET, SIZE_AVERAGE_DOC } from '../common';
import type { LossEntry } from '../types';

export const klDiv: LossEntry = {
  id: 'klDiv',
  module: 'KLDivLoss',
  params: [
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    {
      name: 'reduction', type: 'reduction', default: 'mean', choices: ['none', 'batchmean', 'sum', 'mean'],
      doc: {
        en: "`'batchmean'` (sum divided by the batch size) gives the true KL divergence; the default `'mean'` divides by every element and is off by a factor of the number of classes (PyTorch warns).",
        zh: "`'batchmean'`（总和除以批大小）才是真正的 KL 散度；默认的 `'mean'` 除以全部元素个数，与真实值相差一个类别数的倍数（PyTorch 会给出警告）。",
      },
    },
    {
      name: 'log_target', type: 'bool', default: false,
      doc: {
        en: 'Whether the target is given as log-probabilities too (more stable when the target comes from `log_softmax`).',
        zh: '目标是否也以对数概率给出（当目标来自 `log_softmax` 时数值更稳定）。',
      },
    },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'kl_div',
    args: ['input', 'target'],
    params: ['size_average', 'reduce', 'reduction', 'log_target'],
  },
  aliases: ['Kullback-Leibler divergence', 'relative entropy', 'distillation loss'],
  summary: {
    en: 'Kullback–Leibler divergence KL(target ‖ model), with the model’s distribution given as log-probabilities.',
    zh: 'Kullback–Leibler 散度 KL(target ‖ model)，其中模型分布以对数概率形式给出。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(*)', holds: { en: 'log-probabilities of the model, e.g. `F.log_softmax(logits, dim=1)`', zh: '模型的对数概率，例如 `F.log_softmax(logits, dim=1)`' } },
      { name: 'target', shape: '(*)', holds: { en: `${SAME_SHAPE_TARGET.en}; probabilities (log-probabilities with \`log_target=True\`)`, zh: `${SAME_SHAPE_TARGET.zh}；概率（\`log_target=True\` 时为对数概率）` } },
    ],
    output: { shape: '(*)', holds: ELEMENTWISE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = y_n\\,(\\log y_n - x_n)\\ \\ \\text{or, with }\\mathrm{log\\_target}\\text{:}\\ \\ \\ell_n = e^{y_n}\\,(y_n - x_n)',
    mean: '\\ell = \\frac{1}{M}\\sum_{n=1}^{M} \\ell_n',
    sum: '\\ell = \\sum_{n=1}^{M} \\ell_n',
    batchmean: '\\ell = \\frac{1}{B}\\sum_{n=1}^{M} \\ell_n',
    where: {
      en: 'x holds the model’s log-probabilities, y the target distribution, M the number of elements, B the batch size `input.size(0)`. Terms with y = 0 contribute 0.',
      zh: 'x 为模型的对数概率，y 为目标分布，M 为元素个数，B 为批大小 `input.size(0)`。y = 0 的项贡献为 0。',
    },
  },
  whenToUse: [
    { en: 'Knowledge distillation: match a student’s distribution to a teacher’s softened probabilities.', zh: '知识蒸馏：让学生模型的分布逼近教师模型软化后的概率。' },
    { en: 'Fitting a predicted distribution to a known target distribution (label distributions, VAE-style terms).', zh: '让预测分布拟合已知的目标分布（标签分布学习、VAE 中的相关项等）。' },
  ],
  whenNotToUse: [
    { en: 'Hard labels (one class per sample): use `CrossEntropyLoss`, which takes logits and class indices directly and supports `weight` and `ignore_index`.', zh: '硬标签（每个样本一个类别）：请使用 `CrossEntropyLoss`，它直接接收 logits 和类别索引，并支持 `weight` 与 `ignore_index`。' },
  ],
  pitfalls: [
    { rule: 'LL105', text: { en: 'Passing probabilities (or logits) as input: the input must be log-probabilities, otherwise the value is not a divergence and can be negative.', zh: '输入传入了概率（或 logits）：输入必须是对数概率，否则结果不是散度，甚至可能为负。' } },
    { rule: 'LL110', text: { en: 'A log-probability target (`log_softmax` of the teacher) without `log_target=True` makes the loss NaN; probabilities with `log_target=True` give a wrong value silently.', zh: '目标为对数概率（教师模型的 `log_softmax`）却未设置 `log_target=True` 会使损失为 NaN；目标为概率却设置了 `log_target=True` 则会悄悄算出错误的值。' } },
    { rule: 'LL301', text: { en: "`reduction='mean'` (the default) averages over every element, not over the batch: use `reduction='batchmean'`.", zh: "`reduction='mean'`（默认值）对所有元素取平均，而不是对批取平均：请使用 `reduction='batchmean'`。" } },
    { rule: 'LL304', text: { en: 'The argument order is the reverse of the notation KL(P ‖ Q): the first argument is the model (Q, log-space), the second the target (P).', zh: '参数顺序与记号 KL(P ‖ Q) 相反：第一个参数是模型分布（Q，对数空间），第二个是目标分布（P）。' } },
  ],
  example: `import torch
import torch.nn as nn
import torch.nn.functional as F

student_logits = torch.randn(8, 10, requires_grad=True)
teacher_logits = torch.randn(8, 10)
T = 2.0
criterion = nn.KLDivLoss(reduction="batchmean")
loss = criterion(F.log_softmax(student_logits / T, dim=1), F.softmax(teacher_logits / T, dim=1)) * T * T
loss.backward()
`,
  docsUrl: docsUrl('KLDivLoss'),
};
