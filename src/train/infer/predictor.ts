// The inference worker's state: the latest shared weights as a model, and the guesses it answers with.

import type * as tf from '@tensorflow/tfjs';
import type { Architecture } from '../../model/architecture';
import type { Maybe, Prediction } from '../protocol';
import { NO_NETWORK, predictDigit } from '../inspect';
import { modelWithWeights } from '../modelFiles';
import { restoreSnapshot } from '../trainer';
import type { SharedWeights } from './protocol';

export class Predictor {
  private current: { key: string; model: tf.Sequential; architecture: Architecture; epochsDone: number } | null = null;

  /** Take the weights the training worker shared (rebuilding the model only when the network changed). */
  receive(message: SharedWeights): void {
    if (message.type === 'clear') {
      this.drop();
      return;
    }
    const { key, architecture, epochsDone, weights } = message;
    if (this.current?.key === key) {
      // The same network (same key, so the same shapes): the new values go into the model it has.
      restoreSnapshot(this.current.model, weights);
      this.current.epochsDone = epochsDone;
      return;
    }
    this.drop();
    this.current = { key, model: modelWithWeights(architecture, weights), architecture, epochsDone };
  }

  async predict(pixels: Uint8Array): Promise<Maybe<Prediction>> {
    const c = this.current;
    if (!c) return { ok: false, reason: NO_NETWORK };
    try {
      return { ok: true, value: await predictDigit(c, pixels) };
    } catch (e) {
      return { ok: false, reason: e instanceof Error ? e.message : String(e) };
    }
  }

  private drop(): void {
    this.current?.model.dispose();
    this.current = null;
  }
}
