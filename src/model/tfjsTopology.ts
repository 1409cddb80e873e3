// The TF.js layers-model topology of a network, as tfjs-layers writes it (snake_case Keras configs).

import type { Architecture, Layer } from './architecture';
import { activeRegularizer, assertNever } from './architecture';

export interface TfjsLayerConfig {
  class_name: string;
  config: Record<string, unknown>;
}

/** The layer names the app gives tfjs (layer i of the architecture is `layer_i`), so weights are `layer_i/kernel`. */
export const tfjsLayerName = (index: number) => `layer_${index}`;

function regularizer(layer: Layer) {
  const r = activeRegularizer(layer);
  return r ? { class_name: 'L1L2', config: { l1: r.l1, l2: r.l2 } } : null;
}

function config(layer: Layer, batchNormMomentum: number): TfjsLayerConfig {
  switch (layer.type) {
    case 'conv2d':
      return {
        class_name: 'Conv2D',
        config: {
          filters: layer.filters,
          kernel_size: [layer.kernelSize, layer.kernelSize],
          strides: [layer.strides, layer.strides],
          padding: layer.padding,
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          activation: layer.activation,
          use_bias: true,
          kernel_regularizer: regularizer(layer),
        },
      };
    case 'maxPooling2d':
    case 'averagePooling2d':
      return {
        class_name: layer.type === 'maxPooling2d' ? 'MaxPooling2D' : 'AveragePooling2D',
        config: { pool_size: [layer.poolSize, layer.poolSize], strides: [layer.strides, layer.strides], padding: layer.padding, data_format: 'channels_last' },
      };
    case 'dropout':
      return { class_name: 'Dropout', config: { rate: layer.rate } };
    case 'flatten':
      return { class_name: 'Flatten', config: {} };
    case 'dense':
      return { class_name: 'Dense', config: { units: layer.units, activation: layer.activation, use_bias: true, kernel_regularizer: regularizer(layer) } };
    case 'batchNormalization':
      return { class_name: 'BatchNormalization', config: { axis: -1, momentum: batchNormMomentum, epsilon: 0.001, center: true, scale: true } };
    default:
      return assertNever(layer);
  }
}

/**
 * One config per layer, named as the app names them; the first carries the input shape. tfjs
 * fills what is left out (initialisers, constraints) with its defaults when it reads them back.
 */
export function tfjsLayerConfigs(arch: Architecture, batchNormMomentum: number): TfjsLayerConfig[] {
  const { height, width, channels } = arch.input;
  return arch.layers.map((layer, i) => {
    const c = config(layer, batchNormMomentum);
    const first = i === 0 ? { batch_input_shape: [null, height, width, channels], dtype: 'float32' } : {};
    return { class_name: c.class_name, config: { name: tfjsLayerName(i), trainable: true, ...first, ...c.config } };
  });
}
