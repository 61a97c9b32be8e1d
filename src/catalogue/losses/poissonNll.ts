import { docsUrl, ELEMENTWISE_OUTPUT, MEAN_OVER_ELEMENTS, REDUCE_DOC, REDUCTION_DOC, SAME_SHAPE_TARGET, SIZE_AVERAGE_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const poissonNll: LossEntry = {
  id: 'poissonNll',
  module: 'PoissonNLLLoss',
  params: [
    {
      name: 'log_input', type: 'bool', default: true,
      doc: {
        en: 'If `True` (default) the input is the log of the rate, log λ; if `False` it is the rate λ itself (must be ≥ 0).',
        zh: '为 `True`（默认）时输入为速率的对数 log λ；为 `False` 时输入为速率 λ 本身（必须 ≥ 0）。',
      },
    },
    {
      name: 'full', type: 'bool', default: false,
      doc: {
        en: 'Add the Stirling approximation of log(y!) for targets > 1, making the value a true negative log-likelihood (gradients are unchanged).',
        zh: '对大于 1 的目标加上 log(y!) 的 Stirling 近似项，使数值成为真正的负对数似然（梯度不变）。',
      },
    },
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    {
      name: 'eps', type: 'float', default: 1e-8,
      doc: {
        en: 'Added inside the log when `log_input=False`, to avoid log(0).',
        zh: '`log_input=False` 时加在对数内部，以避免 log(0)。',
      },
    },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  forward: [{ name: 'log_input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'poisson_nll_loss',
    args: ['input', 'target'],
    params: ['log_input', 'full', 'size_average', 'eps', 'reduce', 'reduction'],
  },
  aliases: ['Poisson loss', 'Poisson regression', 'count loss'],
  summary: {
    en: 'Negative log-likelihood of count targets under a Poisson distribution whose rate the model predicts.',
    zh: '在泊松分布下计数型目标的负对数似然，分布的速率由模型预测。',
  },
  shapes: {
    args: [
      { name: 'log_input', shape: '(*)', holds: { en: 'the predicted log-rate log λ (the rate λ with `log_input=False`)', zh: '预测的对数速率 log λ（`log_input=False` 时为速率 λ）' } },
      { name: 'target', shape: '(*)', holds: { en: `${SAME_SHAPE_TARGET.en}; non-negative counts (float)`, zh: `${SAME_SHAPE_TARGET.zh}；非负的计数（浮点类型）` } },
    ],
    output: { shape: '(*)', holds: ELEMENTWISE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = \\begin{cases} e^{x_n} - y_n\\,x_n, & \\mathrm{log\\_input} = \\text{True} \\\\ x_n - y_n \\log(x_n + \\varepsilon), & \\mathrm{log\\_input} = \\text{False} \\end{cases} \\;+\\; \\mathbb{1}\\{\\mathrm{full},\\ y_n > 1\\}\\bigl(y_n \\log y_n - y_n + \\tfrac12 \\log(2\\pi y_n)\\bigr)',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'x is the input (log-rate by default), y the observed count, ε the `eps`, N the number of elements.', zh: 'x 为输入（默认为对数速率），y 为观测到的计数，ε 为 `eps`，N 为元素个数。' },
  },
  whenToUse: [
    { en: 'Count data: events per interval, arrivals, photon or read counts.', zh: '计数数据：单位时间内的事件数、到达数、光子数或测序读数。' },
    { en: 'Rates that must stay positive: predicting the log-rate keeps λ = exp(x) > 0 automatically.', zh: '必须为正的速率：预测对数速率可自动保证 λ = exp(x) > 0。' },
  ],
  whenNotToUse: [
    { en: 'Overdispersed counts (variance ≫ mean): a negative binomial likelihood fits better.', zh: '过度离散的计数（方差远大于均值）：负二项分布似然更合适。' },
    { en: 'Continuous real-valued targets: use `MSELoss` or `GaussianNLLLoss`.', zh: '连续的实数目标：请使用 `MSELoss` 或 `GaussianNLLLoss`。' },
  ],
  pitfalls: [
    { rule: 'LL112', text: { en: 'With the default `log_input=True`, passing the rate itself (e.g. after `exp` or `softplus`) applies exp twice.', zh: '默认 `log_input=True` 时若传入速率本身（例如经过 `exp` 或 `softplus` 之后），相当于做了两次 exp。' } },
    { rule: 'LL112', text: { en: 'With `log_input=False` the input must be non-negative: produce it with `softplus`, not a bare linear layer.', zh: '`log_input=False` 时输入必须非负：请用 `softplus` 得到，而不是直接使用线性层的输出。' } },
  ],
  example: `import torch
import torch.nn as nn

log_rate = torch.randn(8, requires_grad=True)
counts = torch.poisson(torch.full((8,), 3.0))
criterion = nn.PoissonNLLLoss(log_input=True)
loss = criterion(log_rate, counts)
loss.backward()
`,
  docsUrl: docsUrl('PoissonNLLLoss'),
};
