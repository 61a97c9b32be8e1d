import { docsUrl, REDUCE_DOC, SIZE_AVERAGE_DOC } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const crossEntropy: LossEntry = {
  id: 'crossEntropy',
  module: 'CrossEntropyLoss',
  params: [
    {
      name: 'weight', type: 'tensor', default: null,
      doc: {
        en: 'Optional weight per class, a 1-D tensor of size C; useful for imbalanced classes. With class-index targets the mean divides by the sum of the weights of the counted targets.',
        zh: '可选的类别权重，大小为 C 的一维张量，适用于类别不平衡。目标为类别索引时，均值除以被计入目标的权重之和。',
      },
    },
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    {
      name: 'ignore_index', type: 'int', default: -100,
      doc: {
        en: 'A target value that contributes neither to the loss nor to the mean’s denominator (e.g. padding tokens). Only for class-index targets.',
        zh: '取该值的目标既不计入损失，也不计入均值的分母（例如填充 token）。仅适用于类别索引形式的目标。',
      },
    },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    {
      name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS,
      doc: {
        en: "`'none'` keeps one loss per sample, `'mean'` averages them (weighted by class weights for index targets), `'sum'` adds them up.",
        zh: "`'none'` 保留每个样本的损失，`'mean'` 取平均（目标为索引时按类别权重加权），`'sum'` 求和。",
      },
    },
    {
      name: 'label_smoothing', type: 'float', default: 0.0,
      doc: {
        en: 'Amount of label smoothing ε in [0, 1]: the target becomes a mix of the original and a uniform distribution, (1 − ε)·target + ε/C.',
        zh: '标签平滑系数 ε，取值于 [0, 1]：目标变为原目标与均匀分布的混合，即 (1 − ε)·target + ε/C。',
      },
    },
  ],
  forward: [{ name: 'input', kind: 'float' }, { name: 'target', kind: 'classes' }],
  functional: {
    name: 'cross_entropy',
    args: ['input', 'target'],
    params: ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'],
  },
  aliases: ['softmax cross-entropy', 'categorical cross-entropy', 'sparse categorical cross-entropy', 'log loss', 'softmax loss'],
  summary: {
    en: 'Softmax cross-entropy between raw class scores (logits) and class indices or class probabilities.',
    zh: '原始类别分数（logits）与类别索引或类别概率之间的 softmax 交叉熵。',
  },
  shapes: {
    args: [
      { name: 'input', shape: '(N, C), (C) or (N, C, d1, …, dK)', holds: { en: 'raw logits, one score per class along dim 1; no softmax', zh: '原始 logits，沿第 1 维每个类别一个分数；不要做 softmax' } },
      {
        name: 'target', shape: '(N), () or (N, d1, …, dK); or same shape as the input',
        holds: {
          en: 'class indices in [0, C) as int64 (`torch.long`), or class probabilities (float, same shape as the input, each row summing to 1)',
          zh: '取值于 [0, C) 的类别索引（int64，即 `torch.long`），或类别概率（浮点，与输入形状相同，每行之和为 1）',
        },
      },
    ],
    output: { shape: '(N), () or (N, d1, …, dK)', holds: { en: "one loss per sample (and position) with `reduction='none'`; a scalar otherwise", zh: "`reduction='none'` 时每个样本（及位置）一个损失；否则为标量" } },
  },
  formula: {
    unreduced: '\\begin{aligned}\\ell_n &= -w_{y_n}\\,\\log\\frac{\\exp(x_{n,y_n})}{\\sum_{c=1}^{C}\\exp(x_{n,c})}\\cdot\\mathbb{1}\\{y_n \\ne \\mathrm{ignore\\_index}\\} && \\text{(indices)}\\\\ \\ell_n &= -\\sum_{c=1}^{C} w_c\\, y_{n,c}\\,\\log\\frac{\\exp(x_{n,c})}{\\sum_{i=1}^{C}\\exp(x_{n,i})} && \\text{(probabilities)}\\end{aligned}',
    mean: '\\ell = \\frac{\\sum_{n=1}^{N}\\ell_n}{\\sum_{n=1}^{N} w_{y_n}\\,\\mathbb{1}\\{y_n \\ne \\mathrm{ignore\\_index}\\}}\\ \\text{(indices)},\\qquad \\ell = \\frac{1}{N}\\sum_{n=1}^{N}\\ell_n\\ \\text{(probabilities)}',
    sum: '\\ell = \\sum_{n=1}^{N} \\ell_n',
    where: {
      en: 'x holds the logits, C is the number of classes, y the target (an index y_n or probabilities y_{n,c}), w the class `weight` (1 when not given), N the batch size times d1⋯dK. With `label_smoothing` ε the target is first replaced by (1 − ε)·y + ε/C.',
      zh: 'x 为 logits，C 为类别数，y 为目标（类别索引 y_n 或概率 y_{n,c}），w 为类别权重 `weight`（未给出时为 1），N 为批大小乘以 d1⋯dK。设置 `label_smoothing` ε 时，目标先被替换为 (1 − ε)·y + ε/C。',
    },
  },
  whenToUse: [
    { en: 'Multi-class classification: exactly one correct class per sample (images, text, tokens).', zh: '多分类：每个样本恰好有一个正确类别（图像、文本、token 等）。' },
    { en: 'Per-pixel or per-token classification with inputs of shape (N, C, d1, …) — segmentation, language modelling.', zh: '逐像素或逐 token 分类，输入形状为 (N, C, d1, …)——如语义分割、语言模型。' },
    { en: 'Soft targets: knowledge distillation, mixup, label smoothing.', zh: '软标签：知识蒸馏、mixup、标签平滑。' },
  ],
  whenNotToUse: [
    { en: 'Several classes can be true at once (multi-label): use `BCEWithLogitsLoss`.', zh: '一个样本可同时属于多个类别（多标签）：请使用 `BCEWithLogitsLoss`。' },
    { en: 'The model already outputs log-probabilities (`log_softmax`): use `NLLLoss`.', zh: '模型已经输出对数概率（`log_softmax`）：请使用 `NLLLoss`。' },
    { en: 'A binary task with a single output unit: use `BCEWithLogitsLoss`.', zh: '只有一个输出单元的二分类任务：请使用 `BCEWithLogitsLoss`。' },
  ],
  pitfalls: [
    { rule: 'LL103', text: { en: 'Applying softmax first: the loss applies log-softmax itself, so a second softmax flattens the scores and slows training.', zh: '先做 softmax：该损失函数内部已经做了 log-softmax，再做一次 softmax 会把分数压平，使训练变慢。' } },
    { rule: 'LL108', text: { en: 'A sigmoid before the loss (a head ending in `nn.Sigmoid`): scores squeezed into (0, 1) barely move the softmax, so the loss stays high and training crawls. Pass the raw logits.', zh: '在该损失函数之前做 sigmoid（输出头以 `nn.Sigmoid` 结尾）：被压缩到 (0, 1) 的分数几乎无法改变 softmax，损失居高不下，训练极慢。请传入原始 logits。' } },
    { rule: 'LL201', text: { en: 'One-hot targets: pass class indices (`target.argmax(dim=1)`); a float one-hot is read as probabilities, so `ignore_index` and class-weighted averaging no longer apply.', zh: '独热编码目标：应传入类别索引（`target.argmax(dim=1)`）；浮点独热编码会被当作概率处理，`ignore_index` 和按类别权重的平均都不再生效。' } },
    { rule: 'LL206', text: { en: 'Token targets padded with a value other than `ignore_index` (`pad_sequence` pads with 0 by default, tokenizers with `pad_token_id`): the padding is trained on. Pad targets with -100 or set `ignore_index` to the pad value.', zh: '词元目标的填充值与 `ignore_index` 不同（`pad_sequence` 默认用 0 填充，分词器用 `pad_token_id`）：填充位置也被训练。请用 -100 填充目标，或把 `ignore_index` 设为填充值。' } },
    { rule: 'LL107', text: { en: 'A model with a single output unit: softmax over one class is always 1, so the loss is always 0 and nothing is learned.', zh: '模型只有一个输出单元：对一个类别做 softmax 恒为 1，损失恒为 0，模型学不到任何东西。' } },
    { rule: 'LL304', text: { en: 'Swapped arguments `loss(target, logits)`: the first argument must be the logits.', zh: '参数顺序颠倒 `loss(target, logits)`：第一个参数必须是 logits。' } },
    { text: { en: 'Sequence outputs of shape (N, T, C) must be permuted to (N, C, T): the class dimension is dim 1.', zh: '形状为 (N, T, C) 的序列输出必须转置为 (N, C, T)：类别维是第 1 维。' } },
  ],
  example: `import torch
import torch.nn as nn

logits = torch.randn(8, 5, requires_grad=True)  # 8 samples, 5 classes
target = torch.randint(0, 5, (8,))              # class indices
criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
loss = criterion(logits, target)
loss.backward()
`,
  docsUrl: docsUrl('CrossEntropyLoss'),
};
