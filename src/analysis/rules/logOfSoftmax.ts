import type { FixReport, Rule } from './rule';
import { inline, renameFunction, replace, short, tensorValue } from './helpers';
import { logArgument } from '../semantic/logCalls';
import { startOf, textOf } from '../syntax';
import { applyEdits } from '../diagnostic';

/**
 * LL106: `torch.log(softmax(x))` or `softmax(x).log()`. A probability that underflows to 0 gives
 * `-inf` and NaN gradients; `log_softmax` computes the same values stably.
 * Fix: replace the pair with one `log_softmax` call (when the softmax is written inline).
 */
export const logOfSoftmax: Rule = {
  meta: {
    code: 'LL106',
    slug: 'log-of-softmax',
    severity: 'warning',
    fixable: 'sometimes',
    messages: {
      log: {
        en: '`{call}` takes the log of a softmax output{from}; it underflows to -inf for confident predictions — use log_softmax',
        zh: '`{call}` 对 softmax 的输出{from}取对数；预测很自信时会下溢为 -inf —— 请使用 log_softmax',
      },
    },
    fixes: {
      merge: { en: 'Replace with `{replacement}`', zh: '替换为 `{replacement}`' },
    },
    docs: {
      summary: { en: 'torch.log / .log() of a softmax output (unstable; use log_softmax)', zh: '对 softmax 输出使用 torch.log / .log()（数值不稳定；请用 log_softmax）' },
      why: {
        en: 'softmax rounds very small probabilities to exactly 0 in float32, and log(0) is -inf; the loss becomes inf or NaN and training diverges. log_softmax computes x - logsumexp(x) directly and never underflows. The values are the same wherever the naive version works.',
        zh: '在 float32 中 softmax 会把极小的概率舍入为 0，而 log(0) 为 -inf；损失变成 inf 或 NaN，训练发散。log_softmax 直接计算 x - logsumexp(x)，不会下溢。在朴素写法能工作的地方，两者数值相同。',
      },
      bad: {
        en: 'import torch\nimport torch.nn.functional as F\nlog_probs = torch.log(F.softmax(logits, dim=-1))  # -inf when a probability underflows\n',
        zh: 'import torch\nimport torch.nn.functional as F\nlog_probs = torch.log(F.softmax(logits, dim=-1))  # 概率下溢时得到 -inf\n',
      },
      good: {
        en: 'import torch\nimport torch.nn.functional as F\nlog_probs = F.log_softmax(logits, dim=-1)\n',
        zh: 'import torch\nimport torch.nn.functional as F\nlog_probs = F.log_softmax(logits, dim=-1)\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.logCalls) {
      const arg = logArgument(s, call);
      const v = tensorValue(s, arg);
      // An epsilon or a clamp keeps the log finite: a choice made on purpose, not this bug.
      if (!arg || v?.kind !== 'softmax' || !v.origin || v.guarded) continue;
      const fixes: FixReport[] = [];
      // Only a bare softmax call can merge into log_softmax (`inner` is its input; a clamp or an epsilon has none).
      if (inline(arg, v) && v.inner) {
        const rename = renameFunction(v.origin, 'log_softmax');
        if (rename) {
          // The softmax call's own text with the rename applied replaces the whole log(...) call.
          const at = startOf(v.origin);
          const replacement = applyEdits(textOf(v.origin), [{ ...rename, start: rename.start - at, end: rename.end - at }]);
          fixes.push({ id: 'merge', data: { replacement: short(replacement) }, edits: [replace(call, replacement)], preferred: true });
        }
      }
      const from = inline(arg, v) ? { en: '', zh: '' } : { en: ` (\`${short(textOf(arg))}\`)`, zh: `（\`${short(textOf(arg))}\`）` };
      ctx.report({ node: call, messageId: 'log', data: { call: short(textOf(call)), from }, fixes });
    }
  },
};

