import type { FixReport, Rule, RuleContext } from './rule';
import { fromClause, lossLabel, sourceOf, targetOf, tensorValue } from './helpers';
import { boolOption, setBoolOption } from './boolOption';
import type { LossCall } from '../semantic/lossSites';
import { textOf } from '../syntax';

/**
 * LL110: `KLDivLoss` / `F.kl_div` whose target is in the other space than `log_target` says:
 * log-probabilities with `log_target=False` (the default) make the loss NaN; probabilities with
 * `log_target=True` give a wrong divergence without any error.
 * Fix: flip `log_target` (preferred when every use of that criterion has the same mismatch).
 */
export const klDivLogTargetMismatch: Rule = {
  meta: {
    code: 'LL110',
    slug: 'kldiv-log-target-mismatch',
    severity: 'error',
    fixable: 'always',
    messages: {
      logTarget: {
        en: '`{loss}` target `{arg}`{from} holds log-probabilities but log_target=False{how}: they are read as probabilities and the loss is NaN; set log_target=True',
        zh: '`{loss}` 的目标 `{arg}`{from} 是对数概率，但 log_target=False{how}：它们被当作概率读取，损失为 NaN；请设置 log_target=True',
      },
      probTarget: {
        en: '`{loss}` target `{arg}`{from} holds {kind} but log_target=True: they are read as log-probabilities and the divergence is wrong; set log_target=False',
        zh: '`{loss}` 的目标 `{arg}`{from} 是{kind}，但 log_target=True：它们被当作对数概率读取，散度不正确；请设置 log_target=False',
      },
    },
    fixes: {
      flip: { en: 'Set log_target={value}', zh: '设置 log_target={value}' },
    },
    docs: {
      summary: { en: 'KLDivLoss target is log-probabilities without log_target=True, or probabilities with it', zh: 'KLDivLoss 的目标是对数概率却未设 log_target=True，或是概率却设了 log_target=True' },
      why: {
        en: 'KLDivLoss reads its target as probabilities unless log_target=True. A log_softmax target (negative values) then goes through log(target): the loss is NaN and training diverges at the first step. The opposite mistake, probabilities with log_target=True, computes exp(p) * (p - input): a finite number that is not the divergence, so nothing warns. Set log_target to match what the target holds.',
        zh: 'KLDivLoss 默认把目标当作概率读取，除非设置 log_target=True。log_softmax 得到的目标（负值）于是会经过 log(target)：损失为 NaN，训练在第一步就发散。反过来的错误——目标是概率却设了 log_target=True——计算的是 exp(p) * (p - input)：结果有限但不是散度，因此不会有任何警告。请让 log_target 与目标的内容一致。',
      },
      bad: {
        en: "import torch.nn as nn\nimport torch.nn.functional as F\nkl = nn.KLDivLoss(reduction='batchmean')\nloss = kl(F.log_softmax(student(x), dim=1), F.log_softmax(teacher(x), dim=1))  # NaN\n",
        zh: "import torch.nn as nn\nimport torch.nn.functional as F\nkl = nn.KLDivLoss(reduction='batchmean')\nloss = kl(F.log_softmax(student(x), dim=1), F.log_softmax(teacher(x), dim=1))  # NaN\n",
      },
      good: {
        en: "import torch.nn as nn\nimport torch.nn.functional as F\nkl = nn.KLDivLoss(reduction='batchmean', log_target=True)\nloss = kl(F.log_softmax(student(x), dim=1), F.log_softmax(teacher(x), dim=1))\n",
        zh: "import torch.nn as nn\nimport torch.nn.functional as F\nkl = nn.KLDivLoss(reduction='batchmean', log_target=True)\nloss = kl(F.log_softmax(student(x), dim=1), F.log_softmax(teacher(x), dim=1))\n",
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      const mismatch = mismatchOf(ctx, call);
      if (!mismatch) continue;
      const arg = targetOf(call)!;
      const v = tensorValue(s, arg)!;
      const from = fromClause(s, arg, v, { en: 'from', zh: '，来自' });
      const how = call.options.has('log_target') ? { en: '', zh: '' } : { en: ' (the default)', zh: '（默认值）' };
      const kind = v.kind === 'sigmoid' ? { en: 'sigmoid probabilities', zh: 'sigmoid 概率' } : { en: 'softmax probabilities', zh: 'softmax 概率' };
      const fixes: FixReport[] = [];
      const flip = setBoolOption(ctx, call, 'log_target', mismatch === 'logTarget', (u) => mismatchOf(ctx, u) === mismatch);
      if (flip) fixes.push({ id: 'flip', data: { value: mismatch === 'logTarget' ? 'True' : 'False' }, edits: [flip.edit], preferred: flip.safe });
      ctx.report({ node: call.call, related: sourceOf(v), messageId: mismatch, data: { loss: lossLabel(call), arg: textOf(arg), from, how, kind }, fixes });
    }
  },
};

function mismatchOf(ctx: RuleContext, call: LossCall): 'logTarget' | 'probTarget' | undefined {
  if (call.sig.id !== 'klDiv' || ctx.swapped(call)) return undefined;
  const v = tensorValue(ctx.facts.semantics, targetOf(call));
  const logTarget = boolOption(call, 'log_target');
  if (!v || logTarget === undefined) return undefined;
  if (v.kind === 'logProbs' && !logTarget) return 'logTarget';
  if ((v.kind === 'softmax' || v.kind === 'sigmoid') && logTarget) return 'probTarget';
  return undefined;
}
