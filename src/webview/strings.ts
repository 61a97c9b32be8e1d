import type { Locale, Localized } from '../catalogue';

/** Every UI string of the calculator page, in both shipped languages (a missing one fails to compile). */
const STRINGS = {
  title: { en: 'Loss Calculator', zh: '损失计算器' },
  loss: { en: 'Loss', zh: '损失函数' },
  search: { en: 'Search losses…', zh: '搜索损失函数…' },
  searchLabel: { en: 'Filter the loss list', zh: '筛选损失函数列表' },
  noMatch: { en: 'No loss matches', zh: '没有匹配的损失函数' },
  parameters: { en: 'Parameters', zh: '参数' },
  deprecated: { en: 'deprecated', zh: '已弃用' },
  arguments: { en: 'Inputs', zh: '输入' },
  argHint: {
    en: 'torch.tensor([[2.0, -1.0]]), [[...]], torch.ones(3), np.array(...) or JSON',
    zh: 'torch.tensor([[2.0, -1.0]])、[[...]]、torch.ones(3)、np.array(...) 或 JSON',
  },
  tensorParamHint: { en: 'empty = None', zh: '留空表示 None' },
  result: { en: 'Result', zh: '结果' },
  value: { en: 'Loss value', zh: '损失值' },
  perElement: { en: "Per-element losses (reduction='none')", zh: "逐元素损失（reduction='none'）" },
  output: { en: 'Output', zh: '输出' },
  gradient: { en: 'Gradient', zh: '梯度' },
  gradientOf: { en: 'd loss / d {0}', zh: 'd loss / d {0}' },
  noGradient: { en: 'No argument of this loss is differentiable here.', zh: '此处该损失函数没有可求导的参数。' },
  shown: { en: 'showing {0} of {1} values', zh: '显示 {1} 个值中的 {0} 个' },
  errorAt: { en: 'at column {0}', zh: '位于第 {0} 列' },
  showError: { en: 'Select the offending text', zh: '选中出错的文本' },
  plots: { en: 'Plots', zh: '图表' },
  sweepArg: { en: 'Vary', zh: '变化参数' },
  sweepIndex: { en: 'element', zh: '元素' },
  sweepTitle: { en: 'Loss and gradient as {0}{1} varies', zh: '{0}{1} 变化时的损失与梯度' },
  lossAxis: { en: 'loss', zh: '损失' },
  gradAxis: { en: 'gradient', zh: '梯度' },
  current: { en: 'current value', zh: '当前值' },
  sweepSkipped: {
    en: 'Not plotted: one evaluation of these inputs is {0} units of work, too much to repeat for a curve (the plot may spend {1}).',
    zh: '未绘制：这些输入的一次计算需 {0} 个工作单位，无法为曲线重复计算（图表预算为 {1}）。',
  },
  noSweep: { en: 'Nothing to plot: this loss has no floating-point input to vary.', zh: '无可绘制内容：该损失没有可变化的浮点输入。' },
  compare: { en: 'Compare losses', zh: '对比损失函数' },
  compareNone: { en: 'No comparison', zh: '不对比' },
  compareMissing: { en: '{0} is not available: {1}', zh: '{0} 不可用：{1}' },
  copy: { en: 'Copy as PyTorch code', zh: '复制为 PyTorch 代码' },
  insert: { en: 'Insert at cursor', zh: '插入到光标处' },
  copied: { en: 'PyTorch code copied to the clipboard.', zh: 'PyTorch 代码已复制到剪贴板。' },
  formula: { en: 'Formula', zh: '公式' },
  where: { en: 'where', zh: '其中' },
  shapeDtype: { en: 'shape {0} · {1}', zh: '形状 {0} · {1}' },
  pythonFloat: { en: 'Python float', zh: 'Python 浮点数' },
  notComputed: { en: 'Fix the inputs above to see the result.', zh: '请修正上面的输入以查看结果。' },
  kind_float: { en: 'floating-point tensor', zh: '浮点张量' },
  kind_classes: { en: 'class indices (int64) or class probabilities', zh: '类别索引（int64）或类别概率' },
  kind_index: { en: 'integer tensor', zh: '整数张量' },
  kind_floatOrScalar: { en: 'floating-point tensor or a Python float', zh: '浮点张量或 Python 浮点数' },
} satisfies Record<string, Localized>;

export type StringId = keyof typeof STRINGS;

/** The string in `locale`, with `{0}`, `{1}` … replaced by `args`. */
export function t(locale: Locale, id: StringId, ...args: (string | number)[]): string {
  return STRINGS[id][locale].replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}
