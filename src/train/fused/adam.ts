// Adam's update on the fused path: tfjs's AdamOptimizer step, state and all, with one kernel a variable instead of 14.
//
// The optimiser object stays tfjs's own (its moments, β powers and iteration count live where
// tfjs keeps them, so getWeights, setWeights, dispose and a later stock step all see the same
// state); only applyGradients is replaced, and only for the stock class on wasm. Subclasses
// and other optimisers take their own applyGradients.

import * as tf from '@tensorflow/tfjs';
import type { AdamAttrs } from '../kernels/fusedWasm';
import { ADAM_UPDATE } from '../kernels/fusedWasm';

interface Moment {
  originalName: string;
  variable: tf.Variable;
}

/** The fields of tfjs's AdamOptimizer that its applyGradients uses (private in its typings). */
interface AdamInternals {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: (Moment | undefined)[];
  accumulatedSecondMoment: (Moment | undefined)[];
  incrementIterations(): void;
}

/** Exactly tfjs's Adam (not a subclass that may change the update). */
export function isStockAdam(optimizer: tf.Optimizer): optimizer is tf.AdamOptimizer {
  return Object.getPrototypeOf(optimizer) === tf.AdamOptimizer.prototype;
}

/** What AdamOptimizer.applyGradients does, moment slot for slot, on the fused kernel. */
export function applyAdam(optimizer: tf.AdamOptimizer, grads: tf.NamedTensorMap): void {
  const a = optimizer as unknown as AdamInternals;
  const attrs: AdamAttrs = { beta1: a.beta1, beta2: a.beta2, learningRate: a.learningRate, epsilon: a.epsilon };
  tf.tidy(() => {
    Object.keys(grads).forEach((name, i) => {
      const value = tf.engine().registeredVariables[name]!;
      const moment = (suffix: string): Moment => ({ originalName: `${name}/${suffix}`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) });
      a.accumulatedFirstMoment[i] ??= moment('m');
      a.accumulatedSecondMoment[i] ??= moment('v');
      const g = grads[name];
      if (g == null) return;
      const m = a.accumulatedFirstMoment[i].variable;
      const v = a.accumulatedSecondMoment[i].variable;
      const inputs = { value, m, v, g, accBeta1: a.accBeta1, accBeta2: a.accBeta2 };
      const [w2, m2, v2] = tf.engine().runKernel(ADAM_UPDATE, inputs, attrs as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];
      m.assign(m2!);
      v.assign(v2!);
      value.assign(w2!);
    });
    a.accBeta1.assign(tf.mul(a.accBeta1, a.beta1));
    a.accBeta2.assign(tf.mul(a.accBeta2, a.beta2));
  });
  a.incrementIterations();
}
