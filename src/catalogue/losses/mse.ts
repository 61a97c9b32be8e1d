import { docsUrl, ELEMENTWISE_OUTPUT, MEAN_OVER_ELEMENTS, REDUCE_DOC, REDUCTION_DOC, SAME_SHAPE_TARGET, SIZE_AVERAGE_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const mse: LossEntry = {
  id: 'mse',
  module: 'MSELoss',
  params: [
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'mse_loss',
    args: ['input', 'target'],
    params: ['size_average', 'reduce', 'reduction'],
  },
  aliases: ['mean squared error', 'L2 loss', 'squared error', 'quadratic loss'],
  summary: {
    en: 'Mean squared error: the squared difference between prediction and target, element by element.',
    zh: '均方误差：逐元素计算预测值与目标值之差的平方。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(*)', holds: { en: 'real-valued predictions', zh: '实数预测值' } },
      { name: 'target', shape: '(*)', holds: { en: `${SAME_SHAPE_TARGET.en}; real-valued targets`, zh: `${SAME_SHAPE_TARGET.zh}；实数目标值` } },
    ],
    output: { shape: '(*)', holds: ELEMENTWISE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = (x_n - y_n)^2',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'x is the prediction, y the target, N the number of elements.', zh: 'x 为预测值，y 为目标值，N 为元素个数。' },
  },
  whenToUse: [
    { en: 'Regression with roughly Gaussian noise, where large errors should cost much more than small ones.', zh: '噪声近似高斯的回归任务，大误差应比小误差受到更重的惩罚。' },
    { en: 'Reconstruction (autoencoders), value-function regression, denoising.', zh: '重建（自编码器）、价值函数回归、去噪。' },
  ],
  whenNotToUse: [
    { en: 'Targets with outliers: use `HuberLoss`, `SmoothL1Loss` or `L1Loss`.', zh: '目标中有离群点：请使用 `HuberLoss`、`SmoothL1Loss` 或 `L1Loss`。' },
    { en: 'Classification: use `CrossEntropyLoss` or `BCEWithLogitsLoss`; MSE on class labels treats classes as ordered numbers.', zh: '分类任务：请使用 `CrossEntropyLoss` 或 `BCEWithLogitsLoss`；在类别标签上用 MSE 会把类别当成有序数值。' },
  ],
  pitfalls: [
    { rule: 'LL204', text: { en: 'Class scores of shape (N, C) against integer labels of shape (N): a size-mismatch error, or — when C equals the batch size — a silent broadcast to (N, N). Either way, regressing on class numbers is the wrong loss: use `CrossEntropyLoss`.', zh: '形状为 (N, C) 的类别分数与形状为 (N) 的整数标签：要么报尺寸不匹配错误，要么在 C 恰好等于批大小时被悄无声息地广播成 (N, N)。无论哪种情况，对类别编号做回归都是错误的损失选择：请使用 `CrossEntropyLoss`。' } },
    { rule: 'LL303', text: { en: '`nn.MSELoss(pred, y)` passes tensors to the constructor: create the loss first, `nn.MSELoss()(pred, y)`.', zh: '`nn.MSELoss(pred, y)` 把张量传给了构造函数：应先创建损失对象，即 `nn.MSELoss()(pred, y)`。' } },
    { text: { en: 'Predictions of shape (N, 1) against targets of shape (N) broadcast to (N, N) with only a warning: squeeze one of them.', zh: '形状为 (N, 1) 的预测与形状为 (N) 的目标会被广播成 (N, N)，只给出警告：请对其中之一做 squeeze。' } },
  ],
  example: `import torch
import torch.nn as nn

pred = torch.randn(8, 1, requires_grad=True)
target = torch.randn(8, 1)
criterion = nn.MSELoss()
loss = criterion(pred, target)
loss.backward()
`,
  docsUrl: docsUrl('MSELoss'),
};
