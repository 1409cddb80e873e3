// tfjs optimisers from the training settings, every setting passed explicitly (never the backend's default).

import * as tf from '@tensorflow/tfjs';
import type { OptimizerName, OptimizerOptions } from '../model/optimizers';
import { DEFAULT_OPTIMIZER_OPTIONS, OPTIMIZER_INFO } from '../model/optimizers';

/**
 * `options` default to Keras's values for the optimiser. The epsilon is passed explicitly: left
 * out, tfjs takes the backend's, which is 1e-4 rather than 1e-7 on a WebGL device with 16-bit
 * floats. Adagrad is the exception: tfjs gives it no epsilon argument and always uses the backend's.
 */
export function makeOptimizer(name: OptimizerName, learningRate: number, options: Partial<OptimizerOptions> = {}): tf.Optimizer {
  const o: OptimizerOptions = { ...DEFAULT_OPTIMIZER_OPTIONS, ...OPTIMIZER_INFO[name].defaults, ...options };
  switch (name) {
    case 'adam':
      return tf.train.adam(learningRate, o.beta1, o.beta2, o.epsilon);
    case 'sgd':
      // tfjs's momentum optimiser with momentum 0 is plain SGD with an extra buffer; keep them apart.
      return o.momentum > 0 ? tf.train.momentum(learningRate, o.momentum, o.nesterov) : tf.train.sgd(learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate, o.rho, o.momentum, o.epsilon, false);
    case 'adagrad':
      return tf.train.adagrad(learningRate, o.initialAccumulator);
    case 'adadelta':
      return tf.train.adadelta(learningRate, o.rho, o.epsilon);
    case 'adamax':
      return tf.train.adamax(learningRate, o.beta1, o.beta2, o.epsilon, 0);
  }
}
