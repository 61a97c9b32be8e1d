import type { Localized } from './types';

/** Texts that many entries share, written once so the two languages stay in step. */

export const SIZE_AVERAGE_DOC: Localized = {
  en: "Deprecated (use `reduction`). `None` defers to `reduction`; `False` sums instead of averaging. Setting it overrides `reduction`.",
  zh: '已弃用（请改用 `reduction`）。`None` 表示由 `reduction` 决定；`False` 表示求和而非取平均。一旦设置就会覆盖 `reduction`。',
};

export const REDUCE_DOC: Localized = {
  en: "Deprecated (use `reduction`). `None` defers to `reduction`; `False` returns one loss per element, like `reduction='none'`. Setting it overrides `reduction`.",
  zh: "已弃用（请改用 `reduction`）。`None` 表示由 `reduction` 决定；`False` 返回逐元素的损失，相当于 `reduction='none'`。一旦设置就会覆盖 `reduction`。",
};

export const REDUCTION_DOC: Localized = {
  en: "How to combine the individual losses: `'none'` keeps them, `'mean'` averages them, `'sum'` adds them up.",
  zh: "如何汇总各个损失值：`'none'` 原样保留，`'mean'` 取平均，`'sum'` 求和。",
};

export const SAME_SHAPE_TARGET: Localized = {
  en: 'same shape as the input',
  zh: '与输入形状相同',
};

export const ELEMENTWISE_OUTPUT: Localized = {
  en: "one loss per element with `reduction='none'`, same shape as the input; a scalar otherwise",
  zh: "`reduction='none'` 时为逐元素损失，形状与输入相同；否则为标量",
};

export const PER_SAMPLE_OUTPUT: Localized = {
  en: "one loss per sample with `reduction='none'`; a scalar otherwise",
  zh: "`reduction='none'` 时为每个样本一个损失；否则为标量",
};

/** Mean and sum over the N elements of the unreduced loss, the most common reduction. */
export const MEAN_OVER_ELEMENTS = '\\ell = \\frac{1}{N}\\sum_{n=1}^{N} \\ell_n';
export const SUM_OVER_ELEMENTS = '\\ell = \\sum_{n=1}^{N} \\ell_n';

export function docsUrl(module: string): string {
  return `https://pytorch.org/docs/stable/generated/torch.nn.${module}.html`;
}
