import type { LossImpl } from '../loss';
import { bce } from './bce';
import { bceWithLogits } from './bceWithLogits';
import { cosineEmbedding } from './cosineEmbedding';
import { crossEntropy } from './crossEntropy';
import { ctc } from './ctc';
import { gaussianNll } from './gaussianNll';
import { hingeEmbedding } from './hingeEmbedding';
import { huber } from './huber';
import { klDiv } from './klDiv';
import { l1 } from './l1';
import { marginRanking } from './marginRanking';
import { mse } from './mse';
import { multiLabelMargin } from './multiLabelMargin';
import { multiLabelSoftMargin } from './multiLabelSoftMargin';
import { multiMargin } from './multiMargin';
import { nll } from './nll';
import { poissonNll } from './poissonNll';
import { smoothL1 } from './smoothL1';
import { softMargin } from './softMargin';
import { tripletMargin } from './tripletMargin';
import { tripletMarginWithDistance } from './tripletMarginWithDistance';

/** The engine's losses, sorted by id; one line per loss. */
export const LOSS_IMPLS: readonly LossImpl[] = [
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
