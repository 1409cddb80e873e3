// Guided explanations of each layer type, after the crash course, with this layer's own numbers.

import type { KernelRegularizer, LayerType } from './architecture';
import { activeRegularizer } from './architecture';
import type { LayerRow } from './analyze';
import { groupDigits } from './format';
import { shapeLabel, shapeSize } from './shape';

export interface LayerGuide {
  /** What the layer does, in the crash course's words. */
  what: string;
  /** What each setting means. */
  settings: string[];
  /** How its parameters and connections are counted. */
  counting: string;
  /** The crash course's advice on using it. */
  tip: string;
}

const REGULARIZER_SETTING =
  'regulariser (Keras’s kernel_regularizer): L2 adds l2 × the sum of the squared kernel weights to the loss, L1 adds l1 × the sum of their sizes; the penalty pulls weights towards 0, which fights overfitting. Biases are left alone.';

export const LAYER_GUIDES: Record<LayerType, LayerGuide> = {
  conv2d: {
    what:
      'A convolutional layer is made of filters and feature maps. A filter is a neuron that sees a small square patch of its input (its receptive field) and is dragged across the whole input; every position gives one activation, and together they form that filter’s feature map. Because one filter is reused everywhere, a feature is found wherever it sits in the image.',
    settings: [
      'filters: how many feature detectors, so how many feature maps come out.',
      'kernel: the side of the receptive field, e.g. 5 for a 5×5 patch.',
      'stride: how far the filter moves between activations.',
      'padding: "valid" keeps the field inside the input; "same" adds zeros around the edge so the output keeps its size (divided by the stride).',
      'activation: the rectifier (relu) is the popular default.',
      REGULARIZER_SETTING,
    ],
    counting: 'Each filter has k·k·channels weights plus 1 bias. Connections = (k·k·channels + 1) · filters · output height · output width.',
    tip: 'Use a stride of 1; use fewer filters near the input and more in deeper layers.',
  },
  maxPooling2d: {
    what:
      'A pooling layer down-samples the feature maps before it, keeping the maximum of each window. It consolidates what the convolutions found and helps generalise, reducing overfitting.',
    settings: ['pool: the side of the window.', 'stride: how far the window moves; equal to the pool size means no overlap.', 'padding: as for convolutions.'],
    counting: 'No weights. Connections = pool·pool · output height · output width · channels (each output reads its window).',
    tip: 'A 2×2 window with stride 2 is almost always used: it discards 75% of the activations.',
  },
  averagePooling2d: {
    what: 'A pooling layer that down-samples each feature map by averaging every window instead of taking its maximum.',
    settings: ['pool: the side of the window.', 'stride: how far the window moves.', 'padding: as for convolutions.'],
    counting: 'No weights. Connections = pool·pool · output height · output width · channels.',
    tip: 'Max pooling is the more common choice for digits; average pooling keeps smoother information.',
  },
  dropout: {
    what: 'Dropout randomly excludes a fraction of the values passing through while training, so the network cannot rely on any single one. It is switched off when the network is tested.',
    settings: ['rate: the fraction dropped, e.g. 0.2 for 20%.'],
    counting: 'No weights and no connections: it only masks values.',
    tip: 'CNNs overfit easily, even with pooling: use dropout between fully connected layers and perhaps after pooling layers.',
  },
  flatten: {
    what: 'Flatten lays the square feature maps out as one long vector, so that fully connected layers can read them.',
    settings: [],
    counting: 'No weights and no connections: height × width × channels values become one vector of the same length.',
    tip: 'Put it between the last convolution or pooling layer and the first dense layer.',
  },
  dense: {
    what:
      'A fully connected layer: every neuron reads every input, plus a bias. At the end of the network, after the convolutional and pooling layers have extracted and consolidated features, dense layers combine them and make the prediction.',
    settings: ['units: how many neurons.', 'activation: relu for hidden layers; softmax on the last layer to output the ten class probabilities.', REGULARIZER_SETTING],
    counting: 'Each neuron has one weight per input plus 1 bias. Connections = parameters = (inputs + 1) · units.',
    tip: 'Use them only at the output end, one, two or more deep; the last must be Dense(10, softmax) for the ten digits.',
  },
  batchNormalization: {
    what:
      'Batch normalisation rescales each channel to zero mean and unit variance over the batch, then applies a learnt scale and shift. It lets networks train faster and more reliably (it came after the crash course).',
    settings: [],
    counting: '4 numbers per channel: a scale and a shift that are learnt, and a running mean and variance that are tracked. No connections are counted.',
    tip: 'Put it right after a convolution or dense layer, before the next non-linearity or pooling.',
  },
};

