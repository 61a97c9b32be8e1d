import type { FixReport, Rule, RuleContext } from './rule';
import { appendMethod, fromClause, inputOf, lossLabel, renameReference, tensorValue, sourceOf } from './helpers';
import type { LossCall } from '../semantic/lossSites';
import { child, textOf } from '../syntax';

/**
 * LL101: `BCELoss` / `F.binary_cross_entropy` fed raw scores. BCE takes probabilities; logits outside
 * [0, 1] make it raise or, worse, train on a clamped, meaningless loss.
 * Fix: switch to the with-logits form (preferred when every use of that criterion gets logits), or
 * apply a sigmoid to the input.
 */
export const bceOnLogits: Rule = {
  meta: {
    code: 'LL101',
    slug: 'bce-on-logits',
    severity: 'error',
    fixable: 'always',
    messages: {
      logits: {
        en: '`{loss}` receives raw logits `{arg}`{from} with no sigmoid; it expects probabilities in [0, 1]',
        zh: '`{loss}` 接收的是未经 sigmoid 的原始 logits `{arg}`{from}；它需要 [0, 1] 区间内的概率',
      },
    },
    fixes: {
      withLogits: { en: 'Switch to `{to}` (applies the sigmoid inside, stably)', zh: '改用 `{to}`（在内部以数值稳定的方式应用 sigmoid）' },
      sigmoid: { en: 'Apply a sigmoid to `{arg}` (keeps {loss}; less stable)', zh: '对 `{arg}` 应用 sigmoid（保留 {loss}；数值稳定性较差）' },
    },
    docs: {
      summary: { en: 'BCELoss or F.binary_cross_entropy receives unbounded scores', zh: 'BCELoss 或 F.binary_cross_entropy 接收了无界的分数' },
      why: {
        en: 'Binary cross-entropy computes log(p) and log(1 - p), so its input must be a probability. A model that ends in a Linear layer outputs logits; BCELoss then raises on values outside [0, 1] or silently trains on a clamped loss. BCEWithLogitsLoss applies the sigmoid inside with the log-sum-exp trick and is the stable choice.',
        zh: '二元交叉熵计算 log(p) 与 log(1 - p)，因此输入必须是概率。以 Linear 层结尾的模型输出的是 logits；BCELoss 遇到 [0, 1] 之外的值会报错，或在被截断的损失上悄悄训练。BCEWithLogitsLoss 在内部用 log-sum-exp 技巧应用 sigmoid，是数值稳定的选择。',
      },
      bad: {
        en: 'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(16, 1))\ncriterion = nn.BCELoss()\nlogits = model(x)\nloss = criterion(logits, y)  # logits are not probabilities\n',
        zh: 'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(16, 1))\ncriterion = nn.BCELoss()\nlogits = model(x)\nloss = criterion(logits, y)  # logits 不是概率\n',
      },
      good: {
        en: 'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(16, 1))\ncriterion = nn.BCEWithLogitsLoss()\nlogits = model(x)\nloss = criterion(logits, y)  # sigmoid applied inside\n',
        zh: 'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(16, 1))\ncriterion = nn.BCEWithLogitsLoss()\nlogits = model(x)\nloss = criterion(logits, y)  # 在内部应用 sigmoid\n',
      },
    },
  },
  check(ctx: RuleContext) {
    const s = ctx.facts.semantics;
    const logitCalls = ctx.facts.sites.calls.filter((c) => receivesLogits(ctx, c));
    for (const call of logitCalls) {
      const arg = inputOf(call)!;
      const v = tensorValue(s, arg)!;
      const from = fromClause(s, arg, v, { en: 'from', zh: '，来自' });
      const data = { loss: lossLabel(call), arg: textOf(arg), from };
      const fixes: FixReport[] = [];
      const switched = switchFix(ctx, call, logitCalls);
      if (switched) fixes.push(switched);
      fixes.push({ id: 'sigmoid', data, edits: [appendMethod(arg, 'sigmoid()')], preferred: !switched?.preferred });
      ctx.report({ node: call.call, related: sourceOf(v), messageId: 'logits', data, fixes });
    }
  },
};

function receivesLogits(ctx: RuleContext, c: LossCall): boolean {
  if (c.sig.id !== 'bce' || ctx.swapped(c)) return false;
  return tensorValue(ctx.facts.semantics, inputOf(c))?.kind === 'logits';
}

/** Renames the construction or functional to the with-logits form; preferred only when no other use needs BCE. */
function switchFix(ctx: RuleContext, call: LossCall, logitCalls: LossCall[]): FixReport | undefined {
  const s = ctx.facts.semantics;
  if (call.form === 'module') {
    const c = call.construction;
    const fn = c && child(c.call, 'function');
    const edit = fn && renameReference(s, fn, 'torch.nn', 'BCEWithLogitsLoss');
    if (!edit) return undefined;
    // Uses can be anywhere in the file (methods of a class, a training loop elsewhere).
    const uses = ctx.allCalls().filter((u) => u.construction?.call === c!.call);
    const safe = uses.every((u) => logitCalls.includes(u) || receivesLogits(ctx, u));
    return { id: 'withLogits', data: { to: 'BCEWithLogitsLoss' }, edits: [edit], preferred: safe };
  }
  const fn = child(call.call, 'function');
  const edit = fn && renameReference(s, fn, 'torch.nn.functional', 'binary_cross_entropy_with_logits');
  if (!edit) return undefined;
  return { id: 'withLogits', data: { to: 'binary_cross_entropy_with_logits' }, edits: [edit], preferred: true };
}
