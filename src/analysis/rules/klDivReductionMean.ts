import type { Rule } from './rule';
import { insertKeyword, lossLabel, quoteFor, replace } from './helpers';
import type { CallArgs } from '../semantic/calls';
import { stringLiteral } from '../semantic/semantics';
import { unparen, type SNode } from '../syntax';

/**
 * LL301: `KLDivLoss` with `reduction='mean'`, explicit or by default. 'mean' divides by every element,
 * not by the batch size, so the value is not the KL divergence (PyTorch warns at each call).
 * Fix: `reduction='batchmean'` (changes the loss scale to the true per-sample KL).
 */
export const klDivReductionMean: Rule = {
  meta: {
    code: 'LL301',
    slug: 'kldiv-reduction-mean',
    severity: 'warning',
    fixable: 'always',
    messages: {
      mean: {
        en: "`{loss}` uses reduction='mean'{how}, which divides by every element, not the batch size; the result is not the KL divergence — use reduction='batchmean'",
        zh: "`{loss}` 使用 reduction='mean'{how}，它除以元素总数而不是批大小，结果不是 KL 散度 —— 请使用 reduction='batchmean'",
      },
    },
    fixes: {
      batchmean: { en: "Use reduction='batchmean' (the true KL divergence; rescales the loss)", zh: "改用 reduction='batchmean'（真正的 KL 散度；会改变损失的尺度）" },
    },
    docs: {
      summary: { en: "KLDivLoss with reduction='mean', explicit or by default (use 'batchmean')", zh: "KLDivLoss 使用 reduction='mean'（显式或默认；请用 'batchmean'）" },
      why: {
        en: "KL divergence sums over the classes of each sample. reduction='mean' (the default) divides that sum by N * C instead of N, so the loss is C times too small, its scale depends on the number of classes, and it is not the KL divergence. PyTorch emits a warning and will change the meaning of 'mean' in a future release. 'batchmean' gives the mathematically correct value.",
        zh: "KL 散度在每个样本的类别上求和。reduction='mean'（默认值）把这个和除以 N * C 而不是 N，于是损失小了 C 倍，尺度依赖类别数，也不是 KL 散度。PyTorch 会给出警告，并将在未来版本中改变 'mean' 的含义。'batchmean' 给出数学上正确的值。",
      },
      bad: {
        en: 'import torch.nn as nn\nkl = nn.KLDivLoss()  # reduction defaults to mean\nloss = kl(log_p, q)\n',
        zh: 'import torch.nn as nn\nkl = nn.KLDivLoss()  # reduction 默认为 mean\nloss = kl(log_p, q)\n',
      },
      good: {
        en: "import torch.nn as nn\nkl = nn.KLDivLoss(reduction='batchmean')\nloss = kl(log_p, q)\n",
        zh: "import torch.nn as nn\nkl = nn.KLDivLoss(reduction='batchmean')\nloss = kl(log_p, q)\n",
      },
    },
  },
  check(ctx) {
    const check = (call: SNode, args: CallArgs, options: ReadonlyMap<string, SNode>, label: string) => {
      // `size_average=None, reduce=None` (as passed positionally) leave `reduction` in charge.
      const legacy = (k: string) => options.has(k) && unparen(options.get(k)!).type !== 'none';
      if (args.hasSplat || legacy('size_average') || legacy('reduce')) return;
      const red = options.get('reduction');
      const value = red ? stringLiteral(red) : 'mean';
      if (value !== 'mean') return;
      const q = quoteFor(call);
      const edit = red ? replace(red, `${q}batchmean${q}`) : insertKeyword(call, 'reduction', `${q}batchmean${q}`);
      const how = red ? { en: '', zh: '' } : { en: ' by default', zh: '（默认值）' };
      ctx.report({ node: call, messageId: 'mean', data: { loss: label, how }, fixes: edit ? [{ id: 'batchmean', edits: [edit], preferred: true }] : [] });
    };
    for (const c of ctx.facts.sites.constructions) if (c.sig.id === 'klDiv') check(c.call, c.args, c.options, c.sig.module);
    for (const c of ctx.facts.sites.calls) {
      if (c.sig.id === 'klDiv' && c.form === 'functional') check(c.call, c.args, c.options, lossLabel(c));
    }
  },
};