const fmt = groupDigits;

/** The crash course's walk-through for this very layer, e.g. "26 weights per filter … 203,840 connections". */
export function workedExample(row: LayerRow): string | null {
  const { layer, inputShape: input, outputShape: output } = row;
  if (!input || !output) return null;
  switch (layer.type) {
    case 'conv2d': {
      if (input.kind !== 'spatial' || output.kind !== 'spatial') return null;
      const k = layer.kernelSize;
      const perFilter = k * k * input.channels + 1;
      const positions = output.height * output.width;
      return (
        `Each filter sees ${k}×${k}×${input.channels} = ${fmt(k * k * input.channels)} values, so it needs ${fmt(perFilter)} weights (plus 1 for the bias). ` +
        `Dragged across the ${input.height}×${input.width} input with a stride of ${layer.strides}, it gives a ${output.height}×${output.width} feature map: ${fmt(positions)} activations. ` +
        `${fmt(layer.filters)} filters make ${fmt(layer.filters)} feature maps, ${fmt(shapeSize(output))} outputs, and ${fmt(perFilter)} × ${fmt(layer.filters)} × ${output.height} × ${output.width} = ${fmt(row.connections)} connections.`
      );
    }
    case 'maxPooling2d':
    case 'averagePooling2d': {
      if (input.kind !== 'spatial' || output.kind !== 'spatial') return null;
      const op = layer.type === 'maxPooling2d' ? 'maximum' : 'average';
      return (
        `A ${layer.poolSize}×${layer.poolSize} window moved ${layer.strides} at a time takes the ${op} of each window: ` +
        `${fmt(input.channels)} feature maps of ${input.height}×${input.width} become ${fmt(output.channels)} of ${output.height}×${output.width}.`
      );
    }
    case 'dense': {
      const inputs = shapeSize(input);
      return `Each of the ${fmt(layer.units)} neurons has ${fmt(inputs)} + 1 = ${fmt(inputs + 1)} weights, so the layer has ${fmt(row.params)} connections and weights to learn.`;
    }
    case 'flatten':
      return `${shapeLabel(input)} feature maps are laid out as a vector of ${fmt(shapeSize(output))} values.`;
    case 'dropout':
      return `While training, about ${Math.round(layer.rate * 100)}% of the ${fmt(shapeSize(input))} values are set to zero at random (and the rest scaled up to match).`;
    case 'batchNormalization': {
      const channels = input.kind === 'spatial' ? input.channels : input.units;
      return `${fmt(channels)} channels × 4 = ${fmt(row.params)} numbers, ${fmt(row.trainableParams)} of them learnt.`;
    }
  }
}

/** "0.0001·Σ|w| + 0.0005·Σw²": what a kernel regulariser adds to the loss. */
export function penaltyFormula(r: KernelRegularizer): string {
  return [r.l1 !== 0 ? `${r.l1}·Σ|w|` : null, r.l2 !== 0 ? `${r.l2}·Σw²` : null].filter((t) => t !== null).join(' + ');
}

/** What this layer's kernel regulariser adds to the loss, with its own numbers; null without one. */
export function regularizerExample(row: LayerRow): string | null {
  const reg = activeRegularizer(row.layer);
  if (!reg || row.params === 0) return null;
  const biases = row.layer.type === 'conv2d' ? row.layer.filters : row.layer.type === 'dense' ? row.layer.units : 0;
  const weights = row.params - biases;
  return (
    `The regulariser adds ${penaltyFormula(reg)} over this layer’s ${fmt(weights)} kernel weights (not its ${fmt(biases)} biases) to the loss at every batch, as Keras does; ` +
    'the training loss and val_loss shown include it, so they sit a little above the cross-entropy alone.'
  );
}
