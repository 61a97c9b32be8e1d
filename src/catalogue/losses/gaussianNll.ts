import { docsUrl, ELEMENTWISE_OUTPUT, MEAN_OVER_ELEMENTS, REDUCTION_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const gaussianNll: LossEntry = {
  id: 'gaussianNll',
  module: 'GaussianNLLLoss',
  params: [
    {
      name: 'full', type: 'bool', default: false,
      doc: { en: 'Add the constant ½ log(2π), making the value a true negative log-likelihood (gradients are unchanged).', zh: '加上常数项 ½ log(2π)，使数值成为真正的负对数似然（梯度不变）。' },
    },
    {
      name: 'eps', type: 'float', default: 1e-6,
      doc: { en: 'Variances are clamped to at least `eps` for stability (the clamp does not block gradients).', zh: '为保证数值稳定，方差被截断为至少 `eps`（截断不会阻断梯度）。' },
    },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  keywordOnly: true,
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }, { name: 'var', kind: 'floatOrScalar' }],
  functional: {
    name: 'gaussian_nll_loss',
    args: ['input', 'target', 'var'],
    params: ['full', 'eps', 'reduction'],
  },
  aliases: ['heteroscedastic regression', 'Gaussian likelihood', 'aleatoric uncertainty'],
  summary: {
    en: 'Negative log-likelihood of targets under a Gaussian whose mean and variance the model predicts.',
    zh: '在高斯分布下目标的负对数似然，该分布的均值和方差由模型预测。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(N, *) or (*)', holds: { en: 'the predicted mean', zh: '预测的均值' } },
      { name: 'target', shape: '(N, *) or (*)', holds: { en: 'same shape as the input (or with one dimension of size 1); observed values', zh: '与输入形状相同（或某一维为 1）；观测值' } },
      { name: 'var', shape: '(N, *), (*), one fewer dimension, or a float', holds: { en: 'the predicted variance, positive (e.g. via `softplus` or `exp`); broadcast against the input', zh: '预测的方差，必须为正（例如通过 `softplus` 或 `exp` 得到）；与输入广播' } },
    ],
    output: { shape: '(N, *) or (*)', holds: ELEMENTWISE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = \\frac12\\left(\\log\\max(\\sigma^2_n, \\varepsilon) + \\frac{(x_n - y_n)^2}{\\max(\\sigma^2_n, \\varepsilon)}\\right) \\;\\bigl[+\\,\\tfrac12\\log 2\\pi \\text{ if full}\\bigr]',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'x is the predicted mean, y the target, σ² the predicted variance `var`, ε the `eps`, N the number of elements.', zh: 'x 为预测均值，y 为目标，σ² 为预测方差 `var`，ε 为 `eps`，N 为元素个数。' },
  },
  whenToUse: [
    { en: 'Heteroscedastic regression: the model predicts its own uncertainty per sample.', zh: '异方差回归：模型为每个样本预测自身的不确定性。' },
    { en: 'Probabilistic forecasting and aleatoric uncertainty estimation.', zh: '概率预测与偶然不确定性估计。' },
  ],
  whenNotToUse: [
    { en: 'A fixed, known noise level: `MSELoss` gives the same optimum for the mean.', zh: '噪声水平固定且已知：`MSELoss` 对均值的最优解相同。' },
    { en: 'Heavy-tailed noise or outliers: the Gaussian likelihood is as outlier-sensitive as MSE.', zh: '重尾噪声或离群点：高斯似然与 MSE 一样对离群点敏感。' },
  ],
  pitfalls: [
    { text: { en: 'A negative `var` raises an error: make the variance head positive with `softplus` or predict log-variance and `exp` it.', zh: '`var` 为负会报错：请用 `softplus` 使方差输出为正，或预测对数方差再取 `exp`。' } },
    { text: { en: 'On points the mean already fits, the predicted variance shrinks towards `eps` and the loss heads to large negative values with unstable gradients: raise `eps`, bound the variance, or warm up with MSE first.', zh: '在均值已拟合良好的样本上，预测方差会缩小到接近 `eps`，损失趋向很大的负值且梯度不稳定：请增大 `eps`、限制方差的范围，或先用 MSE 预热。' } },
  ],
  example: `import torch
import torch.nn as nn
import torch.nn.functional as F

mean = torch.randn(8, 1, requires_grad=True)
raw_var = torch.randn(8, 1, requires_grad=True)
target = torch.randn(8, 1)
criterion = nn.GaussianNLLLoss()
loss = criterion(mean, target, F.softplus(raw_var))
loss.backward()
`,
  docsUrl: docsUrl('GaussianNLLLoss'),
};
