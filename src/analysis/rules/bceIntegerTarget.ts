import type { Rule } from './rule';
import { appendMethod, fromClause, lossLabel, tensorValue, targetOf, sourceOf } from './helpers';
import { textOf } from '../syntax';

/**
 * LL202: an integer target for `BCELoss` / `BCEWithLogitsLoss` (and functionals). Both require a float
 * target of the input's dtype and raise "Found dtype Long but expected Float" at the first step.
 * Fix: `.float()` on the target.
 */
export const bceIntegerTarget: Rule = {
  meta: {
    code: 'LL202',
    slug: 'bce-integer-target',
    severity: 'error',
    fixable: 'always',
    messages: {
      int: {
        en: '`{loss}` target `{arg}`{from} is an integer tensor; binary cross-entropy needs a float target (0.0/1.0 or probabilities)',
        zh: '`{loss}` 的目标 `{arg}`{from} 是整数张量；二元交叉熵需要浮点目标（0.0/1.0 或概率）',
      },
    },
    fixes: {
      float: { en: 'Convert the target with `.float()`', zh: '用 `.float()` 转换目标' },
    },
    docs: {
      summary: { en: 'BCE / BCEWithLogits target is an integer tensor', zh: 'BCE / BCEWithLogits 的目标是整数张量' },
      why: {
        en: 'BCELoss and BCEWithLogitsLoss compute target * log(p) in floating point and require the target to have the input\'s float dtype. Integer labels (from randint, .long() or a LongTensor) raise a dtype error at the first training step, or after a late refactor. Convert the labels with .float().',
        zh: 'BCELoss 和 BCEWithLogitsLoss 以浮点计算 target * log(p)，要求目标与输入同为浮点类型。整数标签（来自 randint、.long() 或 LongTensor）会在第一步训练时（或某次重构后）引发 dtype 错误。请用 .float() 转换标签。',
      },
      bad: {
        en: 'import torch\nimport torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss()\ny = torch.randint(0, 2, (32, 1))\nloss = criterion(logits, y)  # int64 target\n',
        zh: 'import torch\nimport torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss()\ny = torch.randint(0, 2, (32, 1))\nloss = criterion(logits, y)  # int64 目标\n',
      },
      good: {
        en: 'import torch\nimport torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss()\ny = torch.randint(0, 2, (32, 1)).float()\nloss = criterion(logits, y)\n',
        zh: 'import torch\nimport torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss()\ny = torch.randint(0, 2, (32, 1)).float()\nloss = criterion(logits, y)\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      if ((call.sig.id !== 'bce' && call.sig.id !== 'bceWithLogits') || ctx.swapped(call)) continue;
      const arg = targetOf(call);
      const v = tensorValue(s, arg);
      if (!arg || v?.int !== true) continue;
      const from = fromClause(s, arg, v, { en: 'from', zh: '，来自' });
      ctx.report({ node: call.call, related: sourceOf(v), messageId: 'int', data: { loss: lossLabel(call), arg: textOf(arg), from }, fixes: [{ id: 'float', edits: [appendMethod(arg, 'float()')], preferred: true }] });
    }
  },
};
