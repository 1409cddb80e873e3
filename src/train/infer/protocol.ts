// What the training worker sends the inference worker over their channel: the weights to answer with, or none.

import type { Architecture } from '../../model/architecture';
import type { WeightsData } from '../protocol';

/**
 * `seq` is the training worker's answer counter when these weights were read (see Prediction):
 * a guess made with them carries it, so the page can tell it from an explanation computed on
 * newer weights.
 */
export type SharedWeights =
  | { type: 'weights'; key: string; architecture: Architecture; epochsDone: number; seq: number; weights: WeightsData }
  | { type: 'clear' };
