import type { Rule } from './rule';
import { lossLabel, replace } from './helpers';
import { textOf } from '../syntax';

/**
 * LL304: `criterion(labels, outputs)`: the target passed where the input goes. Most losses are not
 * symmetric (cross-entropy takes scores then indices; BCE takes probabilities then labels), so this
 * raises a shape/dtype error or, when shapes agree, trains on a meaningless quantity. Keyword calls and
 * project-defined losses are not concerned; when this fires no other input/target rule reports the call.
 * Fix: swap the two arguments.
 */
export const swappedLossArguments: Rule = {
  meta: {
    code: 'LL304',
    slug: 'swapped-loss-arguments',
    severity: 'error',
    fixable: 'always',
    messages: {
      swapped: {
        en: '`{loss}` is called as ({first}, {second}), which looks like (target, input); it takes the input first: ({second}, {first})',
        zh: '`{loss}` 的调用形式为 ({first}, {second})，看起来是 (target, input)；它要求先传输入：({second}, {first})',
      },
    },
    fixes: {
      swap: { en: 'Swap the arguments: ({second}, {first})', zh: '交换参数：({second}, {first})' },
    },
    docs: {
      summary: { en: 'Loss arguments passed in (target, input) order', zh: '损失函数参数按 (target, input) 的顺序传入' },
      why: {
        en: 'Loss functions take the prediction first and the target second. With the order reversed, CrossEntropyLoss reads class indices as scores (a shape or dtype error, or a wrong loss if shapes happen to match), BCELoss treats labels as probabilities and predictions as labels, and gradients flow into the labels instead of the model.',
        zh: '损失函数先接收预测、再接收目标。顺序颠倒时，CrossEntropyLoss 会把类别索引当作分数（形状或 dtype 报错，或在形状恰好匹配时给出错误的损失），BCELoss 会把标签当作概率、把预测当作标签，梯度也会流向标签而不是模型。',
      },
      bad: {
        en: 'import torch.nn as nn\ncriterion = nn.CrossEntropyLoss()\noutputs = model(images)\nloss = criterion(labels, outputs)  # target first\n',
        zh: 'import torch.nn as nn\ncriterion = nn.CrossEntropyLoss()\noutputs = model(images)\nloss = criterion(labels, outputs)  # 目标放在了前面\n',
      },
      good: {
        en: 'import torch.nn as nn\ncriterion = nn.CrossEntropyLoss()\noutputs = model(images)\nloss = criterion(outputs, labels)\n',
        zh: 'import torch.nn as nn\ncriterion = nn.CrossEntropyLoss()\noutputs = model(images)\nloss = criterion(outputs, labels)\n',
      },
    },
  },
  check(ctx) {
    for (const call of ctx.facts.sites.calls) {
      if (!ctx.swapped(call)) continue;
      const [a, b] = call.args.positional;
      const first = textOf(a);
      const second = textOf(b);
      ctx.report({
        node: call.call,
        messageId: 'swapped',
        data: { loss: lossLabel(call), first, second },
        fixes: [{ id: 'swap', edits: [replace(a, second), replace(b, first)], preferred: true }],
      });
    }
  },
};
