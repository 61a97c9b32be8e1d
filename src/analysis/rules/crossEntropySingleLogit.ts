import type { Rule } from './rule';
import { inputOf, lossLabel, short, tensorValue } from './helpers';
import { textOf } from '../syntax';

/**
 * LL107: `CrossEntropyLoss` on a model output with one unit. Softmax over a single class is always 1,
 * so the loss is identically 0 and nothing trains. No automatic fix: the right change (one output per
 * class, or BCEWithLogitsLoss with float targets) depends on the task.
 */
export const crossEntropySingleLogit: Rule = {
  meta: {
    code: 'LL107',
    slug: 'cross-entropy-single-logit',
    severity: 'error',
    fixable: 'none',
    messages: {
      single: {
        en: '`{loss}` receives `{arg}` from `{model}`, which has a single output unit; softmax over one class is always 1, so the loss is always 0 — use BCEWithLogitsLoss for a binary task, or one output per class',
        zh: '`{loss}` 接收的 `{arg}` 来自只有一个输出单元的 `{model}`；对单个类别做 softmax 恒为 1，损失恒为 0 —— 二分类请用 BCEWithLogitsLoss，或为每个类别设一个输出',
      },
    },
    fixes: {},
    docs: {
      summary: { en: 'CrossEntropyLoss on a model output with one unit (loss is always 0)', zh: 'CrossEntropyLoss 用在只有一个输出单元的模型上（损失恒为 0）' },
      why: {
        en: 'CrossEntropyLoss normalises the scores over the class dimension. With one unit there is one class: its probability is always 1, the loss is exactly 0 and every gradient is 0, so the model never learns. A binary task needs either BCEWithLogitsLoss on one logit with float targets, or two outputs with CrossEntropyLoss.',
        zh: 'CrossEntropyLoss 在类别维度上归一化分数。只有一个输出单元就只有一个类别：其概率恒为 1，损失恰为 0，梯度也全为 0，模型永远学不到东西。二分类任务要么对单个 logit 使用 BCEWithLogitsLoss 并配合浮点目标，要么输出两个单元并使用 CrossEntropyLoss。',
      },
      bad: {
        en: 'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 1))\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)  # one unit: loss is always 0\n',
        zh: 'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 1))\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)  # 只有一个单元：损失恒为 0\n',
      },
      good: {
        en: 'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 2))\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)  # two classes\n',
        zh: 'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 2))\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)  # 两个类别\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      if (call.sig.id !== 'crossEntropy' || ctx.swapped(call)) continue;
      const arg = inputOf(call);
      const v = tensorValue(s, arg);
      if (!arg || !v || v.width !== 1 || v.kind !== 'logits') continue;
      const model = v.model ?? (v.origin ? short(textOf(v.origin)) : textOf(arg));
      ctx.report({ node: call.call, messageId: 'single', data: { loss: lossLabel(call), arg: short(textOf(arg)), model }, fixes: [] });
    }
  },
};
