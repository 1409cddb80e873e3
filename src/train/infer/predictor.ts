// The inference worker's state: the latest shared weights as a model, and the guesses it answers with.

import type * as tf from '@tensorflow/tfjs';
import type { Architecture } from '../../model/architecture';
import type { Prediction } from '../protocol';
import { NO_NETWORK, predictDigit } from '../inspect';
import { modelWithWeights } from '../modelFiles';
import { restoreSnapshot } from '../trainer';
import type { SharedWeights } from './protocol';

export class Predictor {
  private current: { key: string; model: tf.Sequential; architecture: Architecture; epochsDone: number; seq: number } | null = null;

  /** Take the weights the training worker shared (rebuilding the model only when the network changed). */
  receive(message: SharedWeights): void {
    if (message.type === 'clear') {
      this.drop();
      return;
    }
    const { key, architecture, epochsDone, seq, weights } = message;
    if (this.current?.key === key) {
      // The same network (same key, so the same shapes): the new values go into the model it has.
      restoreSnapshot(this.current.model, weights);
      this.current.epochsDone = epochsDone;
      this.current.seq = seq;
      return;
    }
    this.drop();
    this.current = { key, model: modelWithWeights(architecture, weights), architecture, epochsDone, seq };
  }

  /** The guess for a drawn digit, exactly as the training worker's inspector makes it; throws NO_NETWORK without weights. */
  async predict(pixels: Uint8Array): Promise<Prediction> {
    const c = this.current;
    if (!c) throw new Error(NO_NETWORK);
    return predictDigit(c, pixels, c.seq);
  }

  /** Forget the weights (a new channel: they belonged to a training worker that may be gone). */
  drop(): void {
    this.current?.model.dispose();
    this.current = null;
  }
}
