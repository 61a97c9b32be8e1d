import { docsUrl, ELEMENTWISE_OUTPUT, MEAN_OVER_ELEMENTS, REDUCTION_DOC, SAME_SHAPE_TARGET, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const huber: LossEntry = {
  id: 'huber',
  module: 'HuberLoss',
  params: [
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
    {
      name: 'delta', type: 'float', default: 1.0,
      doc: {
        en: 'Where the loss switches from quadratic to linear; must be > 0. Errors beyond it cost delta per unit.',
        zh: '损失从二次变为线性的分界点，必须 > 0。超过它的误差每单位代价为 delta。',
      },
    },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'huber_loss',
    args: ['input', 'target'],
    params: ['reduction', 'delta'],
  },
  aliases: ['Huber', 'robust regression loss'],
  summary: {
    en: 'Huber loss: quadratic for errors below `delta`, linear (slope `delta`) above, so outliers pull less than with MSE.',
    zh: 'Huber 损失：误差小于 `delta` 时为二次、超过后为线性（斜率为 `delta`），因此离群点的影响小于 MSE。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(*)', holds: { en: 'real-valued predictions', zh: '实数预测值' } },
      { name: 'target', shape: '(*)', holds: { en: `${SAME_SHAPE_TARGET.en}; real-valued targets`, zh: `${SAME_SHAPE_TARGET.zh}；实数目标值` } },
    ],
    output: { shape: '(*)', holds: ELEMENTWISE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = \\begin{cases} 0.5\\,(x_n - y_n)^2, & \\text{if } \\lvert x_n - y_n\\rvert < \\delta \\\\ \\delta\\,\\bigl(\\lvert x_n - y_n\\rvert - 0.5\\,\\delta\\bigr), & \\text{otherwise} \\end{cases}',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'x is the prediction, y the target, δ the `delta`, N the number of elements.', zh: 'x 为预测值，y 为目标值，δ 为 `delta`，N 为元素个数。' },
  },
  whenToUse: [
    { en: 'Regression robust to outliers that keeps MSE’s behaviour for small errors.', zh: '对离群点稳健、同时在误差较小时保持 MSE 特性的回归任务。' },
    { en: 'Temporal-difference targets in reinforcement learning (DQN).', zh: '强化学习中的时序差分目标（DQN）。' },
  ],
  whenNotToUse: [
    { en: 'Clean Gaussian noise and no outliers: `MSELoss` is simpler and equivalent for small errors.', zh: '噪声为干净的高斯噪声且没有离群点：`MSELoss` 更简单，在误差较小时与之等价。' },
  ],
  pitfalls: [
    { text: { en: '`delta` is in the units of the target: with targets in the thousands, the default 1.0 makes it almost pure L1.', zh: '`delta` 与目标的单位相同：目标值在数千量级时，默认的 1.0 会使它几乎等同于 L1。' } },
    { text: { en: 'Predictions of shape (N, 1) against targets of shape (N) broadcast to (N, N) with only a warning: squeeze one of them.', zh: '形状为 (N, 1) 的预测与形状为 (N) 的目标会被广播成 (N, N)，只给出警告：请对其中之一做 squeeze。' } },
  ],
  example: `import torch
import torch.nn as nn

pred = torch.randn(8, requires_grad=True)
target = torch.randn(8)
criterion = nn.HuberLoss(delta=1.0)
loss = criterion(pred, target)
loss.backward()
`,
  docsUrl: docsUrl('HuberLoss'),
};
