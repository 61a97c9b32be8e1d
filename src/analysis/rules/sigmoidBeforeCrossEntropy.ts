import type { FixReport, Rule } from './rule';
import { fromClause, inputOf, lossLabel, replace, sourceOf, stripActivation, tensorValue } from './helpers';
import { textOf, unparen } from '../syntax';

const PRIMARY = new Set(['identifier', 'attribute', 'call', 'subscript', 'parenthesized_expression']);

/** Message by loss: what a sigmoid does to each. */
const MESSAGE: Record<string, string> = { crossEntropy: 'ce', nll: 'nll', multiMargin: 'margin' };

/**
 * LL108: a multi-class loss (`CrossEntropyLoss`, `NLLLoss`, `MultiMarginLoss`) fed sigmoid outputs.
 * Scores squeezed into (0, 1) barely move a softmax and can never clear a margin of 1, so the model
 * trains slowly towards a loss that stays high; NLLLoss wants log-probabilities besides.
 * Fix: strip the sigmoid (NLLLoss: apply log_softmax instead), when it is applied here.
 */
export const sigmoidBeforeCrossEntropy: Rule = {
  meta: {
    code: 'LL108',
    slug: 'sigmoid-before-cross-entropy',
    severity: 'error',
    fixable: 'sometimes',
    messages: {
      ce: {
        en: '`{loss}` receives sigmoid outputs `{arg}`{from}: scores squeezed into (0, 1) barely move the softmax it applies, so the loss stays high; pass the raw logits',
        zh: '`{loss}` 接收的是 sigmoid 输出 `{arg}`{from}：被压缩到 (0, 1) 的分数几乎无法改变它内部的 softmax，损失居高不下；请传入原始 logits',
      },
      nll: {
        en: '`{loss}` receives sigmoid outputs `{arg}`{from}; it expects log-probabilities over the classes (log_softmax output)',
        zh: '`{loss}` 接收的是 sigmoid 输出 `{arg}`{from}；它需要各类别上的对数概率（log_softmax 的输出）',
      },
      margin: {
        en: '`{loss}` receives sigmoid outputs `{arg}`{from}: scores in (0, 1) can never clear the margin between classes; pass the raw scores',
        zh: '`{loss}` 接收的是 sigmoid 输出 `{arg}`{from}：(0, 1) 内的分数永远无法拉开类别之间的间隔；请传入原始分数',
      },
    },
    fixes: {
      strip: { en: 'Remove the sigmoid: pass `{inner}`', zh: '去掉 sigmoid：传入 `{inner}`' },
      logSoftmax: { en: 'Replace the sigmoid with `log_softmax(dim=1)`', zh: '用 `log_softmax(dim=1)` 代替 sigmoid' },
    },
    docs: {
      summary: { en: 'CrossEntropyLoss, NLLLoss or MultiMarginLoss receives sigmoid outputs', zh: 'CrossEntropyLoss、NLLLoss 或 MultiMarginLoss 接收了 sigmoid 输出' },
      why: {
        en: 'A sigmoid makes each score an independent probability in (0, 1); it is the activation of multi-label or binary heads. CrossEntropyLoss applies its own log_softmax to the scores it gets: between values in (0, 1) the softmax stays close to uniform (with 10 classes the best reachable probability of the right class is about 0.23), so the loss cannot get low and gradients are small. MultiMarginLoss cannot clear its margin of 1, and NLLLoss wants log-probabilities. Give these losses the raw logits (log_softmax for NLLLoss).',
        zh: 'sigmoid 把每个分数变成 (0, 1) 内相互独立的概率，是多标签或二分类输出头的激活函数。CrossEntropyLoss 会对输入再做 log_softmax：在 (0, 1) 之间的值上 softmax 接近均匀分布（10 个类别时正确类别最多只能得到约 0.23 的概率），损失降不下来，梯度也很小。MultiMarginLoss 永远达不到间隔 1，NLLLoss 则需要对数概率。请把原始 logits 传给这些损失（NLLLoss 则传 log_softmax）。',
      },
      bad: {
        en: 'import torch\nimport torch.nn as nn\nmodel = nn.Sequential(nn.Linear(64, 10), nn.Sigmoid())\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)  # sigmoid outputs\n',
        zh: 'import torch\nimport torch.nn as nn\nmodel = nn.Sequential(nn.Linear(64, 10), nn.Sigmoid())\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)  # sigmoid 输出\n',
      },
      good: {
        en: 'import torch\nimport torch.nn as nn\nmodel = nn.Sequential(nn.Linear(64, 10))\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)  # raw logits\n',
        zh: 'import torch\nimport torch.nn as nn\nmodel = nn.Sequential(nn.Linear(64, 10))\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)  # 原始 logits\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      const messageId = MESSAGE[call.sig.id];
      if (!messageId || ctx.swapped(call)) continue;
      const arg = inputOf(call);
      const v = tensorValue(s, arg);
      if (!arg || v?.kind !== 'sigmoid') continue;
      const fixes: FixReport[] = [];
      const strip = stripActivation(s, arg, v, call.call);
      if (strip && messageId !== 'nll') fixes.push({ id: 'strip', data: { inner: strip.inner }, edits: [strip.edit], preferred: true });
      if (strip && messageId === 'nll') {
        const inner = PRIMARY.has(unparen(v.inner!).type) ? strip.inner : `(${strip.inner})`;
        fixes.push({ id: 'logSoftmax', edits: [replace(arg, `${inner}.log_softmax(dim=1)`)], preferred: true });
      }
      const from = fromClause(s, arg, v, { en: 'from', zh: '，来自' });
      ctx.report({ node: call.call, related: sourceOf(v), messageId, data: { loss: lossLabel(call), arg: textOf(arg), from }, fixes });
    }
  },
};
