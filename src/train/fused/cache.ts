// Tensors a training run computes once and reuses every step (seeded dropout's masks), freed when the run ends.

import * as tf from '@tensorflow/tfjs';

export class StepCache {
  private readonly tensors = new Map<string, tf.Tensor>();

  /** The tensor under `key`, made (and kept out of every tidy) the first time it is asked for. */
  get(key: string, make: () => tf.Tensor): tf.Tensor {
    let t = this.tensors.get(key);
    if (t === undefined) {
      t = tf.keep(tf.tidy(make));
      this.tensors.set(key, t);
    }
    return t;
  }

  get size(): number {
    return this.tensors.size;
  }

  dispose(): void {
    tf.dispose([...this.tensors.values()]);
    this.tensors.clear();
  }
}
