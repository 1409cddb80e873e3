// The training worker's side of the inference worker: shares the weights it holds, a few times a second while training.

import type * as tf from '@tensorflow/tfjs';
import type { Architecture } from '../../model/architecture';
import type { WeightsData } from '../protocol';
import type { SharedWeights } from './protocol';

/** While training, weights go to the inference worker at most this often (ms): guesses follow the run closely enough. */
export const SHARE_INTERVAL_MS = 250;

export interface Holder {
  key: string;
  architecture: Architecture;
  epochsDone: number;
}

export class WeightShare {
  private port: MessagePort | null = null;
  private lastLive = -Infinity;

  /** The port to the inference worker (a new one replaces the old); `current` is sent at once when it has a snapshot. */
  attach(port: MessagePort, current: (Holder & { snapshot: WeightsData | null }) | null = null): void {
    this.port?.close();
    this.port = port;
    this.lastLive = -Infinity;
    if (current?.snapshot) this.send(current, current.snapshot);
  }

  get attached(): boolean {
    return this.port !== null;
  }

  /** Share these weights (a copy travels, its buffers transferred). */
  send(holder: Holder, weights: WeightsData): void {
    if (!this.port) return;
    const values = weights.values.map((v) => v.slice());
    const message: SharedWeights = { type: 'weights', key: holder.key, architecture: holder.architecture, epochsDone: holder.epochsDone, weights: { values, shapes: weights.shapes } };
    this.port.postMessage(message, values.map((v) => v.buffer));
  }

  /**
   * During a run: the model's weights as they are now (between two steps), at most every
   * SHARE_INTERVAL_MS. Clones hold them while they are read, since the next step's update
   * replaces (and frees) the variables' tensors.
   */
  async live(holder: Holder, model: tf.LayersModel): Promise<void> {
    if (!this.port || performance.now() - this.lastLive < SHARE_INTERVAL_MS) return;
    this.lastLive = performance.now();
    const copies = model.getWeights().map((w) => w.clone());
    try {
      const values = (await Promise.all(copies.map((c) => c.data()))) as Float32Array[];
      this.send(holder, { values, shapes: copies.map((c) => c.shape.slice()) });
    } finally {
      copies.forEach((c) => c.dispose());
    }
  }

  /** The weights are gone or no longer fit (reset, another network): answer "no network" until new ones come. */
  clear(): void {
    this.port?.postMessage({ type: 'clear' } satisfies SharedWeights);
  }
}
