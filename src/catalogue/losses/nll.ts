import { docsUrl, REDUCE_DOC, SIZE_AVERAGE_DOC } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const nll: LossEntry = {
  id: 'nll',
  module: 'NLLLoss',
  params: [
    {
      name: 'weight', type: 'tensor', default: null,
      doc: {
        en: 'Optional weight per class, a 1-D tensor of size C; the mean divides by the sum of the weights of the counted targets.',
        zh: '可选的类别权重，大小为 C 的一维张量；均值除以被计入目标的权重之和。',
      },
    },
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    {
      name: 'ignore_index', type: 'int', default: -100,
      doc: {
        en: 'A target value that contributes neither to the loss nor to the mean’s denominator (e.g. padding).',
        zh: '取该值的目标既不计入损失，也不计入均值的分母（例如填充）。',
      },
    },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    {
      name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS,
      doc: {
        en: "`'none'` keeps one loss per sample, `'mean'` takes the weighted mean, `'sum'` adds them up.",
        zh: "`'none'` 保留每个样本的损失，`'mean'` 取加权平均，`'sum'` 求和。",
      },
    },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'classes' }],
  functional: {
    name: 'nll_loss',
    args: ['input', 'target'],
    params: ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction'],
  },
  aliases: ['negative log-likelihood', 'log-likelihood loss'],
  summary: {
    en: 'Negative log-likelihood of the target class, read from log-probabilities (e.g. the output of `log_softmax`).',
    zh: '目标类别的负对数似然，直接从对数概率（例如 `log_softmax` 的输出）中读取。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(N, C), (C) or (N, C, d1, …, dK)', holds: { en: 'log-probabilities per class along dim 1, e.g. `F.log_softmax(logits, dim=1)`', zh: '沿第 1 维的各类别对数概率，例如 `F.log_softmax(logits, dim=1)`' } },
      { name: 'target', shape: '(N), () or (N, d1, …, dK)', holds: { en: 'class indices in [0, C) as int64 (`torch.long`)', zh: '取值于 [0, C) 的类别索引，int64（`torch.long`）' } },
    ],
    output: { shape: '(N), () or (N, d1, …, dK)', holds: { en: "one loss per sample (and position) with `reduction='none'`; a scalar otherwise", zh: "`reduction='none'` 时每个样本（及位置）一个损失；否则为标量" } },
  },
  formula: {
    unreduced: '\\ell_n = -w_{y_n}\\, x_{n,y_n}\\cdot\\mathbb{1}\\{y_n \\ne \\mathrm{ignore\\_index}\\}',
    mean: '\\ell = \\frac{\\sum_{n=1}^{N}\\ell_n}{\\sum_{n=1}^{N} w_{y_n}\\,\\mathbb{1}\\{y_n \\ne \\mathrm{ignore\\_index}\\}}',
    sum: '\\ell = \\sum_{n=1}^{N} \\ell_n',
    where: {
      en: 'x holds log-probabilities, y_n is the target class of sample n, w the class `weight` (1 when not given), N the batch size times d1⋯dK.',
      zh: 'x 为对数概率，y_n 为第 n 个样本的目标类别，w 为类别权重 `weight`（未给出时为 1），N 为批大小乘以 d1⋯dK。',
    },
  },
  whenToUse: [
    { en: 'Multi-class classification when the model ends in `nn.LogSoftmax` / `F.log_softmax`.', zh: '多分类，且模型最后是 `nn.LogSoftmax` / `F.log_softmax`。' },
    { en: 'Models that output log-probabilities for other reasons (e.g. adaptive softmax, mixtures).', zh: '因其他原因输出对数概率的模型（例如自适应 softmax、混合模型）。' },
  ],
  whenNotToUse: [
    { en: 'The model outputs raw logits: use `CrossEntropyLoss` (= `log_softmax` + `NLLLoss`).', zh: '模型输出的是原始 logits：请使用 `CrossEntropyLoss`（即 `log_softmax` + `NLLLoss`）。' },
    { en: 'Soft or probability targets: use `CrossEntropyLoss` or `KLDivLoss`.', zh: '软标签或概率目标：请使用 `CrossEntropyLoss` 或 `KLDivLoss`。' },
  ],
  pitfalls: [
    { rule: 'LL104', text: { en: 'Raw logits or probabilities as input: the loss just picks −x[y], so without `log_softmax` it is unbounded below and meaningless.', zh: '输入为原始 logits 或概率：该损失只是取出 −x[y]，没有 `log_softmax` 时损失无下界且没有意义。' } },
    { rule: 'LL108', text: { en: 'Sigmoid outputs as input: they are neither log-probabilities nor normalised over the classes; apply `log_softmax` to the logits instead.', zh: '输入为 sigmoid 输出：它既不是对数概率，也没有在类别上归一化；请改为对 logits 应用 `log_softmax`。' } },
    { rule: 'LL106', text: { en: '`torch.log(softmax(x))` underflows to −inf for small probabilities: use `log_softmax`.', zh: '`torch.log(softmax(x))` 在概率很小时会下溢为 −inf：请使用 `log_softmax`。' } },
    { rule: 'LL201', text: { en: 'One-hot targets raise a shape error: pass class indices (`target.argmax(dim=1)`).', zh: '独热编码目标会引发形状错误：应传入类别索引（`target.argmax(dim=1)`）。' } },
    { rule: 'LL206', text: { en: 'Targets padded with a value other than `ignore_index` (-100 by default): every pad position becomes a training target.', zh: '目标的填充值与 `ignore_index`（默认 -100）不同：每个填充位置都成了训练目标。' } },
    { rule: 'LL304', text: { en: 'Swapped arguments `loss(target, log_probs)`: the first argument must be the log-probabilities.', zh: '参数顺序颠倒 `loss(target, log_probs)`：第一个参数必须是对数概率。' } },
  ],
  example: `import torch
import torch.nn as nn
import torch.nn.functional as F

logits = torch.randn(8, 5, requires_grad=True)
target = torch.randint(0, 5, (8,))
criterion = nn.NLLLoss()
loss = criterion(F.log_softmax(logits, dim=1), target)
loss.backward()
`,
  docsUrl: docsUrl('NLLLoss'),
};
