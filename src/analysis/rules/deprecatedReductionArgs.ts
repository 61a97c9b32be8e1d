import type { Rule } from './rule';
import { quoteFor, replace } from './helpers';
import type { CallArgs } from '../semantic/calls';
import { child, textOf, unparen, type SNode } from '../syntax';

/** PyTorch's `_Reduction.legacy_get_string`: None counts as True for both flags. */
function legacyReduction(sizeAverage: boolean, reduce: boolean): string {
  if (!reduce) return 'none';
  return sizeAverage ? 'mean' : 'sum';
}

function flag(n: SNode | undefined): boolean | undefined | 'unknown' {
  if (!n) return undefined;
  const t = unparen(n).type;
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'none') return undefined;
  return 'unknown';
}

/**
 * LL302: the deprecated `size_average=` / `reduce=` keywords. They override `reduction` whenever
 * either is given, which silently discards an explicit `reduction=`; PyTorch warns on every construction.
 * Fix: the equivalent `reduction=` (same behaviour), when the flags are literals.
 */
export const deprecatedReductionArgs: Rule = {
  meta: {
    code: 'LL302',
    slug: 'deprecated-reduction-args',
    severity: 'warning',
    fixable: 'sometimes',
    messages: {
      legacy: {
        en: '`{loss}` is given the deprecated {names}; use reduction= instead{equivalent}',
        zh: '`{loss}` 使用了已弃用的 {names}；请改用 reduction 参数{equivalent}',
      },
    },
    fixes: {
      reduction: { en: "Replace with reduction='{value}' (same behaviour)", zh: "替换为 reduction='{value}'（行为相同）" },
    },
    docs: {
      summary: { en: 'size_average= / reduce= passed to a loss (deprecated)', zh: '向损失函数传入 size_average= / reduce=（已弃用）' },
      why: {
        en: "size_average and reduce were replaced by reduction in PyTorch 0.4. When either is passed it takes precedence over reduction, so reduction='sum' next to size_average=True is silently ignored, and every construction prints a deprecation warning. reduce=False is reduction='none'; otherwise size_average=False is 'sum' and True (or None) is 'mean'.",
        zh: "size_average 和 reduce 自 PyTorch 0.4 起已被 reduction 取代。只要传入其中之一，它就会覆盖 reduction，因此与 size_average=True 同时给出的 reduction='sum' 会被悄悄忽略，而且每次构造都会打印弃用警告。reduce=False 等于 reduction='none'；否则 size_average=False 等于 'sum'，True（或 None）等于 'mean'。",
      },
      bad: {
        en: 'import torch.nn as nn\ncriterion = nn.MSELoss(size_average=False)  # deprecated\n',
        zh: 'import torch.nn as nn\ncriterion = nn.MSELoss(size_average=False)  # 已弃用\n',
      },
      good: {
        en: "import torch.nn as nn\ncriterion = nn.MSELoss(reduction='sum')\n",
        zh: "import torch.nn as nn\ncriterion = nn.MSELoss(reduction='sum')\n",
      },
    },
  },
  check(ctx) {
    const check = (call: SNode, args: CallArgs, label: string) => {
      const sa = args.keywords.get('size_average');
      const rd = args.keywords.get('reduce');
      if (!sa && !rd) return;
      // A wrapper forwarding its own `size_average=size_average` is not where the choice is made.
      if ([['size_average', sa], ['reduce', rd]].every(([k, v]) => !v || textOf(v as SNode) === k)) return;
      const given = [sa && '`size_average=`', rd && '`reduce=`'].filter((x): x is string => !!x);
      const names = { en: given.join(' and '), zh: given.join(' 和 ') };
      const fs = flag(sa);
      const fr = flag(rd);
      const fixes = [];
      let equivalent: { en: string; zh: string } = { en: '', zh: '' };
      if (fs !== 'unknown' && fr !== 'unknown' && !args.hasSplat) {
        const value = legacyReduction(fs ?? true, fr ?? true);
        equivalent = { en: ` (here reduction='${value}')`, zh: `（此处等于 reduction='${value}'）` };
        const list = child(call, 'arguments')!;
        const q = quoteFor(call);
        const kept = list.children.filter((c) => c.named && c.type !== 'comment' && c !== sa?.parent && c !== rd?.parent && !isKeyword(c, 'reduction'));
        const newList = `(${[...kept.map(textOf), `reduction=${q}${value}${q}`].join(', ')})`;
        fixes.push({ id: 'reduction', data: { value }, edits: [replace(list, newList)], preferred: true });
      }
      ctx.report({ node: call, messageId: 'legacy', data: { loss: label, names, equivalent }, fixes });
    };
    for (const c of ctx.facts.sites.constructions) check(c.call, c.args, c.sig.module);
    for (const c of ctx.facts.sites.calls) if (c.form === 'functional') check(c.call, c.args, textOf(child(c.call, 'function') ?? c.call));
  },
};

function isKeyword(n: SNode, name: string): boolean {
  if (n.type !== 'keyword_argument') return false;
  const k = child(n, 'name');
  return k !== undefined && textOf(k) === name;
}
