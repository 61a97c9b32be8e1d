import type { FixReport, Rule } from './rule';
import { fromClause, inputOf, lossLabel, stripActivation, tensorValue, sourceOf } from './helpers';
import { textOf } from '../syntax';

/**
 * LL103: a softmax before `CrossEntropyLoss`, which applies log_softmax itself: the model trains on
 * log_softmax(softmax(x)); gradients flatten and learning stalls.
 * Fix: remove the softmax (preferred, meaning-preserving for the loss).
 */
export const softmaxBeforeCrossEntropy: Rule = {
  meta: {
    code: 'LL103',
    slug: 'softmax-before-cross-entropy',
    severity: 'error',
    fixable: 'sometimes',
    messages: {
      softmax: {
        en: '`{loss}` receives `{arg}`{from}, already passed through a softmax; it applies log_softmax itself, so the model trains on a double softmax',
        zh: '`{loss}` 接收的 `{arg}`{from} 已经过 softmax；它自身会再应用 log_softmax，模型实际在两次 softmax 上训练',
      },
    },
    fixes: {
      strip: { en: 'Remove the softmax: pass `{inner}`', zh: '去掉 softmax：传入 `{inner}`' },
    },
    docs: {
      summary: { en: 'CrossEntropyLoss receives softmax probabilities (double softmax)', zh: 'CrossEntropyLoss 接收了 softmax 概率（两次 softmax）' },
      why: {
        en: 'CrossEntropyLoss combines log_softmax and NLLLoss, so it expects raw logits. Passing probabilities applies softmax twice: the effective predictions are squashed towards uniform, the loss plateaus well above zero and gradients become tiny.',
        zh: 'CrossEntropyLoss 等于 log_softmax 加 NLLLoss，因此需要原始 logits。传入概率相当于应用两次 softmax：有效预测被压向均匀分布，损失停在远高于零的位置，梯度变得很小。',
      },
      bad: {
        en: 'import torch.nn as nn\nimport torch.nn.functional as F\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(F.softmax(model(x), dim=1), y)  # double softmax\n',
        zh: 'import torch.nn as nn\nimport torch.nn.functional as F\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(F.softmax(model(x), dim=1), y)  # 两次 softmax\n',
      },
      good: {
        en: 'import torch.nn as nn\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)  # raw logits\n',
        zh: 'import torch.nn as nn\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)  # 原始 logits\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      if (call.sig.id !== 'crossEntropy' || ctx.swapped(call)) continue;
      const arg = inputOf(call);
      const v = tensorValue(s, arg);
      if (!arg || v?.kind !== 'softmax') continue;
      const fixes: FixReport[] = [];
      const strip = stripActivation(s, arg, v, call.call);
      if (strip) fixes.push({ id: 'strip', data: { inner: strip.inner }, edits: [strip.edit], preferred: true });
      const from = fromClause(s, arg, v, { en: 'from', zh: '，来自' });
      ctx.report({ node: call.call, related: sourceOf(v), messageId: 'softmax', data: { loss: lossLabel(call), arg: textOf(arg), from }, fixes });
    }
  },
};
