import type { FixReport, Rule, RuleContext } from './rule';
import { inputOf, lossLabel, renameReference, short, stripActivation, tensorValue } from './helpers';
import { cudaAutocastAround } from '../semantic/autocast';
import type { LossCall } from '../semantic/lossSites';
import { child, textOf } from '../syntax';

/**
 * LL305: `nn.BCELoss` / `F.binary_cross_entropy` run inside `torch.autocast(...)` or
 * `torch.cuda.amp.autocast()`. PyTorch refuses it on CUDA ("unsafe to autocast"): the run that turns
 * mixed precision on crashes at the first batch.
 * Fix: on a sigmoid output, `BCEWithLogitsLoss` on the logits (the same loss, computed stably);
 * preferred when this call is the criterion's only use.
 */
export const bceUnderAutocast: Rule = {
  meta: {
    code: 'LL305',
    slug: 'bce-under-autocast',
    severity: 'error',
    fixable: 'sometimes',
    messages: {
      autocast: {
        en: '`{loss}` runs inside `{autocast}`{via}: PyTorch raises "unsafe to autocast" for binary_cross_entropy on CUDA; use `{to}` on the logits',
        zh: '`{loss}` 在 `{autocast}`{via} 内运行：在 CUDA 上 PyTorch 会对 binary_cross_entropy 报错 “unsafe to autocast”；请对 logits 使用 `{to}`',
      },
    },
    fixes: {
      withLogits: { en: 'Switch to `{to}` and pass the logits `{inner}`', zh: '改用 `{to}` 并传入 logits `{inner}`' },
    },
    docs: {
      summary: { en: 'BCELoss or F.binary_cross_entropy inside a CUDA autocast region', zh: 'BCELoss 或 F.binary_cross_entropy 位于 CUDA autocast 区域内' },
      why: {
        en: 'Under CUDA autocast the sigmoid before BCELoss may run in float16, where probabilities round to exactly 0 or 1 and log(p) overflows. PyTorch therefore refuses binary_cross_entropy inside an autocast region on CUDA with a RuntimeError ("unsafe to autocast"), so the mixed-precision run crashes at its first batch even though the float32 run worked. BCEWithLogitsLoss fuses the sigmoid and the log and is safe to autocast: give it the logits.',
        zh: '在 CUDA autocast 下，BCELoss 之前的 sigmoid 可能以 float16 运行，概率会被舍入成恰好 0 或 1，log(p) 溢出。因此 PyTorch 在 CUDA 的 autocast 区域内拒绝 binary_cross_entropy，抛出 RuntimeError（“unsafe to autocast”）：即使 float32 下能跑通，开启混合精度后第一个批次就会崩溃。BCEWithLogitsLoss 把 sigmoid 与 log 融合在一起，可以安全地 autocast：请传入 logits。',
      },
      bad: {
        en: 'import torch\nimport torch.nn as nn\ncriterion = nn.BCELoss()\nwith torch.autocast("cuda"):\n    probs = torch.sigmoid(model(x))\n    loss = criterion(probs, y)  # RuntimeError on CUDA\n',
        zh: 'import torch\nimport torch.nn as nn\ncriterion = nn.BCELoss()\nwith torch.autocast("cuda"):\n    probs = torch.sigmoid(model(x))\n    loss = criterion(probs, y)  # 在 CUDA 上抛出 RuntimeError\n',
      },
      good: {
        en: 'import torch\nimport torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss()\nwith torch.autocast("cuda"):\n    logits = model(x)\n    loss = criterion(logits, y)  # safe to autocast\n',
        zh: 'import torch\nimport torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss()\nwith torch.autocast("cuda"):\n    logits = model(x)\n    loss = criterion(logits, y)  # 可以安全地 autocast\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      if (call.sig.id !== 'bce') continue;
      const region = cudaAutocastAround(s, call.call);
      if (!region) continue;
      const to = call.form === 'module' ? 'BCEWithLogitsLoss' : 'binary_cross_entropy_with_logits';
      const fn = child(region.autocast, 'function');
      const via = region.via ? { en: ` (through \`${short(textOf(region.via))}\`)`, zh: `（经由 \`${short(textOf(region.via))}\`）` } : { en: '', zh: '' };
      const data = { loss: lossLabel(call), autocast: `${fn ? textOf(fn) : 'autocast'}(…)`, via, to };
      const fix = withLogitsFix(ctx, call, to);
      ctx.report({ node: call.call, related: region.autocast, messageId: 'autocast', data, fixes: fix ? [fix] : [] });
    }
  },
};

/** Renames the loss and strips the sigmoid of its input: only when this call is the criterion's only use. */
function withLogitsFix(ctx: RuleContext, call: LossCall, to: string): FixReport | undefined {
  const s = ctx.facts.semantics;
  const arg = inputOf(call);
  const v = tensorValue(s, arg);
  if (!arg || v?.kind !== 'sigmoid' || ctx.swapped(call)) return undefined;
  const strip = stripActivation(s, arg, v, call.call);
  if (!strip) return undefined;
  const c = call.construction;
  if (c && ctx.allCalls().some((u) => u.call !== call.call && u.construction?.call === c.call)) return undefined;
  const ref = child(c ? c.call : call.call, 'function');
  const module = c ? 'torch.nn' : 'torch.nn.functional';
  // Only a reference that names the loss itself (not `cls` bound to it elsewhere) can be renamed.
  if (!ref || s.qualify(ref) !== `${module}.${c ? 'BCELoss' : 'binary_cross_entropy'}`) return undefined;
  const rename = renameReference(s, ref, module, to);
  if (!rename) return undefined;
  return { id: 'withLogits', data: { to, inner: strip.inner }, edits: [rename, strip.edit], preferred: true };
}
