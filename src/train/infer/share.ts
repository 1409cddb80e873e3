// The training worker's side of the inference worker: shares the weights it holds, a few times a second while training.

import type * as tf from '@tensorflow/tfjs';
import type { Architecture } from '../../model/architecture';
import { nonFinite } from '../../model/finite';
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

  /** `stamp` numbers each share in the order of the training worker's answers (Inspector.stamp). */
  constructor(private readonly stamp: () => number) {}

  /**
   * The port to the inference worker (a new one replaces the old). It is told at once what there
   * is: `current`'s snapshot, or that there is nothing yet (live weights follow within a report).
   */
  attach(port: MessagePort, current: (Holder & { snapshot: WeightsData | null }) | null = null): void {
    this.port?.close();
    this.port = port;
    this.lastLive = -Infinity;
    if (current?.snapshot) this.send(current, current.snapshot);
    else this.clear();
  }

  get attached(): boolean {
    return this.port !== null;
  }

  /** Share these weights (a copy travels, its buffers transferred); weights with NaN or infinities never go. */
  send(holder: Holder, weights: WeightsData, seq = this.stamp()): void {
    if (!this.port || nonFinite(weights.values)) return;
    const values = weights.values.map((v) => v.slice());
    const message: SharedWeights = { type: 'weights', key: holder.key, architecture: holder.architecture, epochsDone: holder.epochsDone, seq, weights: { values, shapes: weights.shapes } };
    this.port.postMessage(message, values.map((v) => v.buffer));
  }

  /**
   * During a run: the model's weights as they are now (between two steps), at most every
   * SHARE_INTERVAL_MS unless `now` (a pause: the guess should be on exactly what is held).
   * Clones hold them while they are read, since the next step's update replaces (and frees) the
   * variables' tensors.
   */
  async live(holder: Holder, model: tf.LayersModel, now = false): Promise<void> {
    if (!this.port || (!now && performance.now() - this.lastLive < SHARE_INTERVAL_MS)) return;
    this.lastLive = performance.now();
    const seq = this.stamp();
    const copies = model.getWeights().map((w) => w.clone());
    try {
      const values = (await Promise.all(copies.map((c) => c.data()))) as Float32Array[];
      this.send(holder, { values, shapes: copies.map((c) => c.shape.slice()) }, seq);
    } finally {
      copies.forEach((c) => c.dispose());
    }
  }

  /** The weights are gone or no longer fit (reset, another network): answer "no network" until new ones come. */
  clear(): void {
    this.port?.postMessage({ type: 'clear' } satisfies SharedWeights);
  }
}
