import type { FixReport, Rule } from './rule';
import { insertKeyword, lossLabel, replace, short, targetOf, tensorValue } from './helpers';
import { padValue } from '../semantic/padding';
import type { Semantics } from '../semantic/semantics';
import type { LossCall } from '../semantic/lossSites';
import { textOf } from '../syntax';

const TOKEN_LOSSES = new Set(['crossEntropy', 'nll']);

/**
 * LL206: a token-level `CrossEntropyLoss` / `NLLLoss` whose targets were padded with a value other
 * than its `ignore_index` (-100 by default): every padded position is a training target, so the model
 * learns to predict padding and the loss is diluted by it.
 * Fix (not preferred: P may also be a real class): `ignore_index=P`.
 */
export const ignoreIndexPaddingMismatch: Rule = {
  meta: {
    code: 'LL206',
    slug: 'ignore-index-padding-mismatch',
    severity: 'warning',
    fixable: 'sometimes',
    messages: {
      mismatch: {
        en: '`{loss}` target `{arg}` is padded with {pad} (`{padder}`) but ignore_index is {ignore}{how}: the padded positions are trained on, so the model learns to predict padding',
        zh: '`{loss}` 的目标 `{arg}` 用 {pad} 填充（`{padder}`），但 ignore_index 为 {ignore}{how}：填充位置也参与训练，模型会学着预测填充值',
      },
    },
    fixes: {
      ignore: { en: 'Set ignore_index={pad} (check that {pad} is not a real class)', zh: '设置 ignore_index={pad}（请确认 {pad} 不是真实的类别）' },
    },
    docs: {
      summary: { en: 'Token-level CrossEntropyLoss / NLLLoss targets padded with a value other than ignore_index', zh: '逐词元的 CrossEntropyLoss / NLLLoss 目标所用的填充值与 ignore_index 不同' },
      why: {
        en: 'CrossEntropyLoss and NLLLoss skip target positions equal to ignore_index, -100 by default. Targets padded to a common length with another value (pad_sequence pads with 0 unless told otherwise, F.pad likewise, tokenizers with pad_token_id) make every pad position a real target: the model spends capacity predicting padding, the loss and accuracy are dominated by it on short sequences, and nothing fails. Pad the targets with ignore_index (padding_value=-100), or pass ignore_index equal to the pad value when it is no real class.',
        zh: 'CrossEntropyLoss 与 NLLLoss 会跳过等于 ignore_index（默认 -100）的目标位置。若目标被另一个值填充到相同长度（pad_sequence 默认用 0 填充，F.pad 也是，分词器用 pad_token_id），每个填充位置都成了真实目标：模型把能力花在预测填充上，短序列的损失和准确率被填充主导，而且不会有任何报错。请用 ignore_index 填充目标（padding_value=-100），或在填充值不是真实类别时把 ignore_index 设为该值。',
      },
      bad: {
        en: 'import torch.nn as nn\nfrom torch.nn.utils.rnn import pad_sequence\ncriterion = nn.CrossEntropyLoss()\ntargets = pad_sequence(label_seqs, batch_first=True)  # pads with 0\nloss = criterion(logits.view(-1, C), targets.view(-1))\n',
        zh: 'import torch.nn as nn\nfrom torch.nn.utils.rnn import pad_sequence\ncriterion = nn.CrossEntropyLoss()\ntargets = pad_sequence(label_seqs, batch_first=True)  # 用 0 填充\nloss = criterion(logits.view(-1, C), targets.view(-1))\n',
      },
      good: {
        en: 'import torch.nn as nn\nfrom torch.nn.utils.rnn import pad_sequence\ncriterion = nn.CrossEntropyLoss()  # ignore_index=-100\ntargets = pad_sequence(label_seqs, batch_first=True, padding_value=-100)\nloss = criterion(logits.view(-1, C), targets.view(-1))\n',
        zh: 'import torch.nn as nn\nfrom torch.nn.utils.rnn import pad_sequence\ncriterion = nn.CrossEntropyLoss()  # ignore_index=-100\ntargets = pad_sequence(label_seqs, batch_first=True, padding_value=-100)\nloss = criterion(logits.view(-1, C), targets.view(-1))\n',
      },
    },
  },
  check(ctx) {
    const s = ctx.facts.semantics;
    for (const call of ctx.facts.sites.calls) {
      if (!TOKEN_LOSSES.has(call.sig.id) || ctx.swapped(call)) continue;
      const arg = targetOf(call);
      const v = tensorValue(s, arg);
      if (!arg || v?.padding === undefined) continue;
      const ignore = ignoreIndex(s, call);
      const padding = v.padding.value;
      if (ignore === undefined || !mismatched(padding, ignore)) continue;
      const given = call.options.get('ignore_index');
      const pad = String(padding);
      const how = given ? { en: '', zh: '' } : { en: ' (the default)', zh: '（默认值）' };
      const data = { loss: lossLabel(call), arg: short(textOf(arg)), pad, padder: short(textOf(v.padding.by)), ignore: String(ignore), how };
      const fixes: FixReport[] = [];
      if (typeof padding === 'number' && Number.isInteger(padding)) {
        const edit = given ? replace(given, pad) : insertKeyword(call.construction?.call ?? call.call, 'ignore_index', pad);
        if (edit) fixes.push({ id: 'ignore', edits: [edit], preferred: false });
      }
      ctx.report({ node: call.call, related: v.padding.by, messageId: 'mismatch', data, fixes });
    }
  },
};

/** The loss's ignore_index: as written, or the default; undefined when it can't be told. */
function ignoreIndex(s: Semantics, call: LossCall): number | string | undefined {
  const given = call.options.get('ignore_index');
  if (given) return padValue(s, given);
  if ((call.construction ?? call).args.hasSplat) return undefined;
  const d = call.sig.params.find((p) => p.name === 'ignore_index')?.default;
  return typeof d === 'number' ? d : undefined;
}

/** Numbers that differ; or a pad id (a vocabulary index, never negative) against a negative ignore_index. */
function mismatched(padding: number | string, ignore: number | string): boolean {
  if (typeof padding === 'number' && typeof ignore === 'number') return padding !== ignore;
  if (typeof padding === 'string' && typeof ignore === 'number') return ignore < 0;
  return false;
}
