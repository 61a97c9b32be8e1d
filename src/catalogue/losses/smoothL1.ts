import { docsUrl, ELEMENTWISE_OUTPUT, MEAN_OVER_ELEMENTS, REDUCE_DOC, REDUCTION_DOC, SAME_SHAPE_TARGET, SIZE_AVERAGE_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const smoothL1: LossEntry = {
  id: 'smoothL1',
  module: 'SmoothL1Loss',
  params: [
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
    {
      name: 'beta', type: 'float', default: 1.0,
      doc: {
        en: 'Where the loss switches from quadratic to linear; must be ≥ 0. `beta=0` is exactly `L1Loss`. Unlike `HuberLoss`, the linear part has slope 1 for every beta.',
        zh: '损失从二次变为线性的分界点，必须 ≥ 0。`beta=0` 时与 `L1Loss` 完全相同。与 `HuberLoss` 不同，任何 beta 下线性部分的斜率都是 1。',
      },
    },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'smooth_l1_loss',
    args: ['input', 'target'],
    params: ['size_average', 'reduce', 'reduction', 'beta'],
  },
  aliases: ['smooth L1', 'robust L1'],
  summary: {
    en: 'Squared error for small differences and absolute error for large ones, with the transition at `beta`.',
    zh: '误差小时取平方误差、误差大时取绝对误差的损失函数，分界点为 `beta`。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(*)', holds: { en: 'real-valued predictions', zh: '实数预测值' } },
      { name: 'target', shape: '(*)', holds: { en: `${SAME_SHAPE_TARGET.en}; real-valued targets`, zh: `${SAME_SHAPE_TARGET.zh}；实数目标值` } },
    ],
    output: { shape: '(*)', holds: ELEMENTWISE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = \\begin{cases} 0.5\\,(x_n - y_n)^2 / \\beta, & \\text{if } \\lvert x_n - y_n\\rvert < \\beta \\\\ \\lvert x_n - y_n\\rvert - 0.5\\,\\beta, & \\text{otherwise} \\end{cases}',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'x is the prediction, y the target, N the number of elements. With β = 0 the loss is |x − y|.', zh: 'x 为预测值，y 为目标值，N 为元素个数。β = 0 时损失即为 |x − y|。' },
  },
  whenToUse: [
    { en: 'Bounding-box regression in object detection (Fast/Faster R-CNN).', zh: '目标检测中的边界框回归（Fast/Faster R-CNN）。' },
    { en: 'Regression with occasional outliers where you still want smooth gradients near zero.', zh: '偶有离群点、但仍希望在误差接近 0 时梯度平滑的回归任务。' },
  ],
  whenNotToUse: [
    { en: 'You want the large-error slope to scale with the threshold: use `HuberLoss` (Huber = beta · SmoothL1 when delta = beta).', zh: '希望大误差区间的斜率随阈值缩放：请使用 `HuberLoss`（delta = beta 时 Huber = beta · SmoothL1）。' },
  ],
  pitfalls: [
    { text: { en: 'Targets on a very different scale from `beta` make it behave like pure L1 (large errors) or pure scaled L2 (tiny errors): normalise targets or tune `beta`.', zh: '若目标的数值尺度与 `beta` 相差很大，它会退化为纯 L1（误差大时）或缩放的 L2（误差很小时）：请归一化目标或调整 `beta`。' } },
    { text: { en: 'Predictions of shape (N, 1) against targets of shape (N) broadcast to (N, N) with only a warning: squeeze one of them.', zh: '形状为 (N, 1) 的预测与形状为 (N) 的目标会被广播成 (N, N)，只给出警告：请对其中之一做 squeeze。' } },
  ],
  example: `import torch
import torch.nn as nn

boxes = torch.randn(8, 4, requires_grad=True)
target = torch.randn(8, 4)
criterion = nn.SmoothL1Loss(beta=1.0 / 9)
loss = criterion(boxes, target)
loss.backward()
`,
  docsUrl: docsUrl('SmoothL1Loss'),
};
