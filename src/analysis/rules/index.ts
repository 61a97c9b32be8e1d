import type { Rule } from './rule';
import { bceOnLogits } from './bceOnLogits';
import { crossEntropySingleLogit } from './crossEntropySingleLogit';
import { klDivNonLogInput } from './klDivNonLogInput';
import { logOfSoftmax } from './logOfSoftmax';
import { nllWithoutLogSoftmax } from './nllWithoutLogSoftmax';
import { sigmoidBeforeBceWithLogits } from './sigmoidBeforeBceWithLogits';
import { softmaxBeforeCrossEntropy } from './softmaxBeforeCrossEntropy';

/** Every rule, ordered by code. */
export const RULES: readonly Rule[] = [
  bceOnLogits, // LL101
  sigmoidBeforeBceWithLogits, // LL102
  softmaxBeforeCrossEntropy, // LL103
  nllWithoutLogSoftmax, // LL104
  klDivNonLogInput, // LL105
  logOfSoftmax, // LL106
  crossEntropySingleLogit, // LL107
];

const byCode = new Map(RULES.map((r) => [r.meta.code, r]));
const bySlug = new Map(RULES.map((r) => [r.meta.slug, r]));

/** A rule by code (`LL101`) or slug (`bce-on-logits`), case-insensitive for codes. */
export function findRule(codeOrSlug: string): Rule | undefined {
  return byCode.get(codeOrSlug.toUpperCase()) ?? bySlug.get(codeOrSlug.toLowerCase());
}

export type { Rule, RuleMeta } from './rule';
