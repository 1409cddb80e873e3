// Messages of the inference worker, which answers the drawn digit's guess while the training worker trains.

import type { Architecture } from '../../model/architecture';
import type { Maybe, Prediction, WeightsData } from '../protocol';

/** What the training worker sends over its port to the inference worker: the weights to answer with, or none. */
export type SharedWeights =
  | { type: 'weights'; key: string; architecture: Architecture; epochsDone: number; weights: WeightsData }
  | { type: 'clear' };

export type ToInferenceWorker =
  /** The port the training worker shares weights on; a new one replaces the old (a restarted training worker). */
  | { type: 'weightsPort'; port: MessagePort }
  /** As the training worker's 'predict': one preprocessed 28×28 digit. */
  | { type: 'predict'; requestId: number; pixels: Uint8Array };

export type FromInferenceWorker =
  /** The worker's backend started: it can answer from now on. */
  | { type: 'ready'; backend: string }
  | { type: 'failed'; message: string }
  | { type: 'predict'; requestId: number; answer: Maybe<Prediction> };
