import type { Localized } from '../catalogue';

/** The server's own user-facing words; rule messages and loss documentation come from the cores. */
export const STRINGS = {
  gradient: { en: 'Gradient of the loss', zh: '损失的梯度' },
  openCalculator: { en: 'Open in Loss Calculator', zh: '在损失计算器中打开' },
  inlineBudget: {
    en: 'Inline values are computed while you type, within a small budget; the Loss Calculator evaluates larger inputs.',
    zh: '行内数值在输入时计算，工作量受限；更大的输入请在损失计算器中求值。',
  },
  evaluateInCalculator: { en: 'Evaluate in Loss Calculator', zh: '在损失计算器中求值' },
  evaluateLossInCalculator: { en: 'Evaluate {0} in Loss Calculator', zh: '在损失计算器中对 {0} 求值' },
  suppress: { en: 'Suppress with `# noqa: {0}`', zh: '用 `# noqa: {0}` 抑制' },
  openRelated: { en: 'Open {0}:{1} (fix it there)', zh: '打开 {0}:{1}（在那里修复）' },
  indexing: { en: 'Loss Lens: listing Python files', zh: 'Loss Lens：正在列出 Python 文件' },
} satisfies Record<string, Localized>;

/** `{0}`, `{1}` … replaced by the arguments, in order. */
export function fill(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] === undefined ? m : String(args[Number(i)])));
}
