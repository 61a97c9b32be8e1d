import type { Rule } from './rule';
import { inputOf, lossLabel, short, tensorValue, targetOf } from './helpers';
import { child, namedChildren, textOf, unparen, type SNode } from '../syntax';
import { callArgs, intLiteral } from '../semantic/callArgs';
import type { Semantics } from '../semantic/semantics';

/**
 * LL204: `MSELoss` between multi-class scores (N, C > 1) and integer class labels (N,). The labels
 * broadcast against every column, so the model is pushed to output the label's number in each unit,
 * treating classes as ordered magnitudes. No fix: the usual cure is CrossEntropyLoss, a different loss.
 */
/**
 * `y.float()` written in the loss call itself on integer class indices: mse_loss rejects a Long
 * target, so people add the cast there to make the bug run. (A float tensor made earlier says less.)
 */
const RESHAPES = new Set(['unsqueeze', 'squeeze', 'view', 'reshape', 'flatten']);

/** `-1`, `1`, … as a number. */
function signedInt(n: SNode | undefined): number | undefined {
  if (!n) return undefined;
  const u = unparen(n);
  if (u.type === 'unary_operator' && textOf(u).startsWith('-')) {
    const v = intLiteral(namedChildren(u)[0]);
    return v === undefined ? undefined : -v;
  }
  return intLiteral(u);
}

/** `.unsqueeze(1)`, `.unsqueeze(-1)`, `.view(-1, 1)`, `.reshape(-1, 1)`: a vector made a column. */
function makesColumn(method: string, args: readonly SNode[]): boolean {
  if (method === 'unsqueeze') return args.length === 1 && [1, -1].includes(signedInt(args[0]) ?? 0);
  if (method === 'view' || method === 'reshape') return args.length === 2 && signedInt(args[0]) === -1 && signedInt(args[1]) === 1;
  return false;
}

function castInCall(s: Semantics, target: SNode): boolean {
  let t = unparen(target);
  // `y.float().unsqueeze(1)`, `y.float().view(-1, 1)`: the cast is still made at the call, and a
  // cast label turned into a column is a class label whatever its dtype was.
  let column = false;
  for (;;) {
    const f = t.type === 'call' ? child(t, 'function') : undefined;
    const o = f?.type === 'attribute' ? child(f, 'object') : undefined;
    if (!o || !RESHAPES.has(textOf(child(f!, 'attribute') ?? f!))) break;
    if (makesColumn(textOf(child(f!, 'attribute') ?? f!), callArgs(t).positional)) column = true;
    t = unparen(o);
  }
  const fn = t.type === 'call' ? child(t, 'function') : undefined;
  const obj = fn?.type === 'attribute' ? child(fn, 'object') : undefined;
  if (!obj || !/^(float|double|half)$/.test(textOf(child(fn!, 'attribute') ?? fn!))) return false;
  if (column && t !== unparen(target)) return true;
  const v = s.valueOf(obj);
  return v.t === 'tensor' && v.int === true && v.kind === 'indices';
}

export const mseOnClassLabels: Rule = {
  meta: {
    code: 'LL204',
    slug: 'mse-on-class-labels',
    severity: 'warning',
    fixable: 'none',
    messages: {
      labels: {
        en: '`{loss}` compares {width}-way scores `{arg}` with class-index labels `{target}`; the labels broadcast over every class column — use CrossEntropyLoss for classification',
        zh: '`{loss}` 把 {width} 路分数 `{arg}` 与类别索引标签 `{target}` 比较；标签会广播到每个类别列 —— 分类任务请使用 CrossEntropyLoss',
      },
    },
    fixes: {},
    docs: {
      summary: { en: 'MSELoss between multi-class scores (N, C>1) and integer class labels', zh: 'MSELoss 用在多类分数 (N, C>1) 与整数类别标签之间' },
      why: {
        en: 'With input (N, C) and target (N,) of class indices, MSELoss broadcasts the target across the C columns (with a warning, or an error for other shapes). Every output unit is pushed towards the class number, as if class 7 were "more" than class 2; the model cannot learn a classifier this way. Use CrossEntropyLoss on the scores, or one-hot the labels if a regression onto indicators is really intended.',
        zh: '当输入为 (N, C)、目标为 (N,) 的类别索引时，MSELoss 会把目标广播到 C 列（会给出警告，其他形状则报错）。每个输出单元都被推向类别编号，好像类别 7 比类别 2 “更大”；这样学不出分类器。请对分数使用 CrossEntropyLoss；如果确实要回归到指示向量，请先把标签转为 one-hot。',
      },
      bad: {
        en: 'import torch\nimport torch.nn as nn\nmodel = nn.Linear(64, 10)\ny = torch.randint(0, 10, (32,))\nloss = nn.MSELoss()(model(x), y)  # 10 scores vs. one class index\n',
        zh: 'import torch\nimport torch.nn as nn\nmodel = nn.Linear(64, 10)\ny = torch.randint(0, 10, (32,))\nloss = nn.MSELoss()(model(x), y)  # 10 个分数对一个类别索引\n',
      },
      good: {
        en: 'import torch\nimport torch.nn as nn\nmodel = nn.Linear(64, 10)\ny = torch.randint(0, 10, (32,))\nloss = nn.CrossEntropyLoss()(model(x), y)\n',
        zh: 'import torch\nimport torch.nn as nn\nmodel = nn.Linear(64, 10)\ny = torch.randint(0, 10, (32,))\nloss = nn.CrossEntropyLoss()(model(x), y)\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      if (call.sig.id !== 'mse' || ctx.swapped(call)) continue;
      const input = inputOf(call);
      const target = targetOf(call);
      const vi = tensorValue(s, input);
      const vt = tensorValue(s, target);
      if (!input || !target || !vi || !vt) continue;
      const multi = (vi.width !== undefined && vi.width > 1) || (vi.widthName !== undefined && /class|label|categor/i.test(vi.widthName));
      const labels = (vt.int === true && vt.kind !== 'oneHot' && vt.kind !== 'labels01') || castInCall(s, target);
      if (!multi || !labels || vi.kind !== 'logits') continue;
      ctx.report({
        node: call.call,
        messageId: 'labels',
        data: { loss: lossLabel(call), arg: short(textOf(input)), target: short(textOf(target)), width: vi.width !== undefined ? String(vi.width) : vi.widthName! },
        fixes: [],
      });
    }
  },
};
