import type { Locale, LossSignature } from '../catalogue';
import type { Tensor } from '../engine';
import { displayNumber } from './format';

export interface ExplainInput {
  readonly sig: LossSignature;
  /** Constructor parameters as passed to the engine (unset ones fall back to catalogue defaults). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly args: Readonly<Record<string, unknown>>;
  readonly output: Tensor;
  /** The losses with `reduction='none'`, when the call reduced them. */
  readonly perElement?: Tensor;
}

type Text = { en: string; zh: string };

function param(input: ExplainInput, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(input.params, name) && input.params[name] !== undefined) return input.params[name];
  return input.sig.params.find((p) => p.name === name)?.default;
}

/** The reduction in force; the legacy `size_average`/`reduce` flags override `reduction` when set. */
export function effectiveReduction(input: ExplainInput): string {
  const sizeAverage = param(input, 'size_average') ?? null;
  const reduce = param(input, 'reduce') ?? null;
  if (sizeAverage !== null || reduce !== null) return reduce === false ? 'none' : sizeAverage === false ? 'sum' : 'mean';
  return String(param(input, 'reduction') ?? 'none');
}

function tensorArg(input: ExplainInput, name: string): Tensor | undefined {
  const v = input.args[name] as Tensor | undefined;
  return v && typeof v === 'object' && 'data' in v ? v : undefined;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the individual losses are counted over, per loss family. */
function unit(sig: LossSignature, n: number): Text {
  switch (sig.id) {
    case 'cosineEmbedding':
    case 'marginRanking':
      return { en: count(n, 'pair', 'pairs'), zh: `${n} 对样本` };
    case 'tripletMargin':
    case 'tripletMarginWithDistance':
      return { en: count(n, 'triplet', 'triplets'), zh: `${n} 个三元组` };
    case 'crossEntropy':
    case 'nll':
    case 'multiMargin':
    case 'multiLabelMargin':
    case 'multiLabelSoftMargin':
      return { en: count(n, 'sample', 'samples'), zh: `${n} 个样本` };
    case 'ctc':
      return { en: count(n, 'sequence', 'sequences'), zh: `${n} 个序列` };
    default:
      return { en: count(n, 'element', 'elements'), zh: `${n} 个元素` };
  }
}

function reductionText(reduction: string, n: number, sig: LossSignature): Text {
  const u = unit(sig, n);
  if (reduction === 'none') return { en: `${u.en}, one loss each (reduction='none'); nothing is averaged or summed`, zh: `${u.zh}，各有一个损失（reduction='none'），不求平均也不求和` };
  if (reduction === 'sum') return { en: `sum over ${u.en}`, zh: `对 ${u.zh} 求和` };
  return { en: `mean over ${u.en}`, zh: `对 ${u.zh} 求平均` };
}

/** Class-index targets: how many count, how many are ignore_index, and how the mean is weighted. */
function classTargets(input: ExplainInput, reduction: string): Text | undefined {
  const target = tensorArg(input, 'target');
  if (!target || (target.dtype !== 'int64' && target.dtype !== 'int32')) {
    if (input.sig.id === 'crossEntropy' && target) {
      const n = input.perElement ? input.perElement.data.length : input.output.data.length;
      const base = reductionText(reduction, n, input.sig);
      return { en: `${base.en}; the targets are class probabilities`, zh: `${base.zh}；目标为类别概率` };
    }
    return undefined;
  }
  const ignore = Number(param(input, 'ignore_index') ?? -100);
  const total = target.data.length;
  let ignored = 0;
  for (let i = 0; i < total; i++) if (target.data[i] === ignore) ignored++;
  const counted = total - ignored;
  const ig: Text =
    ignored === 0
      ? { en: '', zh: '' }
      : {
          en: `; ${ignored === 1 ? 'one is' : `${ignored} are`} ignore_index (${ignore})`,
          zh: `；其中 ${ignored} 个为 ignore_index（${ignore}）`,
        };
  if (reduction === 'none') {
    const base = reductionText('none', total, input.sig);
    return { en: base.en + (ignored ? `; ${ignored} ignored (loss 0)` : ''), zh: base.zh + (ignored ? `；${ignored} 个被忽略（损失为 0）` : '') };
  }
  if (reduction === 'mean' && counted === 0) {
    return { en: `all ${total} targets are ignore_index (${ignore}), so the mean is 0/0 = nan`, zh: `全部 ${total} 个目标都是 ignore_index（${ignore}），均值为 0/0 = nan` };
  }
  const weighted = param(input, 'weight') !== null && param(input, 'weight') !== undefined;
  const verb: Text =
    reduction === 'sum'
      ? { en: 'sum over', zh: '求和：' }
      : weighted
        ? { en: 'weighted mean (Σ w[y]·loss / Σ w[y]) over', zh: '加权平均（Σ w[y]·loss / Σ w[y]）：' }
        : { en: 'mean over', zh: '求平均：' };
  return {
    en: `${verb.en} ${counted} of ${count(total, 'target', 'targets')}${ig.en}`,
    zh: `${verb.zh}计入 ${total} 个目标中的 ${counted} 个${ig.zh}`,
  };
}

function special(input: ExplainInput, reduction: string, n: number): Text | undefined {
  const { sig } = input;
  if (sig.id === 'crossEntropy' || sig.id === 'nll') return classTargets(input, reduction);
  if (sig.id === 'klDiv') {
    const x = tensorArg(input, 'input');
    const batch = x && x.shape.length > 0 ? x.shape[0] : 1;
    if (reduction === 'batchmean') return { en: `sum over ${n} elements divided by the batch size ${batch} (batchmean): the KL divergence per sample`, zh: `对 ${n} 个元素求和后除以批大小 ${batch}（batchmean）：即每个样本的 KL 散度` };
    if (reduction === 'mean') return { en: `mean over all ${n} elements — not the KL divergence per sample; use reduction='batchmean'`, zh: `对全部 ${n} 个元素求平均——这不是每个样本的 KL 散度；请使用 reduction='batchmean'` };
  }
  if (sig.id === 'ctc' && reduction === 'mean') {
    return { en: `each sequence's loss divided by its target length, then averaged over ${count(n, 'sequence', 'sequences')}`, zh: `每个序列的损失先除以其目标长度，再对 ${n} 个序列求平均` };
  }
  return undefined;
}

/** Notes that change how to read the number: pos_weight, label smoothing, the Huber/SmoothL1 switch point. */
function notes(input: ExplainInput): Text[] {
  const out: Text[] = [];
  const ls = Number(param(input, 'label_smoothing') ?? 0);
  if (input.sig.id === 'crossEntropy' && ls > 0) {
    const x = tensorArg(input, 'input');
    const c = x ? (x.shape.length === 1 ? x.shape[0] : x.shape[1]) : undefined;
    const on = c ? displayNumber(1 - ls + ls / c) : `${displayNumber(1 - ls)} + ${displayNumber(ls)}/C`;
    out.push({ en: `label smoothing ${displayNumber(ls)} puts ${on} on the true class`, zh: `标签平滑 ${displayNumber(ls)}：真实类别的目标概率为 ${on}` });
  }
  if (input.sig.id === 'bceWithLogits' && param(input, 'pos_weight')) out.push({ en: 'positive targets are scaled by pos_weight', zh: '正样本目标按 pos_weight 加权' });
  if ((input.sig.id === 'huber' || input.sig.id === 'smoothL1') && input.perElement) {
    const x = tensorArg(input, 'input');
    const y = tensorArg(input, 'target');
    const k = Number(param(input, input.sig.id === 'huber' ? 'delta' : 'beta') ?? 1);
    if (x && y && x.data.length === y.data.length) {
      let quad = 0;
      for (let i = 0; i < x.data.length; i++) if (Math.abs(x.data[i] - y.data[i]) < k) quad++;
      out.push({ en: `${quad} of ${x.data.length} errors are below ${displayNumber(k)} (quadratic part), the rest are linear`, zh: `${x.data.length} 个误差中有 ${quad} 个小于 ${displayNumber(k)}（二次部分），其余为线性部分` });
    }
  }
  if (input.sig.id === 'gaussianNll' && param(input, 'full') !== true) out.push({ en: 'the constant ½·log(2π) is left out (full=False)', zh: '省略常数 ½·log(2π)（full=False）' });
  return out;
}

/** Why the value is nan or inf, when the inputs say so. */
function nonFinite(input: ExplainInput): Text | undefined {
  const v = input.output.data;
  let bad = false;
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) bad = true;
  if (!bad) return undefined;
  for (const a of input.sig.forward) {
    const t = tensorArg(input, a.name);
    if (!t) continue;
    let nans = 0;
    for (let i = 0; i < t.data.length; i++) if (Number.isNaN(t.data[i])) nans++;
    if (nans > 0) return { en: `${a.name} contains ${nans} nan value${nans === 1 ? '' : 's'}, which propagate into the loss`, zh: `${a.name} 含有 ${nans} 个 nan，它们会传播到损失中` };
  }
  return undefined;
}

/** A one-line reading of the result: what was averaged or summed, over how many, and what was left out. */
export function explain(input: ExplainInput, locale: Locale): string {
  const reduction = effectiveReduction(input);
  const n = input.perElement ? input.perElement.data.length : input.output.data.length;
  const parts: Text[] = [special(input, reduction, n) ?? reductionText(reduction, n, input.sig), ...notes(input)];
  const nf = nonFinite(input);
  if (nf) parts.push(nf);
  return parts.map((p) => p[locale]).join(locale === 'zh' ? '；' : '; ');
}
