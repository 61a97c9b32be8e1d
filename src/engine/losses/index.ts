import type { LossImpl } from '../loss';
import { mse } from './mse';

/** The engine's losses, sorted by id; one line per loss. */
export const LOSS_IMPLS: readonly LossImpl[] = [
  mse,
];
