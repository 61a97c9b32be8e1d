import { docsUrl, MEAN_OVER_ELEMENTS, PER_SAMPLE_OUTPUT, REDUCE_DOC, REDUCTION_DOC, SIZE_AVERAGE_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const tripletMargin: LossEntry = {
  id: 'tripletMargin',
  module: 'TripletMarginLoss',
  params: [
    {
      name: 'margin', type: 'float', default: 1.0,
      doc: { en: 'How much farther the negative must be from the anchor than the positive; must be > 0.', zh: '负样本与锚点的距离需要比正样本远出的幅度；必须 > 0。' },
    },
    {
      name: 'p', type: 'float', default: 2.0,
      doc: { en: 'Norm degree of the pairwise distance (2 = Euclidean).', zh: '成对距离所用范数的阶数（2 即欧氏距离）。' },
    },
    {
      name: 'eps', type: 'float', default: 1e-6,
      doc: { en: 'Small constant added to the difference before taking the norm, for numerical stability.', zh: '在求范数前加到差值上的小常数，用于数值稳定。' },
    },
    {
      name: 'swap', type: 'bool', default: false,
      doc: { en: 'Distance swap (Balntas et al.): use the closer of anchor–negative and positive–negative as the negative distance.', zh: '距离交换（Balntas 等人）：取锚点–负样本与正样本–负样本中较近的距离作为负样本距离。' },
    },
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  forward: [{ name: 'anchor', kind: 'float' }, { name: 'positive', kind: 'float' }, { name: 'negative', kind: 'float' }],
  functional: {
    name: 'triplet_margin_loss',
    args: ['anchor', 'positive', 'negative'],
    params: ['margin', 'p', 'eps', 'swap', 'size_average', 'reduce', 'reduction'],
  },
  aliases: ['triplet loss', 'metric learning loss', 'FaceNet loss'],
  summary: {
    en: 'Triplet loss: the anchor should be closer to the positive than to the negative by at least a margin (p-norm distance).',
    zh: '三元组损失：锚点到正样本的距离应比到负样本的距离至少小一个间隔（p 范数距离）。',
  },
  shapes: {
    args: [
      { name: 'anchor', shape: '(N, D) or (D)', holds: { en: 'anchor embeddings', zh: '锚点的嵌入向量' } },
      { name: 'positive', shape: '(N, D) or (D)', holds: { en: 'embeddings of the same identity/class as the anchor', zh: '与锚点同一身份/类别的嵌入向量' } },
      { name: 'negative', shape: '(N, D) or (D)', holds: { en: 'embeddings of a different identity/class', zh: '不同身份/类别的嵌入向量' } },
    ],
    output: { shape: '(N)', holds: PER_SAMPLE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = \\max\\bigl(d(a_n, p_n) - d(a_n, n_n) + \\Delta,\\ 0\\bigr),\\qquad d(u, v) = \\lVert u - v + \\varepsilon \\rVert_p',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'a, p, n are the anchor, positive and negative, Δ the `margin`, ε the `eps`, N the number of triplets. With `swap`, d(a, n) is replaced by min(d(a, n), d(p, n)).', zh: 'a、p、n 分别为锚点、正样本和负样本，Δ 为间隔 `margin`，ε 为 `eps`，N 为三元组个数。启用 `swap` 时，d(a, n) 替换为 min(d(a, n), d(p, n))。' },
  },
  whenToUse: [
    { en: 'Metric learning from triplets: face recognition, person re-identification, image retrieval.', zh: '基于三元组的度量学习：人脸识别、行人重识别、图像检索。' },
  ],
  whenNotToUse: [
    { en: 'A distance other than a p-norm (e.g. cosine): use `TripletMarginWithDistanceLoss`.', zh: '需要 p 范数以外的距离（例如余弦距离）：请使用 `TripletMarginWithDistanceLoss`。' },
    { en: 'Only labelled pairs: use `CosineEmbeddingLoss` or `HingeEmbeddingLoss`.', zh: '只有标注好的样本对：请使用 `CosineEmbeddingLoss` 或 `HingeEmbeddingLoss`。' },
  ],
  pitfalls: [
    { text: { en: 'Random triplets are mostly easy (loss 0) and training stalls: mine hard or semi-hard negatives within the batch.', zh: '随机三元组大多是简单样本（损失为 0），训练会停滞：请在批内挖掘困难或半困难负样本。' } },
    { text: { en: 'Unnormalised embeddings can satisfy the margin by growing in scale: L2-normalise them or tune `margin` to the embedding scale.', zh: '未归一化的嵌入可以通过放大尺度来满足间隔：请对其做 L2 归一化，或按嵌入的尺度调整 `margin`。' } },
  ],
  example: `import torch
import torch.nn as nn
import torch.nn.functional as F

anchor = F.normalize(torch.randn(8, 128, requires_grad=True), dim=1)
positive = F.normalize(torch.randn(8, 128), dim=1)
negative = F.normalize(torch.randn(8, 128), dim=1)
criterion = nn.TripletMarginLoss(margin=0.2)
loss = criterion(anchor, positive, negative)
loss.backward()
`,
  docsUrl: docsUrl('TripletMarginLoss'),
};
