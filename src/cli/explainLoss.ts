import { lossByName, type Locale } from '../catalogue';
import { renderEntry } from '../catalogue/render';

/**
 * `loss-lens explain CrossEntropyLoss [--lang zh-cn]`: the loss's catalogue entry as markdown, the same
 * text the editor's hover shows. Undefined when the arguments name no loss, so rule codes and usage
 * errors go on to the rule explainer.
 */
export function explainLoss(argv: readonly string[]): string | undefined {
  let locale: Locale = 'en';
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '--lang') names.push(argv[i]);
    else if (argv[i + 1] === 'zh-cn' || argv[i + 1] === 'en') locale = argv[++i] === 'zh-cn' ? 'zh' : 'en';
    else return undefined;
  }
  const entry = names.length === 1 ? lossByName(names[0]) : undefined;
  return entry && renderEntry(entry, { locale, formulas: 'all' }) + '\n';
}
