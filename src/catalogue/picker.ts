import type { Snippet } from './snippet';
import type { Localized } from './types';

/** The loss picker's decisions: task → (model output, target format) → recommended losses. */

export type TaskId =
  | 'regression' | 'robustRegression' | 'binary' | 'multiClass' | 'multiLabel' | 'distribution'
  | 'pairs' | 'triplets' | 'ranking' | 'ctc' | 'counts' | 'heteroscedastic';

export type OutputKind = 'logits' | 'probabilities' | 'logProbabilities';
export type TargetKind = 'indices' | 'oneHot' | 'soft' | 'zeroOne' | 'plusMinusOne';

export interface Choice<K extends string> {
  readonly kind: K;
  readonly label: Localized;
  readonly detail: Localized;
}

export interface Task extends Choice<TaskId> {
  /** Asked after the task, in this order; omitted when the answer wouldn't change the advice. */
  readonly outputs?: readonly OutputKind[];
  readonly targets?: readonly TargetKind[];
}

export interface Answers {
  readonly task: TaskId;
  readonly output?: OutputKind;
  readonly target?: TargetKind;
}

export interface Recommendation {
  /** Catalogue id. */
  readonly id: string;
  readonly reason: Localized;
  readonly snippet: Snippet;
}

const L = (en: string, zh: string): Localized => ({ en, zh });

export const OUTPUTS: Record<OutputKind, Choice<OutputKind>> = {
  logits: { kind: 'logits', label: L('Raw scores (logits)', '原始分数（logits）'), detail: L('the last layer is Linear/Conv, no activation', '最后一层是 Linear/Conv，没有激活函数') },
  probabilities: { kind: 'probabilities', label: L('Probabilities', '概率'), detail: L('ends in sigmoid or softmax', '最后接了 sigmoid 或 softmax') },
  logProbabilities: { kind: 'logProbabilities', label: L('Log-probabilities', '对数概率'), detail: L('ends in log_softmax / LogSoftmax', '最后接了 log_softmax / LogSoftmax') },
};

export const TARGETS: Record<TargetKind, Choice<TargetKind>> = {
  indices: { kind: 'indices', label: L('Class indices', '类别索引'), detail: L('int64 tensor of shape (N), values in [0, C)', '形状为 (N) 的 int64 张量，取值于 [0, C)') },
  oneHot: { kind: 'oneHot', label: L('One-hot vectors', '独热编码'), detail: L('shape (N, C), a single 1 per row', '形状为 (N, C)，每行只有一个 1') },
  soft: { kind: 'soft', label: L('Soft labels / probabilities', '软标签 / 概率'), detail: L('shape (N, C), rows sum to 1 (distillation, mixup, label smoothing)', '形状为 (N, C)，每行之和为 1（蒸馏、mixup、标签平滑）') },
  zeroOne: { kind: 'zeroOne', label: L('0 / 1 labels', '0 / 1 标签'), detail: L('float tensor of 0s and 1s (or values in [0, 1])', '由 0 和 1 组成（或取值于 [0, 1]）的浮点张量') },
  plusMinusOne: { kind: 'plusMinusOne', label: L('−1 / +1 labels', '−1 / +1 标签'), detail: L('float tensor of −1s and 1s', '由 −1 和 1 组成的浮点张量') },
};

export const TASKS: readonly Task[] = [
  { kind: 'regression', label: L('Regression', '回归'), detail: L('predict real values', '预测实数值') },
  { kind: 'robustRegression', label: L('Regression robust to outliers', '对离群点稳健的回归'), detail: L('noisy targets, occasional large errors', '目标有噪声，偶有大误差') },
  { kind: 'binary', label: L('Binary classification', '二分类'), detail: L('one yes/no decision per sample', '每个样本一个是/否判断'), outputs: ['logits', 'probabilities'], targets: ['zeroOne', 'plusMinusOne'] },
  { kind: 'multiClass', label: L('Multi-class classification', '多分类'), detail: L('exactly one of C classes per sample', '每个样本恰好属于 C 个类别之一'), outputs: ['logits', 'probabilities', 'logProbabilities'], targets: ['indices', 'oneHot', 'soft'] },
  { kind: 'multiLabel', label: L('Multi-label classification', '多标签分类'), detail: L('any number of C labels per sample', '每个样本可以有任意多个标签'), outputs: ['logits', 'probabilities'] },
  { kind: 'distribution', label: L('Distribution matching / distillation', '分布匹配 / 知识蒸馏'), detail: L('match a target probability distribution', '逼近目标概率分布'), outputs: ['logits', 'logProbabilities'] },
  { kind: 'pairs', label: L('Metric learning: pairs', '度量学习：样本对'), detail: L('similar / dissimilar pairs of embeddings', '相似 / 不相似的嵌入样本对') },
  { kind: 'triplets', label: L('Metric learning: triplets', '度量学习：三元组'), detail: L('anchor, positive, negative', '锚点、正样本、负样本') },
  { kind: 'ranking', label: L('Ranking', '排序'), detail: L('which of two items should score higher', '两个样本中哪个得分应更高') },
  { kind: 'ctc', label: L('Sequence alignment (CTC)', '序列对齐（CTC）'), detail: L('speech / handwriting / OCR without frame labels', '无帧级标注的语音 / 手写 / OCR') },
  { kind: 'counts', label: L('Count data', '计数数据'), detail: L('non-negative integer targets (events, arrivals)', '非负整数目标（事件数、到达数）') },
  { kind: 'heteroscedastic', label: L('Heteroscedastic regression', '异方差回归'), detail: L('predict a mean and a variance per sample', '为每个样本预测均值和方差') },
];

