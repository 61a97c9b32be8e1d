import type { Rule } from './rule';
import { fromClause, lossLabel, replace, tensorValue, targetOf, sourceOf } from './helpers';
import { textOf, unparen } from '../syntax';

const LOSSES = new Set(['cosineEmbedding', 'hingeEmbedding', 'marginRanking']);

/**
 * LL203: {0,1} labels for losses that read the sign of the target (`CosineEmbeddingLoss`,
 * `HingeEmbeddingLoss`, `MarginRankingLoss`). A 0 is neither "similar" (1) nor "dissimilar" (-1): those
 * pairs contribute a wrong term or nothing, and the negative class never trains.
 * Fix: map with `2 * y - 1`.
 */
export const embeddingLoss01Labels: Rule = {
  meta: {
    code: 'LL203',
    slug: 'embedding-loss-01-labels',
    severity: 'error',
    fixable: 'always',
    messages: {
      zeroOne: {
        en: '`{loss}` target `{arg}`{from} holds labels in {0, 1}; this loss expects 1 and -1, so the 0 pairs never train as negatives',
        zh: '`{loss}` 的目标 `{arg}`{from} 取值为 {0, 1}；该损失需要 1 和 -1，标为 0 的样本对永远不会作为负样本参与训练',
      },
    },
    fixes: {
      map: { en: 'Map the labels to {-1, 1} with `2 * {arg} - 1`', zh: '用 `2 * {arg} - 1` 把标签映射到 {-1, 1}' },
    },
    docs: {
      summary: { en: 'CosineEmbeddingLoss / HingeEmbeddingLoss / MarginRankingLoss targets in {0,1} instead of {-1,1}', zh: 'CosineEmbeddingLoss / HingeEmbeddingLoss / MarginRankingLoss 的目标取值为 {0,1} 而不是 {-1,1}' },
      why: {
        en: 'These losses branch on the sign of the target: 1 means similar (or "first ranks higher"), -1 means dissimilar. A 0 label matches neither branch as intended: CosineEmbeddingLoss and HingeEmbeddingLoss treat it as a negative with the wrong formula or ignore it, and MarginRankingLoss multiplies the margin term by 0. The negatives then never train.',
        zh: '这些损失根据目标的符号分支：1 表示相似（或“第一个排名更高”），-1 表示不相似。标签 0 两个分支都不符合：CosineEmbeddingLoss 和 HingeEmbeddingLoss 会用错误的公式处理或直接忽略它，MarginRankingLoss 会把间隔项乘以 0。负样本因此永远得不到训练。',
      },
      bad: {
        en: 'import torch\nimport torch.nn as nn\ncriterion = nn.CosineEmbeddingLoss(margin=0.2)\nsame = torch.tensor([1, 0, 1, 0])\nloss = criterion(emb_a, emb_b, same)  # 0 is not a valid label\n',
        zh: 'import torch\nimport torch.nn as nn\ncriterion = nn.CosineEmbeddingLoss(margin=0.2)\nsame = torch.tensor([1, 0, 1, 0])\nloss = criterion(emb_a, emb_b, same)  # 0 不是合法标签\n',
      },
      good: {
        en: 'import torch\nimport torch.nn as nn\ncriterion = nn.CosineEmbeddingLoss(margin=0.2)\nsame = torch.tensor([1, -1, 1, -1])\nloss = criterion(emb_a, emb_b, same)\n',
        zh: 'import torch\nimport torch.nn as nn\ncriterion = nn.CosineEmbeddingLoss(margin=0.2)\nsame = torch.tensor([1, -1, 1, -1])\nloss = criterion(emb_a, emb_b, same)\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      if (!LOSSES.has(call.sig.id) || ctx.swapped(call)) continue;
      const arg = targetOf(call);
      const v = tensorValue(s, arg);
      if (!arg || v?.kind !== 'labels01') continue;
      const t = unparen(arg);
      const simple = ['identifier', 'attribute', 'call', 'subscript'].includes(t.type);
      const mapped = `2 * ${simple ? textOf(arg) : `(${textOf(arg)})`} - 1`;
      const from = fromClause(s, arg, v, { en: 'from', zh: '，来自' });
      ctx.report({
        node: call.call,
        related: sourceOf(v),
        messageId: 'zeroOne',
        data: { loss: lossLabel(call), arg: textOf(arg), from },
        fixes: [{ id: 'map', edits: [replace(arg, mapped)], preferred: true }],
      });
    }
  },
};
