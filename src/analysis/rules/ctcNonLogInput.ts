import type { FixReport, Rule } from './rule';
import { KIND_WORDS, appendMethod, fromClause, inline, inputOf, lossLabel, renameFunction, sourceOf, tensorValue } from './helpers';
import { textOf } from '../syntax';

/**
 * LL111: `CTCLoss` / `F.ctc_loss` whose `log_probs` are raw scores or probabilities. CTC sums
 * `log_probs` along alignments as if they were log-probabilities; anything else gives a loss that is
 * not a likelihood (logits can drive it below zero), and the model learns nothing useful.
 * Fix: `softmax` → `log_softmax`, or `log_softmax(dim=-1)` (the class dimension is last in (T, N, C)).
 */
export const ctcNonLogInput: Rule = {
  meta: {
    code: 'LL111',
    slug: 'ctc-non-log-input',
    severity: 'error',
    fixable: 'sometimes',
    messages: {
      notLog: {
        en: '`{loss}` receives {kind} `{arg}`{from} as log_probs; it expects log_softmax over the class dimension',
        zh: '`{loss}` 的 log_probs 是{kind} `{arg}`{from}；它需要在类别维上做 log_softmax 的结果',
      },
    },
    fixes: {
      rename: { en: 'Use `log_softmax` instead of `softmax`', zh: '用 `log_softmax` 代替 `softmax`' },
      wrap: { en: 'Apply `log_softmax(dim=-1)` to `{arg}`', zh: '对 `{arg}` 应用 `log_softmax(dim=-1)`' },
    },
    docs: {
      summary: { en: 'CTCLoss log_probs are raw logits or probabilities, not log_softmax output', zh: 'CTCLoss 的 log_probs 是原始 logits 或概率，而不是 log_softmax 的输出' },
      why: {
        en: 'CTCLoss adds up its first argument along every alignment of the target as log-probabilities; it normalises nothing. Raw logits make the "likelihood" unbounded, so the loss can fall below zero while the model learns to inflate scores; probabilities are treated as their own logarithms. Either way the network does not learn to transcribe. Apply log_softmax over the class dimension (the last one of (T, N, C)).',
        zh: 'CTCLoss 把第一个参数当作对数概率，沿目标的每条对齐路径相加；它不做任何归一化。传入原始 logits 时“似然”没有上界，损失可以低于零，模型只会学着放大分数；传入概率时概率被当成了自身的对数。两种情况下网络都学不会转写。请在类别维（(T, N, C) 的最后一维）上应用 log_softmax。',
      },
      bad: {
        en: 'import torch.nn as nn\nhead = nn.Linear(256, 30)\nctc = nn.CTCLoss(blank=0)\nlogits = head(features).transpose(0, 1)  # (T, N, C)\nloss = ctc(logits, targets, input_lengths, target_lengths)  # raw logits\n',
        zh: 'import torch.nn as nn\nhead = nn.Linear(256, 30)\nctc = nn.CTCLoss(blank=0)\nlogits = head(features).transpose(0, 1)  # (T, N, C)\nloss = ctc(logits, targets, input_lengths, target_lengths)  # 原始 logits\n',
      },
      good: {
        en: 'import torch.nn as nn\nhead = nn.Linear(256, 30)\nctc = nn.CTCLoss(blank=0)\nlog_probs = head(features).transpose(0, 1).log_softmax(dim=-1)  # (T, N, C)\nloss = ctc(log_probs, targets, input_lengths, target_lengths)\n',
        zh: 'import torch.nn as nn\nhead = nn.Linear(256, 30)\nctc = nn.CTCLoss(blank=0)\nlog_probs = head(features).transpose(0, 1).log_softmax(dim=-1)  # (T, N, C)\nloss = ctc(log_probs, targets, input_lengths, target_lengths)\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      if (call.sig.id !== 'ctc' || ctx.swapped(call)) continue;
      const arg = inputOf(call);
      const v = tensorValue(s, arg);
      if (!arg || !v || !(v.kind in KIND_WORDS)) continue;
      const fixes: FixReport[] = [];
      if (v.kind === 'softmax') {
        const edit = inline(arg, v) ? renameFunction(v.origin!, 'log_softmax') : undefined;
        if (edit) fixes.push({ id: 'rename', edits: [edit], preferred: true });
      } else if (v.kind === 'logits') {
        fixes.push({ id: 'wrap', edits: [appendMethod(arg, 'log_softmax(dim=-1)')], preferred: true });
      }
      const data = { loss: lossLabel(call), arg: textOf(arg), kind: KIND_WORDS[v.kind], from: fromClause(s, arg, v, { en: 'from', zh: '，来自' }) };
      ctx.report({ node: call.call, related: sourceOf(v), messageId: 'notLog', data, fixes });
    }
  },
};
