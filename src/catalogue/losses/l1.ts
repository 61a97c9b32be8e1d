import { docsUrl, ELEMENTWISE_OUTPUT, MEAN_OVER_ELEMENTS, REDUCE_DOC, REDUCTION_DOC, SAME_SHAPE_TARGET, SIZE_AVERAGE_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const l1: LossEntry = {
  id: 'l1',
  module: 'L1Loss',
  params: [
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'l1_loss',
    args: ['input', 'target'],
    params: ['size_average', 'reduce', 'reduction'],
  },
  aliases: ['mean absolute error', 'MAE', 'absolute error'],
  summary: {
    en: 'Mean absolute error: the absolute difference between prediction and target, element by element.',
    zh: '平均绝对误差：逐元素计算预测值与目标值之差的绝对值。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(*)', holds: { en: 'real-valued predictions', zh: '实数预测值' } },
      { name: 'target', shape: '(*)', holds: { en: `${SAME_SHAPE_TARGET.en}; real-valued targets`, zh: `${SAME_SHAPE_TARGET.zh}；实数目标值` } },
    ],
    output: { shape: '(*)', holds: ELEMENTWISE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = \\lvert x_n - y_n \\rvert',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'x is the prediction, y the target, N the number of elements.', zh: 'x 为预测值，y 为目标值，N 为元素个数。' },
  },
  whenToUse: [
    { en: 'Regression robust to outliers: every unit of error costs the same, so rare large errors do not dominate.', zh: '对离群点稳健的回归：每单位误差代价相同，少数大误差不会主导训练。' },
    { en: 'Predicting a median rather than a mean; image-to-image tasks where L2 blurs.', zh: '预测中位数而非均值；以及用 L2 会使结果模糊的图像到图像任务。' },
  ],
  whenNotToUse: [
    { en: 'You need smooth gradients near zero error: use `HuberLoss` or `SmoothL1Loss` (the L1 gradient is ±1 everywhere).', zh: '需要在误差接近 0 时梯度平滑：请使用 `HuberLoss` 或 `SmoothL1Loss`（L1 的梯度处处为 ±1）。' },
  ],
  pitfalls: [
    { rule: 'LL303', text: { en: '`nn.L1Loss(pred, y)` passes tensors to the constructor: create the loss first, `nn.L1Loss()(pred, y)`.', zh: '`nn.L1Loss(pred, y)` 把张量传给了构造函数：应先创建损失对象，即 `nn.L1Loss()(pred, y)`。' } },
    { text: { en: 'Predictions of shape (N, 1) against targets of shape (N) broadcast to (N, N) with only a warning: squeeze one of them.', zh: '形状为 (N, 1) 的预测与形状为 (N) 的目标会被广播成 (N, N)，只给出警告：请对其中之一做 squeeze。' } },
  ],
  example: `import torch
import torch.nn as nn

pred = torch.randn(8, 3, requires_grad=True)
target = torch.randn(8, 3)
criterion = nn.L1Loss()
loss = criterion(pred, target)
loss.backward()
`,
  docsUrl: docsUrl('L1Loss'),
};
