import type { FixReport, Rule } from './rule';
import { fromClause, inputOf, lossLabel, renameReference, stripActivation, tensorValue, sourceOf } from './helpers';
import { child, textOf } from '../syntax';

/**
 * LL102: a sigmoid before `BCEWithLogitsLoss`, which applies its own: the loss sees sigmoid(sigmoid(x)),
 * squeezed into [0.5, 0.73], and gradients nearly vanish.
 * Fix: remove the sigmoid (preferred); or keep it and switch to `BCELoss`.
 */
export const sigmoidBeforeBceWithLogits: Rule = {
  meta: {
    code: 'LL102',
    slug: 'sigmoid-before-bce-with-logits',
    severity: 'error',
    fixable: 'always',
    messages: {
      sigmoid: {
        en: '`{loss}` receives `{arg}`{from}, already passed through a sigmoid; it applies its own sigmoid, so the model trains on sigmoid(sigmoid(x))',
        zh: '`{loss}` 接收的 `{arg}`{from} 已经过 sigmoid；它自身还会再应用一次 sigmoid，模型实际在 sigmoid(sigmoid(x)) 上训练',
      },
    },
    fixes: {
      strip: { en: 'Remove the sigmoid: pass `{inner}`', zh: '去掉 sigmoid：传入 `{inner}`' },
      toBce: { en: 'Switch to `BCELoss` (keeps the sigmoid; less stable)', zh: '改用 `BCELoss`（保留 sigmoid；数值稳定性较差）' },
    },
    docs: {
      summary: { en: 'BCEWithLogitsLoss receives sigmoid output (double sigmoid)', zh: 'BCEWithLogitsLoss 接收了 sigmoid 输出（两次 sigmoid）' },
      why: {
        en: 'BCEWithLogitsLoss expects raw logits and applies the sigmoid itself. Feeding it probabilities applies the sigmoid twice: every prediction lands in [0.5, 0.73], the loss can never reach zero and the gradients shrink, so the model learns slowly or not at all.',
        zh: 'BCEWithLogitsLoss 需要原始 logits，并自行应用 sigmoid。传入概率会导致两次 sigmoid：所有预测都落在 [0.5, 0.73]，损失无法降到零，梯度变小，模型学得很慢甚至学不动。',
      },
      bad: {
        en: 'import torch\nimport torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss()\nloss = criterion(torch.sigmoid(model(x)), y)  # sigmoid applied twice\n',
        zh: 'import torch\nimport torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss()\nloss = criterion(torch.sigmoid(model(x)), y)  # sigmoid 被应用两次\n',
      },
      good: {
        en: 'import torch\nimport torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss()\nloss = criterion(model(x), y)  # raw logits\n',
        zh: 'import torch\nimport torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss()\nloss = criterion(model(x), y)  # 原始 logits\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      if (call.sig.id !== 'bceWithLogits' || ctx.swapped(call)) continue;
      const arg = inputOf(call);
      const v = tensorValue(s, arg);
      if (!arg || v?.kind !== 'sigmoid') continue;
      const fixes: FixReport[] = [];
      const strip = stripActivation(s, arg, v, call.call);
      if (strip) fixes.push({ id: 'strip', data: { inner: strip.inner }, edits: [strip.edit], preferred: true });
      const fn = call.form === 'module' ? call.construction && child(call.construction.call, 'function') : child(call.call, 'function');
      const toBce = fn && renameReference(s, fn, call.form === 'module' ? 'torch.nn' : 'torch.nn.functional', call.form === 'module' ? 'BCELoss' : 'binary_cross_entropy');
      if (toBce) fixes.push({ id: 'toBce', edits: [toBce], preferred: !strip });
      const from = fromClause(s, arg, v, { en: 'from', zh: '，来自' });
      ctx.report({ node: call.call, related: sourceOf(v), messageId: 'sigmoid', data: { loss: lossLabel(call), arg: textOf(arg), from }, fixes });
    }
  },
};