export function taskById(id: TaskId): Task {
  return TASKS.find((t) => t.kind === id)!;
}

const nn = (line: string, usage: string, imports: Snippet['imports'] = ['nn']): Snippet => ({ lines: [line, usage], imports });

const R = (id: string, reason: Localized, snippet: Snippet): Recommendation => ({ id, reason, snippet });

function multiClass(output: OutputKind, target: TargetKind): Recommendation[] {
  const idx = target === 'oneHot' ? '{{target}}.argmax(dim=1)' : '{{target}}';
  if (output === 'logProbabilities') {
    if (target === 'soft') {
      return [R('klDiv', L('Log-probabilities against a target distribution: KL divergence, with batchmean for the true value.', '对数概率与目标分布：使用 KL 散度，并用 batchmean 得到真实值。'), nn("criterion = nn.KLDivLoss(reduction='batchmean')", 'loss = criterion({{log_probs}}, {{target}})'))];
    }
    return [R('nll', L('The model already outputs log-probabilities, so NLLLoss (not CrossEntropyLoss) avoids a second log-softmax.', '模型已经输出对数概率，因此用 NLLLoss（而不是 CrossEntropyLoss）以避免再做一次 log-softmax。'), nn('criterion = nn.NLLLoss()', `loss = criterion({{log_probs}}, ${idx})`))];
  }
  if (output === 'probabilities') {
    return [
      R('crossEntropy', L('Best fix: drop the final softmax and feed logits; CrossEntropyLoss applies log-softmax itself, stably.', '最佳做法：去掉最后的 softmax，直接传入 logits；CrossEntropyLoss 内部会以数值稳定的方式做 log-softmax。'), nn('criterion = nn.CrossEntropyLoss()  # pass logits: remove the softmax at the end of the model', `loss = criterion({{logits}}, ${target === 'soft' ? '{{target}}' : idx})`)),
    ];
  }
  if (target === 'soft') {
    return [R('crossEntropy', L('CrossEntropyLoss accepts class probabilities as the target directly.', 'CrossEntropyLoss 可以直接接收类别概率作为目标。'), nn('criterion = nn.CrossEntropyLoss()', 'loss = criterion({{logits}}, {{target}})'))];
  }
  return [
    R('crossEntropy', target === 'oneHot'
      ? L('Standard choice; convert one-hot targets to class indices with argmax so weight and ignore_index work.', '标准选择；用 argmax 把独热编码目标转换为类别索引，使 weight 和 ignore_index 生效。')
      : L('Standard choice for logits and class indices: log-softmax and NLL in one stable step.', 'logits 配类别索引的标准选择：一步完成 log-softmax 与 NLL，数值稳定。'),
    nn('criterion = nn.CrossEntropyLoss()', `loss = criterion({{logits}}, ${idx})`)),
    R('multiMargin', L('Max-margin (SVM-style) alternative when you do not need probabilities.', '不需要概率时的最大间隔（SVM 风格）替代方案。'), nn('criterion = nn.MultiMarginLoss()', `loss = criterion({{logits}}, ${idx})`)),
  ];
}

