import { docsUrl, MEAN_OVER_ELEMENTS, PER_SAMPLE_OUTPUT, REDUCTION_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const tripletMarginWithDistance: LossEntry = {
  id: 'tripletMarginWithDistance',
  module: 'TripletMarginWithDistanceLoss',
  params: [
    {
      name: 'distance_function', type: 'distance', default: null,
      doc: { en: 'A callable (x1, x2) → non-negative distances per pair; `None` means `nn.PairwiseDistance()` (Euclidean).', zh: '一个可调用对象 (x1, x2) → 每对样本的非负距离；`None` 表示使用 `nn.PairwiseDistance()`（欧氏距离）。' },
    },
    {
      name: 'margin', type: 'float', default: 1.0,
      doc: { en: 'How much farther the negative must be than the positive, in the units of the distance; must be > 0.', zh: '负样本需要比正样本远出的幅度，单位与距离相同；必须 > 0。' },
    },
    {
      name: 'swap', type: 'bool', default: false,
      doc: { en: 'Distance swap: use the closer of anchor–negative and positive–negative as the negative distance.', zh: '距离交换：取锚点–负样本与正样本–负样本中较近的距离作为负样本距离。' },
    },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  keywordOnly: true,
  forward: [{ name: 'anchor', kind: 'float' }, { name: 'positive', kind: 'float' }, { name: 'negative', kind: 'float' }],
  functional: {
    name: 'triplet_margin_with_distance_loss',
    args: ['anchor', 'positive', 'negative'],
    params: ['distance_function', 'margin', 'swap', 'reduction'],
    keywordOnly: true,
  },
  aliases: ['triplet loss with custom distance', 'cosine triplet loss'],
  summary: {
    en: 'Triplet loss with a distance function of your choice (cosine distance, learned metrics, …).',
    zh: '可自选距离函数（余弦距离、学习得到的度量等）的三元组损失。',
  },
  shapes: {
    args: [
      { name: 'anchor', shape: '(N, *)', holds: { en: 'anchor embeddings', zh: '锚点的嵌入向量' } },
      { name: 'positive', shape: '(N, *)', holds: { en: 'embeddings of the same identity/class as the anchor', zh: '与锚点同一身份/类别的嵌入向量' } },
      { name: 'negative', shape: '(N, *)', holds: { en: 'embeddings of a different identity/class', zh: '不同身份/类别的嵌入向量' } },
    ],
    output: { shape: '(N)', holds: PER_SAMPLE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = \\max\\bigl(d(a_n, p_n) - d(a_n, n_n) + \\Delta,\\ 0\\bigr)',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'd is `distance_function`, a, p, n the anchor, positive and negative, Δ the `margin`, N the number of triplets. With `swap`, d(a, n) is replaced by min(d(a, n), d(p, n)).', zh: 'd 为 `distance_function`，a、p、n 分别为锚点、正样本和负样本，Δ 为间隔 `margin`，N 为三元组个数。启用 `swap` 时，d(a, n) 替换为 min(d(a, n), d(p, n))。' },
  },
  whenToUse: [
    { en: 'Triplet metric learning with cosine distance or any custom/learned distance.', zh: '使用余弦距离或任意自定义/学习得到的距离进行三元组度量学习。' },
  ],
  whenNotToUse: [
    { en: 'A plain p-norm distance: `TripletMarginLoss` does the same with less code.', zh: '普通的 p 范数距离：`TripletMarginLoss` 用更少的代码实现同样的功能。' },
  ],
  pitfalls: [
    { text: { en: 'The distance must be a dissimilarity (larger = farther): passing `F.cosine_similarity` inverts the objective; use `1 - F.cosine_similarity(x, y)`.', zh: '距离必须是“差异度”（越大越远）：直接传入 `F.cosine_similarity` 会使目标反向；请使用 `1 - F.cosine_similarity(x, y)`。' } },
    { text: { en: 'The constructor is keyword-only: `TripletMarginWithDistanceLoss(distance_function=f, margin=0.5)`.', zh: '构造函数只接受关键字参数：`TripletMarginWithDistanceLoss(distance_function=f, margin=0.5)`。' } },
  ],
  example: `import torch
import torch.nn as nn
import torch.nn.functional as F

anchor = torch.randn(8, 64, requires_grad=True)
positive = torch.randn(8, 64)
negative = torch.randn(8, 64)
criterion = nn.TripletMarginWithDistanceLoss(
    distance_function=lambda x, y: 1.0 - F.cosine_similarity(x, y), margin=0.5
)
loss = criterion(anchor, positive, negative)
loss.backward()
`,
  docsUrl: docsUrl('TripletMarginWithDistanceLoss'),
};
