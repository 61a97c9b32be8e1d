import type { FixReport, Rule, RuleContext } from './rule';
import { fromClause, inputOf, lossLabel, sourceOf, tensorValue } from './helpers';
import { boolOption, setBoolOption } from './boolOption';
import type { LossCall } from '../semantic/lossSites';
import { textOf } from '../syntax';

/**
 * LL112: `PoissonNLLLoss` / `F.poisson_nll_loss` whose input is in the other space than `log_input`
 * says: a positive rate (`exp`, `softplus`, `relu` output) with `log_input=True` (the default) is
 * exponentiated again; raw linear scores with `log_input=False` go into log(x), NaN once negative.
 * Fix: flip `log_input` (preferred when every use of that criterion has the same mismatch).
 */
export const poissonLogInputMismatch: Rule = {
  meta: {
    code: 'LL112',
    slug: 'poisson-log-input-mismatch',
    severity: 'error',
    fixable: 'always',
    messages: {
      rate: {
        en: '`{loss}` receives the positive rate `{arg}`{from} but log_input=True{how}: it is read as a log-rate and exponentiated again; set log_input=False',
        zh: '`{loss}` 接收的是正的速率 `{arg}`{from}，但 log_input=True{how}：它被当作对数速率再取一次指数；请设置 log_input=False',
      },
      scores: {
        en: '`{loss}` receives raw scores `{arg}`{from} but log_input=False: they are read as rates and log of a negative score is NaN; set log_input=True',
        zh: '`{loss}` 接收的是原始分数 `{arg}`{from}，但 log_input=False：它们被当作速率读取，负分数的对数为 NaN；请设置 log_input=True',
      },
    },
    fixes: {
      flip: { en: 'Set log_input={value}', zh: '设置 log_input={value}' },
    },
    docs: {
      summary: { en: 'PoissonNLLLoss log_input does not match its input (a rate with log_input=True, scores with False)', zh: 'PoissonNLLLoss 的 log_input 与输入不符（速率配 log_input=True，或分数配 False）' },
      why: {
        en: 'With log_input=True (the default) PoissonNLLLoss takes the log of the rate and computes exp(input) - target * input. A model that already outputs a rate through exp, softplus or relu then has it exponentiated a second time: predictions explode and the fitted rates are wrong. With log_input=False the input is the rate itself and goes through log(input + eps): raw linear scores, negative half the time, give NaN. Set log_input to what the model outputs.',
        zh: 'log_input=True（默认）时 PoissonNLLLoss 的输入是速率的对数，计算 exp(input) - target * input。若模型已经通过 exp、softplus 或 relu 输出速率，就会被再取一次指数：预测值爆炸，拟合出的速率也是错的。log_input=False 时输入就是速率本身，会经过 log(input + eps)：原始线性分数有一半时候为负，得到 NaN。请让 log_input 与模型的输出一致。',
      },
      bad: {
        en: 'import torch\nimport torch.nn as nn\ncriterion = nn.PoissonNLLLoss()  # log_input=True\nrate = torch.exp(model(x))\nloss = criterion(rate, counts)  # exp applied twice\n',
        zh: 'import torch\nimport torch.nn as nn\ncriterion = nn.PoissonNLLLoss()  # log_input=True\nrate = torch.exp(model(x))\nloss = criterion(rate, counts)  # 两次 exp\n',
      },
      good: {
        en: 'import torch\nimport torch.nn as nn\ncriterion = nn.PoissonNLLLoss(log_input=False)\nrate = torch.exp(model(x))\nloss = criterion(rate, counts)\n',
        zh: 'import torch\nimport torch.nn as nn\ncriterion = nn.PoissonNLLLoss(log_input=False)\nrate = torch.exp(model(x))\nloss = criterion(rate, counts)\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      const mismatch = mismatchOf(ctx, call);
      if (!mismatch) continue;
      const arg = inputOf(call)!;
      const v = tensorValue(s, arg)!;
      const from = fromClause(s, arg, v, { en: 'from', zh: '，来自' });
      const how = call.options.has('log_input') ? { en: '', zh: '' } : { en: ' (the default)', zh: '（默认值）' };
      const fixes: FixReport[] = [];
      const flip = setBoolOption(ctx, call, 'log_input', mismatch === 'scores', (u) => mismatchOf(ctx, u) === mismatch);
      if (flip) fixes.push({ id: 'flip', data: { value: mismatch === 'scores' ? 'True' : 'False' }, edits: [flip.edit], preferred: flip.safe });
      ctx.report({ node: call.call, related: sourceOf(v), messageId: mismatch, data: { loss: lossLabel(call), arg: textOf(arg), from, how }, fixes });
    }
  },
};

function mismatchOf(ctx: RuleContext, call: LossCall): 'rate' | 'scores' | undefined {
  if (call.sig.id !== 'poissonNll' || ctx.swapped(call)) return undefined;
  const v = tensorValue(ctx.facts.semantics, inputOf(call));
  const logInput = boolOption(call, 'log_input');
  if (!v || logInput === undefined) return undefined;
  if (v.kind === 'positive' && logInput) return 'rate';
  if (v.kind === 'logits' && !logInput) return 'scores';
  return undefined;
}
