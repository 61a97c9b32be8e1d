import type { Rule } from './rule';
import { KIND_WORDS, fromClause, inputOf, lossLabel, tensorValue, toLogProbabilities, sourceOf } from './helpers';
import { textOf } from '../syntax';

/**
 * LL105: `KLDivLoss` / `F.kl_div` whose input is probabilities or logits. PyTorch's KL divergence takes
 * the input in log space (`target * (log target - input)`); probabilities give a wrong value and gradient.
 * Fix: `softmax` → `log_softmax`, or apply `.log_softmax(dim=1)` to logits.
 */
export const klDivNonLogInput: Rule = {
  meta: {
    code: 'LL105',
    slug: 'kldiv-non-log-input',
    severity: 'error',
    fixable: 'sometimes',
    messages: {
      notLog: {
        en: '`{loss}` receives {kind} `{arg}`{from} as input; it expects log-probabilities (the target may be probabilities)',
        zh: '`{loss}` 的输入是{kind} `{arg}`{from}；输入应为对数概率（目标可以是概率）',
      },
    },
    fixes: {
      rename: { en: 'Use `log_softmax` instead of `softmax`', zh: '用 `log_softmax` 代替 `softmax`' },
      wrap: { en: 'Apply `log_softmax(dim=1)` to `{arg}`', zh: '对 `{arg}` 应用 `log_softmax(dim=1)`' },
    },
    docs: {
      summary: { en: 'KLDivLoss input is probabilities or logits, not log-probabilities', zh: 'KLDivLoss 的输入是概率或 logits，而不是对数概率' },
      why: {
        en: "KLDivLoss computes target * (log(target) - input): the input must already be log-probabilities. With probabilities the value is not a divergence (it can be negative) and the gradient pushes the wrong way; with logits it is unnormalised. Use log_softmax on the input; keep the target as probabilities, or pass log_target=True for log-space targets.",
        zh: 'KLDivLoss 计算 target * (log(target) - input)：输入必须已经是对数概率。传入概率时结果不是散度（可能为负），梯度方向也不对；传入 logits 时没有归一化。请对输入使用 log_softmax；目标保持为概率，或在目标为对数空间时传入 log_target=True。',
      },
      bad: {
        en: "import torch.nn as nn\nimport torch.nn.functional as F\nkl = nn.KLDivLoss(reduction='batchmean')\nloss = kl(F.softmax(student(x), dim=1), teacher_probs)  # probabilities as input\n",
        zh: "import torch.nn as nn\nimport torch.nn.functional as F\nkl = nn.KLDivLoss(reduction='batchmean')\nloss = kl(F.softmax(student(x), dim=1), teacher_probs)  # 输入是概率\n",
      },
      good: {
        en: "import torch.nn as nn\nimport torch.nn.functional as F\nkl = nn.KLDivLoss(reduction='batchmean')\nloss = kl(F.log_softmax(student(x), dim=1), teacher_probs)\n",
        zh: "import torch.nn as nn\nimport torch.nn.functional as F\nkl = nn.KLDivLoss(reduction='batchmean')\nloss = kl(F.log_softmax(student(x), dim=1), teacher_probs)\n",
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      if (call.sig.id !== 'klDiv' || ctx.swapped(call)) continue;
      const arg = inputOf(call);
      const v = tensorValue(s, arg);
      if (!arg || !v || !(v.kind in KIND_WORDS)) continue;
      const data = { loss: lossLabel(call), arg: textOf(arg), kind: KIND_WORDS[v.kind], from: fromClause(s, arg, v, { en: 'from', zh: '，来自' }) };
      ctx.report({ node: call.call, related: sourceOf(v), messageId: 'notLog', data, fixes: toLogProbabilities(arg, v) });
    }
  },
};
