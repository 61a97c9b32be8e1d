import type { LossEntry } from './types';
import { bce } from './losses/bce';
import { bceWithLogits } from './losses/bceWithLogits';
import { cosineEmbedding } from './losses/cosineEmbedding';
import { crossEntropy } from './losses/crossEntropy';
import { ctc } from './losses/ctc';
import { gaussianNll } from './losses/gaussianNll';
import { hingeEmbedding } from './losses/hingeEmbedding';
import { huber } from './losses/huber';
import { klDiv } from './losses/klDiv';
import { l1 } from './losses/l1';
import { marginRanking } from './losses/marginRanking';
import { mse } from './losses/mse';
import { multiLabelMargin } from './losses/multiLabelMargin';
import { multiLabelSoftMargin } from './losses/multiLabelSoftMargin';
import { multiMargin } from './losses/multiMargin';
import { nll } from './losses/nll';
import { poissonNll } from './losses/poissonNll';
import { smoothL1 } from './losses/smoothL1';
import { softMargin } from './losses/softMargin';
import { tripletMargin } from './losses/tripletMargin';
import { tripletMarginWithDistance } from './losses/tripletMarginWithDistance';

/** Every `torch.nn` loss, sorted by id. */
export const LOSSES: readonly LossEntry[] = [
  bce,
  bceWithLogits,
  cosineEmbedding,
  crossEntropy,
  ctc,
  gaussianNll,
  hingeEmbedding,
  huber,
  klDiv,
  l1,
  marginRanking,
  mse,
  multiLabelMargin,
  multiLabelSoftMargin,
  multiMargin,
  nll,
  poissonNll,
  smoothL1,
  softMargin,
  tripletMargin,
  tripletMarginWithDistance,
];

const byModule = new Map(LOSSES.map((l) => [l.module, l]));
const byFunctional = new Map(LOSSES.map((l) => [l.functional.name, l]));
const byId = new Map(LOSSES.map((l) => [l.id, l]));

export function lossByModule(module: string): LossEntry | undefined {
  return byModule.get(module);
}

export function lossByFunctional(name: string): LossEntry | undefined {
  return byFunctional.get(name);
}

export function lossById(id: string): LossEntry | undefined {
  return byId.get(id);
}

/**
 * A loss by any name people write: id (`crossEntropy`), class (`CrossEntropyLoss`, `nn.CrossEntropyLoss`,
 * `torch.nn.CrossEntropyLoss`) or functional (`cross_entropy`, `F.cross_entropy`); case-insensitive.
 */
export function lossByName(name: string): LossEntry | undefined {
  const bare = name.trim().replace(/^(torch\.nn\.functional\.|torch\.nn\.|nn\.|F\.)/, '').toLowerCase();
  return LOSSES.find((l) => [l.id, l.module, l.functional.name].some((n) => n.toLowerCase() === bare));
}

export * from './types';
