import katex from 'katex';
import type { Locale, LossEntry, LossSignature } from '../catalogue';
import { h, richText } from './dom';
import { t } from './strings';
import { own } from '../calculator/own';

/** Catalogue entries gain their documentation over time; a bare signature simply shows less. */
function entry(sig: LossSignature): Partial<LossEntry> {
  return sig as Partial<LossEntry>;
}

/**
 * The summary, the formula for the reduction in force, and what its symbols mean, in the
 * display language. `katex.render` builds DOM nodes (styles via the CSSOM), so the page's
 * CSP needs no 'unsafe-inline'.
 */
export function renderDoc(section: HTMLElement, sig: LossSignature, reduction: string, locale: Locale): void {
  const e = entry(sig);
  section.replaceChildren(h('h2', {}, `nn.${sig.module}`, h('span', { class: 'muted' }, `  F.${sig.functional.name}`)));
  if (e.summary) section.append(h('p', { class: 'summary' }, richText(e.summary[locale])));
  if (!e.formula) return;
  const variants: [string, string | undefined][] = [['unreduced', e.formula.unreduced]];
  // `reduction` is whatever the user typed: `constructor` or `toString` must find no formula.
  const reduced = reduction === 'none' ? undefined : own(e.formula as unknown as Record<string, string | undefined>, reduction);
  if (reduced) variants.push([reduction, reduced]);
  const box = h('div', { class: 'formula', 'aria-label': t(locale, 'formula') });
  for (const [, tex] of variants) {
    if (!tex) continue;
    const el = h('div', { class: 'formula-line' });
    katex.render(tex, el, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
    box.append(el);
  }
  section.append(box);
  if (e.formula.where) section.append(h('p', { class: 'muted where' }, `${t(locale, 'where')}: `, richText(e.formula.where[locale])));
}
