import { localize, type Locale } from '../catalogue';
import { RULES, type Rule } from './rules';

/** Where each rule's documentation lives (the README's rule table, one anchor per code). */
export const RULES_DOC_URL = 'https://github.com/loss-lens/loss-lens/blob/main/README.md';

export function ruleDocsUrl(code: string): string {
  return `${RULES_DOC_URL}#${code.toLowerCase()}`;
}

const FIXABLE: Record<Rule['meta']['fixable'], { en: string; zh: string }> = {
  always: { en: 'yes', zh: '是' },
  sometimes: { en: 'sometimes', zh: '部分' },
  none: { en: 'no', zh: '否' },
};

/** The README table: one row per rule, generated from the rule metadata. */
export function rulesMarkdownTable(locale: Locale = 'en'): string {
  const head = locale === 'zh' ? '| 代码 | 名称 | 检查内容 | 严重性 | 可自动修复 |' : '| code | slug | flags | severity | fix |';
  const rows = RULES.map((r) => {
    const m = r.meta;
    const summary = localize(m.docs.summary, locale).replace(/\|/g, '\\|');
    return `| <a id="${m.code.toLowerCase()}"></a>\`${m.code}\` | \`${m.slug}\` | ${summary} | ${m.severity} | ${localize(FIXABLE[m.fixable], locale)} |`;
  });
  return [head, '| --- | --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}

/** `loss-lens rules`: one aligned line per rule. */
export function rulesText(locale: Locale = 'en'): string {
  const w = Math.max(...RULES.map((r) => r.meta.slug.length));
  return RULES.map((r) => `${r.meta.code}  ${r.meta.slug.padEnd(w)}  ${localize(r.meta.docs.summary, locale)}`).join('\n') + '\n';
}

/** `loss-lens explain LL101`: the rule's full documentation. */
export function explainRule(rule: Rule, locale: Locale = 'en'): string {
  const m = rule.meta;
  const L = locale === 'zh' ? { why: '为什么有问题', bad: '示例', good: '改为', fix: '自动修复', sev: '严重性' } : { why: 'Why is this bad?', bad: 'Example', good: 'Use instead', fix: 'Fix', sev: 'Severity' };
  const fixTitles = Object.values(m.fixes).map((f) => `  - ${localize(f, locale).replace(/\{\w+\}/g, '…')}`);
  return [
    `${m.code} (${m.slug}): ${localize(m.docs.summary, locale)}`,
    '',
    `${L.sev}: ${m.severity}    ${L.fix}: ${localize(FIXABLE[m.fixable], locale)}`,
    ...(fixTitles.length ? fixTitles : []),
    '',
    `## ${L.why}`,
    localize(m.docs.why, locale),
    '',
    `## ${L.bad}`,
    '```python',
    localize(m.docs.bad, locale).trimEnd(),
    '```',
    '',
    `## ${L.good}`,
    '```python',
    localize(m.docs.good, locale).trimEnd(),
    '```',
    '',
  ].join('\n');
}
