import type { FixReport, Rule } from './rule';
import { appendMethod, fromClause, inline, lossLabel, replace, tensorValue, targetOf, sourceOf } from './helpers';
import { child, textOf, unparen } from '../syntax';

/**
 * LL201: a hard one-hot target for `CrossEntropyLoss` / `NLLLoss` (and functionals). NLLLoss rejects it
 * outright; CrossEntropyLoss reads a float one-hot as class probabilities, which works only by accident
 * and breaks `ignore_index`, class `weight` semantics and speed. Soft or smoothed targets made on purpose
 * are arithmetic on the one-hot, so they are never `oneHot` and never flagged.
 * Fix: drop the `one_hot` (preferred when it is inline), else `.argmax(dim=1)`.
 */
export const oneHotCrossEntropyTarget: Rule = {
  meta: {
    code: 'LL201',
    slug: 'one-hot-target-cross-entropy',
    severity: 'error',
    fixable: 'always',
    messages: {
      oneHot: {
        en: '`{loss}` target `{arg}`{from} is a one-hot encoding; it expects class indices of shape (N,)',
        zh: '`{loss}` 的目标 `{arg}`{from} 是 one-hot 编码；它需要形状为 (N,) 的类别索引',
      },
    },
    fixes: {
      drop: { en: 'Pass the class indices `{indices}` instead', zh: '改为传入类别索引 `{indices}`' },
      argmax: { en: 'Convert the target to indices with `.argmax(dim=1)`', zh: '用 `.argmax(dim=1)` 把目标转换为索引' },
    },
    docs: {
      summary: { en: 'CrossEntropyLoss / NLLLoss target is a one-hot encoding instead of class indices', zh: 'CrossEntropyLoss / NLLLoss 的目标是 one-hot 编码而不是类别索引' },
      why: {
        en: 'CrossEntropyLoss and NLLLoss take class indices (N,) as targets. NLLLoss raises on a one-hot (N, C) target; CrossEntropyLoss silently reinterprets a float one-hot as class probabilities, which disables ignore_index, changes how class weights normalise, and is slower. An integer one-hot raises. Pass the indices you built the one-hot from.',
        zh: 'CrossEntropyLoss 和 NLLLoss 的目标是形状为 (N,) 的类别索引。NLLLoss 遇到 (N, C) 的 one-hot 目标会报错；CrossEntropyLoss 会把浮点 one-hot 悄悄当成类别概率，这会让 ignore_index 失效、改变类别权重的归一化方式，而且更慢。整数 one-hot 则直接报错。请传入构造 one-hot 之前的索引。',
      },
      bad: {
        en: 'import torch.nn as nn\nimport torch.nn.functional as F\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(logits, F.one_hot(labels, num_classes=10).float())  # one-hot target\n',
        zh: 'import torch.nn as nn\nimport torch.nn.functional as F\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(logits, F.one_hot(labels, num_classes=10).float())  # one-hot 目标\n',
      },
      good: {
        en: 'import torch.nn as nn\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(logits, labels)  # class indices\n',
        zh: 'import torch.nn as nn\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(logits, labels)  # 类别索引\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      if ((call.sig.id !== 'crossEntropy' && call.sig.id !== 'nll') || ctx.swapped(call)) continue;
      const arg = targetOf(call);
      const v = tensorValue(s, arg);
      if (!arg || v?.kind !== 'oneHot') continue;
      const fixes: FixReport[] = [];
      // `F.one_hot(y, C)` or `F.one_hot(y, C).float()` written in the call: pass `y`.
      const inner = v.inner && (inline(arg, v) || castOf(arg) === v.origin) ? v.inner : undefined;
      if (inner) fixes.push({ id: 'drop', data: { indices: textOf(inner) }, edits: [replace(arg, textOf(inner))], preferred: true });
      else fixes.push({ id: 'argmax', edits: [appendMethod(arg, 'argmax(dim=1)')], preferred: true });
      const from = fromClause(s, arg, v, { en: 'from', zh: '，来自' });
      ctx.report({ node: call.call, related: sourceOf(v), messageId: 'oneHot', data: { loss: lossLabel(call), arg: textOf(arg), from }, fixes });
    }
  },
};

/** For `x.float()` / `x.long()` / `x.to(...)`, the `x`. */
function castOf(arg: Parameters<typeof unparen>[0]) {
  const a = unparen(arg);
  if (a.type !== 'call') return undefined;
  const fn = child(a, 'function');
  if (fn?.type !== 'attribute' || !/^(float|long|double|to|type)$/.test(textOf(child(fn, 'attribute') ?? fn))) return undefined;
  const obj = child(fn, 'object');
  return obj ? unparen(obj) : undefined;
}
