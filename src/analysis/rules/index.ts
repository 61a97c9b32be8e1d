import type { Rule } from './rule';
import { bceIntegerTarget } from './bceIntegerTarget';
import { bceOnLogits } from './bceOnLogits';
import { bceUnderAutocast } from './bceUnderAutocast';
import { crossEntropySingleLogit } from './crossEntropySingleLogit';
import { ctcNonLogInput } from './ctcNonLogInput';
import { deprecatedReductionArgs } from './deprecatedReductionArgs';
import { embeddingLoss01Labels } from './embeddingLoss01Labels';
import { ignoreIndexPaddingMismatch } from './ignoreIndexPaddingMismatch';
import { klDivLogTargetMismatch } from './klDivLogTargetMismatch';
import { klDivNonLogInput } from './klDivNonLogInput';
import { klDivReductionMean } from './klDivReductionMean';
import { logOfSoftmax } from './logOfSoftmax';
import { lossClassNotInstantiated } from './lossClassNotInstantiated';
import { mseOnClassLabels } from './mseOnClassLabels';
import { nllWithoutLogSoftmax } from './nllWithoutLogSoftmax';
import { oneHotCrossEntropyTarget } from './oneHotCrossEntropyTarget';
import { poissonLogInputMismatch } from './poissonLogInputMismatch';
import { sigmoidBeforeBceWithLogits } from './sigmoidBeforeBceWithLogits';
import { sigmoidBeforeCrossEntropy } from './sigmoidBeforeCrossEntropy';
import { softmaxBeforeCrossEntropy } from './softmaxBeforeCrossEntropy';
import { swappedLossArguments } from './swappedLossArguments';

/** Every rule, ordered by code. */
export const RULES: readonly Rule[] = [
  bceOnLogits, // LL101
  sigmoidBeforeBceWithLogits, // LL102
  softmaxBeforeCrossEntropy, // LL103
  nllWithoutLogSoftmax, // LL104
  klDivNonLogInput, // LL105
  logOfSoftmax, // LL106
  crossEntropySingleLogit, // LL107
  sigmoidBeforeCrossEntropy, // LL108
  klDivLogTargetMismatch, // LL110
  ctcNonLogInput, // LL111
  poissonLogInputMismatch, // LL112
  oneHotCrossEntropyTarget, // LL201
  bceIntegerTarget, // LL202
  embeddingLoss01Labels, // LL203
  mseOnClassLabels, // LL204
  ignoreIndexPaddingMismatch, // LL206
  klDivReductionMean, // LL301
  deprecatedReductionArgs, // LL302
  lossClassNotInstantiated, // LL303
  swappedLossArguments, // LL304
  bceUnderAutocast, // LL305
];

const byCode = new Map(RULES.map((r) => [r.meta.code, r]));
const bySlug = new Map(RULES.map((r) => [r.meta.slug, r]));

/** A rule by code (`LL101`) or slug (`bce-on-logits`), case-insensitive for codes. */
export function findRule(codeOrSlug: string): Rule | undefined {
  return byCode.get(codeOrSlug.toUpperCase()) ?? bySlug.get(codeOrSlug.toLowerCase());
}

export type { Rule, RuleMeta } from './rule';
