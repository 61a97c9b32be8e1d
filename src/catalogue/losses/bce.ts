import { docsUrl, ELEMENTWISE_OUTPUT, MEAN_OVER_ELEMENTS, REDUCE_DOC, REDUCTION_DOC, SIZE_AVERAGE_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const bce: LossEntry = {
  id: 'bce',
  module: 'BCELoss',
  params: [
    {
      name: 'weight', type: 'tensor', default: null,
      doc: {
        en: 'Optional rescaling weight for each element, broadcast against the input (not a per-class weight for positives — that is `BCEWithLogitsLoss(pos_weight=…)`).',
        zh: '可选的逐元素缩放权重，会与输入广播（它不是正样本的类别权重——那是 `BCEWithLogitsLoss(pos_weight=…)`）。',
      },
    },
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'binary_cross_entropy',
    args: ['input', 'target'],
    params: ['weight', 'size_average', 'reduce', 'reduction'],
  },
  aliases: ['binary cross-entropy', 'log loss', 'binary_crossentropy'],
  summary: {
    en: 'Binary cross-entropy between predicted probabilities in [0, 1] and binary (or soft) targets.',
    zh: '预测概率（取值于 [0, 1]）与二元（或软）目标之间的二元交叉熵。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(*)', holds: { en: 'probabilities in [0, 1], e.g. after `torch.sigmoid`', zh: '取值于 [0, 1] 的概率，例如 `torch.sigmoid` 的输出' } },
      { name: 'target', shape: '(*)', holds: { en: 'same shape as the input; float labels in [0, 1] (0/1 or soft)', zh: '与输入形状相同；取值于 [0, 1] 的浮点标签（0/1 或软标签）' } },
    ],
    output: { shape: '(*)', holds: ELEMENTWISE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = -w_n\\left[y_n \\log x_n + (1 - y_n)\\log(1 - x_n)\\right]',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: {
      en: 'x is the predicted probability, y the target, w the optional `weight`, N the number of elements. Each log is clamped at −100, so x = 0 or 1 still gives a finite loss.',
      zh: 'x 为预测概率，y 为目标，w 为可选的 `weight`，N 为元素个数。每个对数项被截断在 −100 以上，因此 x = 0 或 1 时损失仍然有限。',
    },
  },
  whenToUse: [
    { en: 'Binary or multi-label classification when the model already ends in a sigmoid and outputs probabilities.', zh: '二分类或多标签分类，且模型最后已经接了 sigmoid、输出的是概率。' },
    { en: 'Reconstruction of values in [0, 1], e.g. pixel intensities of an autoencoder.', zh: '重建取值于 [0, 1] 的数据，例如自编码器的像素强度。' },
  ],
  whenNotToUse: [
    { en: 'The model outputs raw logits: use `BCEWithLogitsLoss`, which fuses the sigmoid and is numerically stable.', zh: '模型输出的是原始 logits（对数几率）：请使用 `BCEWithLogitsLoss`，它内置了 sigmoid 且数值更稳定。' },
    { en: 'Exactly one class per sample among C > 2: use `CrossEntropyLoss`.', zh: '每个样本恰好属于 C > 2 个类别中的一个：请使用 `CrossEntropyLoss`。' },
  ],
  pitfalls: [
    { rule: 'LL101', text: { en: 'Feeding raw logits: values outside [0, 1] raise "all elements of input should be between 0 and 1", and logits that happen to fall inside are silently treated as probabilities. Apply a sigmoid or switch to `BCEWithLogitsLoss`.', zh: '直接传入原始 logits：超出 [0, 1] 的值会报错 “all elements of input should be between 0 and 1”，而恰好落在区间内的 logits 会被悄无声息地当作概率。请先做 sigmoid，或改用 `BCEWithLogitsLoss`。' } },
    { rule: 'LL202', text: { en: 'Integer targets (e.g. `torch.long` labels) fail with a dtype error: convert with `.float()`.', zh: '整数类型的目标（如 `torch.long` 标签）会触发 dtype 错误：请用 `.float()` 转换。' } },
    { rule: 'LL304', text: { en: 'Swapped arguments `loss(target, input)`: the first argument must be the prediction.', zh: '参数顺序颠倒 `loss(target, input)`：第一个参数必须是预测值。' } },
    { rule: 'LL305', text: { en: 'Inside `torch.autocast` on CUDA, PyTorch refuses `BCELoss` ("unsafe to autocast"): the mixed-precision run crashes. Use `BCEWithLogitsLoss` on the logits.', zh: '在 CUDA 上的 `torch.autocast` 区域内，PyTorch 拒绝 `BCELoss`（“unsafe to autocast”）：混合精度训练会崩溃。请对 logits 使用 `BCEWithLogitsLoss`。' } },
    { text: { en: 'A sigmoid followed by `BCELoss` saturates: once the sigmoid rounds to 0 or 1 the loss is clamped and gradients vanish.', zh: 'sigmoid 之后再接 `BCELoss` 容易饱和：一旦 sigmoid 结果舍入为 0 或 1，损失被截断，梯度随之消失。' } },
  ],
  example: `import torch
import torch.nn as nn

logits = torch.randn(8, 1, requires_grad=True)
target = torch.randint(0, 2, (8, 1)).float()
criterion = nn.BCELoss()
loss = criterion(torch.sigmoid(logits), target)
loss.backward()
`,
  docsUrl: docsUrl('BCELoss'),
};
