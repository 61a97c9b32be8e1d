import type { Locale } from '../catalogue';
import zhCn from '../../l10n/bundle.l10n.zh-cn.json';

/**
 * The extension's own strings follow the same locale decision as the server and the catalogue
 * (`lossLens.language` first), which `vscode.l10n` cannot: it only follows VS Code's display language.
 * The bundle is the one VS Code's l10n tooling reads, compiled in.
 */
const BUNDLES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { en: {}, zh: zhCn };

/** `message` in `locale`, with `{0}`, `{1}` … replaced by the arguments. */
export function localize(locale: Locale, message: string, ...args: readonly (string | number)[]): string {
  const template = BUNDLES[locale][message] ?? message;
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] === undefined ? m : String(args[Number(i)])));
}
