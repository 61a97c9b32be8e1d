import { localize, type Locale, type Localized } from '../catalogue';

/** Fills `{name}` placeholders; the only place rule text is produced. */
export function format(template: Localized, locale: Locale, data: Readonly<Record<string, string | Localized>> = {}): string {
  return localize(template, locale).replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = data[k];
    if (v === undefined) return m;
    return typeof v === 'string' ? v : localize(v, locale);
  });
}
