import type { Rule } from './rule';
import { KIND_WORDS, fromClause, inputOf, lossLabel, tensorValue, toLogProbabilities, sourceOf } from './helpers';
import { textOf } from '../syntax';

/**
 * LL104: `NLLLoss` / `F.nll_loss` on logits or probabilities. NLLLoss only picks `-input[target]`; it
 * does no normalisation, so the input must already be log-probabilities.
 * Fix: `softmax` → `log_softmax`, or apply `.log_softmax(dim=1)` to logits.
 */
export const nllWithoutLogSoftmax: Rule = {
  meta: {
    code: 'LL104',
    slug: 'nll-without-log-softmax',
    severity: 'error',
    fixable: 'sometimes',
    messages: {
      notLog: {
        en: '`{loss}` receives {kind} `{arg}`{from}; it expects log-probabilities (log_softmax output)',
        zh: '`{loss}` 接收的是{kind} `{arg}`{from}；它需要对数概率（log_softmax 的输出）',
      },
    },
    fixes: {
      rename: { en: 'Use `log_softmax` instead of `softmax`', zh: '用 `log_softmax` 代替 `softmax`' },
      wrap: { en: 'Apply `log_softmax(dim=1)` to `{arg}`', zh: '对 `{arg}` 应用 `log_softmax(dim=1)`' },
    },
    docs: {
      summary: { en: 'NLLLoss input is raw logits or probabilities, not log-probabilities', zh: 'NLLLoss 的输入是原始 logits 或概率，而不是对数概率' },
      why: {
        en: 'NLLLoss returns -input[target] averaged over the batch; it does not normalise. On logits the loss is unbounded below and the model learns to inflate one score; on probabilities it minimises -p instead of -log p, which gives weak, badly scaled gradients. Apply log_softmax first, or use CrossEntropyLoss on logits.',
        zh: 'NLLLoss 只返回 -input[target] 的批均值，不做归一化。输入 logits 时损失没有下界，模型会学着放大某个分数；输入概率时它最小化的是 -p 而不是 -log p，梯度弱且尺度不对。请先应用 log_softmax，或对 logits 使用 CrossEntropyLoss。',
      },
      bad: {
        en: 'import torch.nn as nn\nimport torch.nn.functional as F\nloss = F.nll_loss(F.softmax(model(x), dim=1), y)  # probabilities, not log-probabilities\n',
        zh: 'import torch.nn as nn\nimport torch.nn.functional as F\nloss = F.nll_loss(F.softmax(model(x), dim=1), y)  # 是概率而不是对数概率\n',
      },
      good: {
        en: 'import torch.nn as nn\nimport torch.nn.functional as F\nloss = F.nll_loss(F.log_softmax(model(x), dim=1), y)\n',
        zh: 'import torch.nn as nn\nimport torch.nn.functional as F\nloss = F.nll_loss(F.log_softmax(model(x), dim=1), y)\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      if (call.sig.id !== 'nll' || ctx.swapped(call)) continue;
      const arg = inputOf(call);
      const v = tensorValue(s, arg);
      // Sigmoid outputs are LL108's (sigmoid-before-cross-entropy), which names that mistake.
      if (!arg || !v || !(v.kind in KIND_WORDS) || v.kind === 'sigmoid') continue;
      const data = { loss: lossLabel(call), arg: textOf(arg), kind: KIND_WORDS[v.kind], from: fromClause(s, arg, v, { en: 'from', zh: '，来自' }) };
      ctx.report({ node: call.call, related: sourceOf(v), messageId: 'notLog', data, fixes: toLogProbabilities(arg, v) });
    }
  },
};