/** The recommended losses for the answers given, best first. */
export function recommend(a: Answers): Recommendation[] {
  const output = a.output ?? 'logits';
  switch (a.task) {
    case 'regression':
      return [
        R('mse', L('Mean squared error: the default for real-valued targets with Gaussian-like noise.', '均方误差：噪声近似高斯的实数目标的默认选择。'), nn('criterion = nn.MSELoss()', 'loss = criterion({{pred}}, {{target}})')),
        R('l1', L('Mean absolute error: predicts the median; less sensitive to large errors.', '平均绝对误差：预测中位数，对大误差不那么敏感。'), nn('criterion = nn.L1Loss()', 'loss = criterion({{pred}}, {{target}})')),
      ];
    case 'robustRegression':
      return [
        R('huber', L('Quadratic near zero, linear beyond delta: outliers pull much less than with MSE.', '误差小时为二次、超过 delta 后为线性：离群点的影响远小于 MSE。'), nn('criterion = nn.HuberLoss(delta=1.0)', 'loss = criterion({{pred}}, {{target}})')),
        R('smoothL1', L('Same shape as Huber, scaled by 1/beta; the usual choice for bounding boxes.', '形状与 Huber 相同，按 1/beta 缩放；边界框回归的常用选择。'), nn('criterion = nn.SmoothL1Loss(beta=1.0)', 'loss = criterion({{pred}}, {{target}})')),
        R('l1', L('Every unit of error costs the same: the most outlier-robust, but not smooth at zero.', '每单位误差代价相同：对离群点最稳健，但在 0 处不光滑。'), nn('criterion = nn.L1Loss()', 'loss = criterion({{pred}}, {{target}})')),
      ];
    case 'binary': {
      if (a.target === 'plusMinusOne') {
        return output === 'probabilities'
          ? [R('bce', L('Probabilities need BCELoss; map −1/+1 labels to 0/1 first.', '概率输出需要 BCELoss；先把 −1/+1 标签映射为 0/1。'), nn('criterion = nn.BCELoss()', 'loss = criterion({{probs}}, ({{target}} + 1) / 2)'))]
          : [
              R('softMargin', L('Logistic loss written for −1/+1 labels: log(1 + exp(−y·x)).', '针对 −1/+1 标签的逻辑损失：log(1 + exp(−y·x))。'), nn('criterion = nn.SoftMarginLoss()', 'loss = criterion({{logits}}, {{target}})')),
              R('bceWithLogits', L('The same loss via BCEWithLogitsLoss after mapping labels to 0/1; adds pos_weight for imbalance.', '将标签映射为 0/1 后用 BCEWithLogitsLoss 得到同样的损失；还可用 pos_weight 处理不平衡。'), nn('criterion = nn.BCEWithLogitsLoss()', 'loss = criterion({{logits}}, ({{target}} + 1) / 2)')),
            ];
      }
      return output === 'probabilities'
        ? [
            R('bceWithLogits', L('Best fix: drop the final sigmoid and use BCEWithLogitsLoss, which is numerically stable.', '最佳做法：去掉最后的 sigmoid，改用数值稳定的 BCEWithLogitsLoss。'), nn('criterion = nn.BCEWithLogitsLoss()  # pass logits: remove the sigmoid at the end of the model', 'loss = criterion({{logits}}, {{target}}.float())')),
            R('bce', L('If the sigmoid must stay: BCELoss on the probabilities.', '如果必须保留 sigmoid：对概率使用 BCELoss。'), nn('criterion = nn.BCELoss()', 'loss = criterion({{probs}}, {{target}}.float())')),
          ]
        : [R('bceWithLogits', L('Sigmoid and binary cross-entropy fused and stable; set pos_weight for imbalanced data.', '将 sigmoid 与二元交叉熵融合且数值稳定；数据不平衡时设置 pos_weight。'), nn('criterion = nn.BCEWithLogitsLoss()', 'loss = criterion({{logits}}, {{target}}.float())'))];
    }
    case 'multiClass':
      return multiClass(output, a.target ?? 'indices');
    case 'multiLabel':
      return output === 'probabilities'
        ? [
            R('bceWithLogits', L('Best fix: drop the final sigmoid and feed logits to BCEWithLogitsLoss.', '最佳做法：去掉最后的 sigmoid，把 logits 传给 BCEWithLogitsLoss。'), nn('criterion = nn.BCEWithLogitsLoss()  # pass logits: remove the sigmoid at the end of the model', 'loss = criterion({{logits}}, {{targets}}.float())')),
            R('bce', L('If the sigmoid must stay: BCELoss on the per-label probabilities.', '如果必须保留 sigmoid：对每个标签的概率使用 BCELoss。'), nn('criterion = nn.BCELoss()', 'loss = criterion({{probs}}, {{targets}}.float())')),
          ]
        : [
            R('bceWithLogits', L('One independent sigmoid per label, numerically stable; pos_weight per class for rare labels.', '每个标签一个独立的 sigmoid，数值稳定；稀有标签可按类别设置 pos_weight。'), nn('criterion = nn.BCEWithLogitsLoss()', 'loss = criterion({{logits}}, {{targets}}.float())')),
            R('multiLabelSoftMargin', L('The same loss averaged per sample (one value per sample with reduction=none).', '同样的损失按样本取平均（reduction=none 时每个样本一个值）。'), nn('criterion = nn.MultiLabelSoftMarginLoss()', 'loss = criterion({{logits}}, {{targets}}.float())')),
          ];
    case 'distribution': {
      const input = output === 'logProbabilities' ? '{{log_probs}}' : 'F.log_softmax({{logits}}, dim=1)';
      const imports: Snippet['imports'] = output === 'logProbabilities' ? ['nn'] : ['nn', 'F'];
      return [
        R('klDiv', L("KL divergence on log-probabilities; reduction='batchmean' gives the true KL value.", "在对数概率上计算 KL 散度；reduction='batchmean' 才是真实的 KL 值。"), nn("criterion = nn.KLDivLoss(reduction='batchmean')", `loss = criterion(${input}, {{target_probs}})`, imports)),
        R('crossEntropy', L('Cross-entropy with soft targets: same gradients as KL, from logits directly.', '软标签交叉熵：梯度与 KL 相同，直接作用于 logits。'), nn('criterion = nn.CrossEntropyLoss()', 'loss = criterion({{logits}}, {{target_probs}})')),
      ];
    }
    case 'pairs':
      return [
        R('cosineEmbedding', L('Two embeddings and a −1/+1 label: pulls similar pairs together by cosine similarity.', '两个嵌入与 −1/+1 标签：按余弦相似度拉近相似样本对。'), nn('criterion = nn.CosineEmbeddingLoss(margin=0.2)', 'loss = criterion({{emb1}}, {{emb2}}, {{same}})  # same: 1 or -1')),
        R('hingeEmbedding', L('When you already have a distance per pair: hinge on that distance.', '已有每对样本的距离时：在该距离上使用合页损失。'), nn('criterion = nn.HingeEmbeddingLoss(margin=1.0)', 'loss = criterion(torch.pairwise_distance({{emb1}}, {{emb2}}), {{same}})  # same: 1 or -1', ['torch', 'nn'])),
      ];
    case 'triplets':
      return [
        R('tripletMargin', L('Anchor closer to the positive than to the negative by a margin (Euclidean).', '锚点到正样本比到负样本至少近一个间隔（欧氏距离）。'), nn('criterion = nn.TripletMarginLoss(margin=1.0)', 'loss = criterion({{anchor}}, {{positive}}, {{negative}})')),
        R('tripletMarginWithDistance', L('The same with cosine (or any) distance.', '使用余弦（或任意）距离的同类损失。'), nn('criterion = nn.TripletMarginWithDistanceLoss(distance_function=lambda a, b: 1.0 - F.cosine_similarity(a, b), margin=0.5)', 'loss = criterion({{anchor}}, {{positive}}, {{negative}})', ['nn', 'F'])),
      ];
    case 'ranking':
      return [R('marginRanking', L('Pairwise ranking: the preferred item should score higher by a margin.', '成对排序：被偏好的样本得分应高出一个间隔。'), nn('criterion = nn.MarginRankingLoss(margin=0.5)', 'loss = criterion({{score_a}}, {{score_b}}, {{a_better}})  # a_better: 1 or -1'))];
    case 'ctc':
      return [R('ctc', L('Sums over all alignments; takes (T, N, C) log-probabilities, so apply log_softmax over classes.', '对所有对齐方式求和；输入为 (T, N, C) 的对数概率，因此要在类别维上做 log_softmax。'), nn('criterion = nn.CTCLoss(blank=0, zero_infinity=True)', 'loss = criterion({{logits}}.log_softmax(2), {{targets}}, {{input_lengths}}, {{target_lengths}})'))];
    case 'counts':
      return [R('poissonNll', L('Poisson likelihood for counts; the model predicts the log-rate, so no activation is needed.', '计数的泊松似然；模型预测对数速率，因此不需要激活函数。'), nn('criterion = nn.PoissonNLLLoss(log_input=True)', 'loss = criterion({{log_rate}}, {{counts}})'))];
    case 'heteroscedastic':
      return [R('gaussianNll', L('Gaussian likelihood with a predicted variance; keep the variance positive with softplus.', '带预测方差的高斯似然；用 softplus 保证方差为正。'), nn('criterion = nn.GaussianNLLLoss()', 'loss = criterion({{mean}}, {{target}}, F.softplus({{raw_var}}))', ['nn', 'F']))];
    default: {
      const never: never = a.task;
      throw new Error(`unknown task ${String(never)}`);
    }
  }
}
