import { docsUrl } from '../common';
import { REDUCTIONS, type LossEntry } from '../types';

export const ctc: LossEntry = {
  id: 'ctc',
  module: 'CTCLoss',
  params: [
    {
      name: 'blank', type: 'int', default: 0,
      doc: { en: 'Index of the blank symbol; it must not appear in the targets.', zh: '空白符（blank）的索引；它不能出现在目标序列中。' },
    },
    {
      name: 'reduction', type: 'reduction', default: 'mean', choices: REDUCTIONS,
      doc: { en: "`'none'` keeps one loss per sequence, `'mean'` divides each by its target length and averages over the batch, `'sum'` adds them up.", zh: "`'none'` 保留每个序列的损失，`'mean'` 先将每个损失除以其目标长度再对批取平均，`'sum'` 求和。" },
    },
    {
      name: 'zero_infinity', type: 'bool', default: false,
      doc: { en: 'Replace infinite losses (inputs too short to align with their targets) and their gradients by zero.', zh: '将无穷大的损失（输入太短、无法与目标对齐）及其梯度置为零。' },
    },
  ],
  forward: [{ name: 'log_probs', kind: 'float' }, { name: 'targets', kind: 'index' }, { name: 'input_lengths', kind: 'index' }, { name: 'target_lengths', kind: 'index' }],
  functional: {
    name: 'ctc_loss',
    args: ['log_probs', 'targets', 'input_lengths', 'target_lengths'],
    params: ['blank', 'reduction', 'zero_infinity'],
  },
  aliases: ['connectionist temporal classification', 'CTC'],
  summary: {
    en: 'Connectionist Temporal Classification: negative log-likelihood of a label sequence, summed over all alignments to an unsegmented input sequence.',
    zh: '连接时序分类（CTC）：对未分段输入序列的所有对齐方式求和，得到标签序列的负对数似然。',
  },
  shapes: {
    args: [
      { name: 'log_probs', shape: '(T, N, C) or (T, C)', holds: { en: 'log-probabilities over C classes (blank included), time first: `logits.log_softmax(2)`', zh: 'C 个类别（含空白符）上的对数概率，时间维在前：`logits.log_softmax(2)`' } },
      { name: 'targets', shape: '(N, S) or (sum(target_lengths))', holds: { en: 'class indices of the label sequences, padded (N, S) or concatenated; never the blank', zh: '标签序列的类别索引，可为填充后的 (N, S) 或拼接成一维；不能包含空白符' } },
      { name: 'input_lengths', shape: '(N) or ()', holds: { en: 'length of each input sequence, each ≤ T', zh: '每个输入序列的长度，均 ≤ T' } },
      { name: 'target_lengths', shape: '(N) or ()', holds: { en: 'length of each target sequence', zh: '每个目标序列的长度' } },
    ],
    output: { shape: '(N) or ()', holds: { en: "one loss per sequence with `reduction='none'`; a scalar otherwise", zh: "`reduction='none'` 时每个序列一个损失；否则为标量" } },
  },
  formula: {
    unreduced: '\\ell_n = -\\log \\sum_{\\pi \\in \\mathcal{B}^{-1}(z_n)} \\prod_{t=1}^{T_n} p_t(\\pi_t \\mid x_n)',
    mean: '\\ell = \\frac{1}{N}\\sum_{n=1}^{N} \\frac{\\ell_n}{\\lvert z_n \\rvert}',
    sum: '\\ell = \\sum_{n=1}^{N} \\ell_n',
    where: { en: 'z_n is the target sequence of sample n, |z_n| its length, T_n the input length, 𝓑 the map that merges repeats and removes blanks, p_t the per-frame probabilities, N the batch size.', zh: 'z_n 为第 n 个样本的目标序列，|z_n| 为其长度，T_n 为输入长度，𝓑 为合并重复并去除空白符的映射，p_t 为每一帧的概率，N 为批大小。' },
  },
  whenToUse: [
    { en: 'Sequence labelling without frame-level alignment: speech recognition, handwriting and scene-text OCR.', zh: '没有帧级对齐的序列标注：语音识别、手写体与场景文字识别（OCR）。' },
  ],
  whenNotToUse: [
    { en: 'Outputs aligned one-to-one with targets: use `CrossEntropyLoss` per step.', zh: '输出与目标逐一对齐：对每一步使用 `CrossEntropyLoss`。' },
    { en: 'Targets longer than the inputs (e.g. translation): use an attention/seq2seq model with cross-entropy.', zh: '目标比输入更长（例如机器翻译）：请使用注意力/seq2seq 模型配合交叉熵。' },
  ],
  pitfalls: [
    { text: { en: 'Batch-first outputs (N, T, C) must be transposed to (T, N, C).', zh: '批维在前的输出 (N, T, C) 必须转置为 (T, N, C)。' } },
    { rule: 'LL111', text: { en: 'Raw logits or softmax probabilities instead of `log_softmax`: the loss assumes log-probabilities.', zh: '传入原始 logits 或 softmax 概率而不是 `log_softmax`：该损失假定输入为对数概率。' } },
    { text: { en: 'Inputs shorter than target length plus repeats give an infinite loss: set `zero_infinity=True` or fix the lengths.', zh: '输入长度短于目标长度加重复字符数时损失为无穷大：请设置 `zero_infinity=True` 或修正长度。' } },
    { text: { en: 'Using the blank index (default 0) as a real label: reserve it and shift your labels by one.', zh: '把空白符索引（默认为 0）当作真实标签：请保留该索引，并将标签整体加一。' } },
  ],
  example: `import torch
import torch.nn as nn

T, N, C, S = 50, 4, 20, 10
logits = torch.randn(T, N, C, requires_grad=True)
targets = torch.randint(1, C, (N, S))  # 0 is the blank
input_lengths = torch.full((N,), T, dtype=torch.long)
target_lengths = torch.randint(5, S + 1, (N,))
criterion = nn.CTCLoss(blank=0, zero_infinity=True)
loss = criterion(logits.log_softmax(2), targets, input_lengths, target_lengths)
loss.backward()
`,
  docsUrl: docsUrl('CTCLoss'),
};
