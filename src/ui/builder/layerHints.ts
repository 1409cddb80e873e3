// One-line explanations of each layer type, after the crash course.
import type { LayerType } from '../../model/architecture';

export const LAYER_HINTS: Record<LayerType, string> = {
  conv2d: 'Filters slide over the image; each produces a feature map. Weights per filter: k·k·channels + 1 bias.',
  maxPooling2d: 'Down-samples each feature map, keeping the largest value of every window.',
  averagePooling2d: 'Down-samples each feature map, averaging every window.',
  dropout: 'Randomly drops a fraction of values while training, to reduce overfitting.',
  flatten: 'Turns the feature maps into one long vector for the dense layers.',
  dense: 'Fully connected: every neuron reads every input, plus a bias.',
  batchNormalization: 'Normalises each channel to zero mean and unit variance, then scales and shifts.',
};
