// The kernel regularisers' penalty, added to the loss the way Keras (and tfjs's own model.fit) add it.

import * as tf from '@tensorflow/tfjs';

/**
 * The layers' regularisation terms (l1·Σ|w| + l2·Σw² per regularised kernel, from tfjs's own
 * L1L2), as a list of scalars. A Sequential's own calculateLosses() sees no layers until it is
 * compiled, so ask each layer.
 */
function terms(model: tf.LayersModel): tf.Scalar[] {
  return model.layers.flatMap((layer) => layer.calculateLosses());
}

/** `loss` plus every penalty, inside the function the optimiser differentiates. */
export function withPenalties(model: tf.LayersModel, loss: tf.Scalar): tf.Scalar {
  const extra = terms(model);
  return extra.length === 0 ? loss : (tf.addN([loss, ...extra]) as tf.Scalar);
}

/** The penalty the weights carry now (0 without regularisers), read from the device. */
export async function penaltyOf(model: tf.LayersModel): Promise<number> {
  if (!model.layers.some((layer) => layer.losses.length > 0)) return 0;
  const total = tf.tidy(() => tf.addN(terms(model)) as tf.Scalar);
  try {
    return (await total.data())[0]!;
  } finally {
    total.dispose();
  }
}
