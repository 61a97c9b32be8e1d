import { docsUrl, MEAN_OVER_ELEMENTS, PER_SAMPLE_OUTPUT, REDUCE_DOC, REDUCTION_DOC, SIZE_AVERAGE_DOC, SUM_OVER_ELEMENTS } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const marginRanking: LossEntry = {
  id: 'marginRanking',
  module: 'MarginRankingLoss',
  params: [
    {
      name: 'margin', type: 'float', default: 0.0,
      doc: { en: 'How far the preferred score must exceed the other before the pair stops costing anything.', zh: '被偏好的分数需要比另一个高出多少，该样本对才不再产生损失。' },
    },
    { name: 'size_average', type: 'legacy', default: null, doc: SIZE_AVERAGE_DOC },
    { name: 'reduce', type: 'legacy', default: null, doc: REDUCE_DOC },
    { name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS, doc: REDUCTION_DOC },
  ],
  forward: [{ name: 'input1', kind: 'float' }, { name: 'input2', kind: 'float' }, { name: 'target', kind: 'float' }],
  functional: {
    name: 'margin_ranking_loss',
    args: ['input1', 'input2', 'target'],
    params: ['margin', 'size_average', 'reduce', 'reduction'],
  },
  aliases: ['pairwise ranking loss', 'ranking hinge loss', 'RankNet-style hinge'],
  summary: {
    en: 'Pairwise ranking hinge loss: for a label of 1 the first score should exceed the second by a margin, for −1 the reverse.',
    zh: '成对排序的合页损失：标签为 1 时第一个分数应比第二个高出一个间隔，标签为 −1 时反之。',
  },
  shapes: {
    args: [
      { name: 'input1', shape: '(N) or ()', holds: { en: 'scores of the first items', zh: '第一组样本的分数' } },
      { name: 'input2', shape: '(N) or ()', holds: { en: 'scores of the second items, same shape', zh: '第二组样本的分数，形状相同' } },
      { name: 'target', shape: '(N) or ()', holds: { en: '1 if input1 should rank higher, −1 if input2 should', zh: 'input1 应排在前面时为 1，input2 应排在前面时为 −1' } },
    ],
    output: { shape: '(N)', holds: PER_SAMPLE_OUTPUT },
  },
  formula: {
    unreduced: '\\ell_n = \\max\\bigl(0,\\ -y_n\\,(x^{(1)}_n - x^{(2)}_n) + \\Delta\\bigr)',
    mean: MEAN_OVER_ELEMENTS,
    sum: SUM_OVER_ELEMENTS,
    where: { en: 'x⁽¹⁾ and x⁽²⁾ are the two scores, y ∈ {1, −1} the preferred order, Δ the `margin`, N the number of pairs.', zh: 'x⁽¹⁾ 与 x⁽²⁾ 为两个分数，y ∈ {1, −1} 表示偏好顺序，Δ 为间隔 `margin`，N 为样本对个数。' },
  },
  whenToUse: [
    { en: 'Learning to rank from pairwise preferences (search results, recommendations).', zh: '从成对偏好中学习排序（搜索结果、推荐系统）。' },
    { en: 'Reward models trained on “A is better than B” comparisons.', zh: '基于“A 优于 B”比较数据训练的奖励模型。' },
  ],
  whenNotToUse: [
    { en: 'Absolute relevance labels per item: a pointwise loss (`MSELoss`, `BCEWithLogitsLoss`) is simpler.', zh: '每个样本有绝对的相关性标签：逐点损失（`MSELoss`、`BCEWithLogitsLoss`）更简单。' },
  ],
  pitfalls: [
    { rule: 'LL203', text: { en: 'Labels in {0, 1}: a 0 label gives max(0, Δ) — a constant with no gradient, so those pairs teach nothing. Use ±1.', zh: '标签取 {0, 1}：标签为 0 时损失为常数 max(0, Δ)，没有梯度，这些样本对起不到任何作用。请使用 ±1。' } },
    { text: { en: 'With the default margin 0 the loss is zero as soon as the order is right, however small the gap: set a positive margin.', zh: '默认间隔为 0 时，只要顺序正确损失即为 0，无论差距多小：请设置一个正的间隔。' } },
  ],
  example: `import torch
import torch.nn as nn

score_a = torch.randn(8, requires_grad=True)
score_b = torch.randn(8, requires_grad=True)
a_better = torch.tensor([1, -1, 1, 1, -1, 1, -1, 1]).float()
criterion = nn.MarginRankingLoss(margin=0.5)
loss = criterion(score_a, score_b, a_better)
loss.backward()
`,
  docsUrl: docsUrl('MarginRankingLoss'),
};
