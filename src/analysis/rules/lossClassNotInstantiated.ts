import type { Rule } from './rule';
import { insertAfter, short } from './helpers';
import { textOf } from '../syntax';

/**
 * LL303: a loss class called with tensors. `nn.MSELoss(pred, y)` builds a module with `pred` as
 * `size_average` (or fails); `criterion = nn.MSELoss` then `criterion(pred, y)` does the same. Either
 * way no loss is computed.
 * Fix: add the missing `()` where the class is named.
 */
export const lossClassNotInstantiated: Rule = {
  meta: {
    code: 'LL303',
    slug: 'loss-class-not-instantiated',
    severity: 'error',
    fixable: 'always',
    messages: {
      direct: {
        en: '`{call}` passes tensors to the `{loss}` constructor; create the loss first: `{ref}()(…)`',
        zh: '`{call}` 把张量传给了 `{loss}` 的构造函数；请先创建损失对象：`{ref}()(…)`',
      },
      variable: {
        en: '`{call}` calls the class `{loss}` with tensors: `{ref}` is assigned without `()`',
        zh: '`{call}` 用张量调用了类 `{loss}`：`{ref}` 赋值时缺少 `()`',
      },
    },
    fixes: {
      parens: { en: 'Instantiate the loss: `{ref}()`', zh: '实例化损失：`{ref}()`' },
    },
    docs: {
      summary: { en: 'A loss class is called with tensors instead of being instantiated first', zh: '损失类未实例化就直接用张量调用' },
      why: {
        en: 'torch.nn losses are modules: the class must be instantiated, then the instance is called with the tensors. Calling the class with tensors passes them as constructor options (size_average, reduce, weight…), which raises a confusing error or, worse, returns a module instead of a loss value.',
        zh: 'torch.nn 中的损失是模块：必须先实例化类，再用张量调用实例。直接用张量调用类会把它们当作构造选项（size_average、reduce、weight 等）传入，会引发令人困惑的错误，更糟的情况下返回的是一个模块而不是损失值。',
      },
      bad: {
        en: 'import torch.nn as nn\ncriterion = nn.MSELoss  # missing ()\nloss = criterion(pred, target)\n',
        zh: 'import torch.nn as nn\ncriterion = nn.MSELoss  # 缺少 ()\nloss = criterion(pred, target)\n',
      },
      good: {
        en: 'import torch.nn as nn\ncriterion = nn.MSELoss()\nloss = criterion(pred, target)\n',
        zh: 'import torch.nn as nn\ncriterion = nn.MSELoss()\nloss = criterion(pred, target)\n',
      },
    },
  },
  check(ctx) {
    for (const u of ctx.facts.sites.uninstantiated) {
      const ref = textOf(u.ref);
      ctx.report({
        node: u.call,
        messageId: u.direct ? 'direct' : 'variable',
        data: { call: short(textOf(u.call)), loss: u.sig.module, ref },
        fixes: [{ id: 'parens', data: { ref }, edits: [insertAfter(u.ref, '()')], preferred: true }],
      });
    }
  },
};
