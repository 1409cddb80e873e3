// The PyTorch nn.Module of a network, layer for layer as the browser's tfjs model computes it.

import type { LayerRow } from '../analyze';
import { analyze } from '../analyze';
import type { Activation, Architecture } from '../architecture';
import { assertNever } from '../architecture';
import { py } from '../python';
import type { Shape } from '../shape';

/** TensorFlow's "same" padding along one side of length n: the extra cell goes after (below, right). */
export function samePadding(n: number, window: number, stride: number): { before: number; after: number } {
  const out = Math.ceil(n / stride);
  const total = Math.max((out - 1) * stride + window - n, 0);
  const before = Math.floor(total / 2);
  return { before, after: total - before };
}

const size = (s: Shape) => (s.kind === 'flat' ? String(s.units) : `${s.height}x${s.width}x${s.channels}`);

/** `expr` through the activation; softmax over dim 1, which is the channels of NCHW and the units of a flat batch. */
function activate(activation: Activation, expr: string): string {
  switch (activation) {
    case 'relu':
      return `F.relu(${expr})`;
    case 'sigmoid':
      return `torch.sigmoid(${expr})`;
    case 'tanh':
      return `torch.tanh(${expr})`;
    case 'softmax':
      return `F.softmax(${expr}, dim=1)`;
    case 'linear':
      return expr;
    default:
      return assertNever(activation);
  }
}

interface Pads {
  /** Symmetric padding PyTorch's own layer can apply. */
  inside: number;
  /** (left, right, top, bottom) for F.pad when TensorFlow pads one side more; null otherwise. */
  explicit: string | null;
}

function pads(row: LayerRow, window: number, stride: number, padding: 'valid' | 'same'): Pads {
  const input = row.inputShape;
  if (padding === 'valid' || !input || input.kind !== 'spatial') return { inside: 0, explicit: null };
  const { before, after } = samePadding(input.height, window, stride);
  if (before === after) return { inside: before, explicit: null };
  return { inside: 0, explicit: `(${before}, ${after}, ${before}, ${after})` };
}

export interface NetworkCode {
  /** Lines of __init__ after super().__init__(). */
  init: string[];
  /** Lines of forward between its def and its return. */
  forward: string[];
  /** Helper functions the forward pass needs (average pooling with uneven "same" padding). */
  helpers: string[];
  /** The attributes holding a kernel and a bias, in order. */
  weighted: string[];
}

const AVERAGE_POOL_SAME = [
  'def average_pool_same(x, size, stride, pads):',
  '    """Average pooling with TensorFlow\'s uneven "same" padding: padded cells are left out of each average."""',
  '    total = F.avg_pool2d(F.pad(x, pads), size, stride)',
  '    count = F.avg_pool2d(F.pad(torch.ones_like(x[:1, :1]), pads), size, stride)',
  '    return total / count',
];

/** Keras's momentum 0.99 keeps 99% of the old statistic; PyTorch's momentum is the share of the new one. */
export function torchMomentum(kerasMomentum: number): number {
  return Math.round((1 - kerasMomentum) * 1e6) / 1e6;
}

/**
 * The code of class Net for `arch`: `batchSize` only for the note on batch normalisation's running
 * variance, `momentum` its Keras momentum (batchNormMomentum of the settings).
 */
export function networkCode(arch: Architecture, momentum: number, batchSize: number): NetworkCode {
  const rows = analyze(arch).rows;
  const last = rows.length - 1;
  const code: NetworkCode = { init: [], forward: [], helpers: [], weighted: [] };
  for (const row of rows) {
    const { layer, index, inputShape: input, outputShape: output } = row;
    if (!input || !output) throw new Error(`Layer ${index + 1} cannot be computed; fix the network first.`);
    const name = `layer_${index}`;
    const self = `self.${name}`;
    const shapes = `${size(input)} -> ${size(output)}`;
    switch (layer.type) {
      case 'conv2d': {
        if (input.kind !== 'spatial') throw new Error('Conv2D needs a volume.');
        const p = pads(row, layer.kernelSize, layer.strides, layer.padding);
        code.init.push(
          `# ${name}: Conv2D, ${layer.filters} filters of ${layer.kernelSize}x${layer.kernelSize}, stride ${layer.strides}, padding "${layer.padding}", ${layer.activation}: ${shapes}`,
          `${self} = nn.Conv2d(${input.channels}, ${layer.filters}, kernel_size=${layer.kernelSize}, stride=${layer.strides}, padding=${p.inside})`,
        );
        if (p.explicit) code.forward.push(`x = F.pad(x, ${p.explicit})  # "same" as TensorFlow pads: the extra column on the right, the extra row below`);
        code.forward.push(`x = ${activate(layer.activation, `${self}(x)`)}`);
        code.weighted.push(name);
        break;
      }
      case 'maxPooling2d': {
        const p = pads(row, layer.poolSize, layer.strides, layer.padding);
        code.init.push(`# ${name}: MaxPooling2D ${layer.poolSize}x${layer.poolSize}, stride ${layer.strides}, padding "${layer.padding}": ${shapes}`);
        code.init.push(`${self} = nn.MaxPool2d(kernel_size=${layer.poolSize}, stride=${layer.strides}, padding=${p.inside})`);
        if (p.explicit) code.forward.push(`x = F.pad(x, ${p.explicit}, value=float("-inf"))  # TensorFlow's "same": padded cells never win`);
        code.forward.push(`x = ${self}(x)`);
        break;
      }
      case 'averagePooling2d': {
        const p = pads(row, layer.poolSize, layer.strides, layer.padding);
        code.init.push(`# ${name}: AveragePooling2D ${layer.poolSize}x${layer.poolSize}, stride ${layer.strides}, padding "${layer.padding}": ${shapes}`);
        if (p.explicit) {
          code.init.push('# (uneven "same" padding: see average_pool_same)');
          code.forward.push(`x = average_pool_same(x, ${layer.poolSize}, ${layer.strides}, ${p.explicit})`);
          if (code.helpers.length === 0) code.helpers.push(...AVERAGE_POOL_SAME);
        } else {
          // count_include_pad=False: TensorFlow averages over the cells inside the input only.
          code.init.push(`${self} = nn.AvgPool2d(kernel_size=${layer.poolSize}, stride=${layer.strides}, padding=${p.inside}, count_include_pad=False)`);
          code.forward.push(`x = ${self}(x)`);
        }
        break;
      }
      case 'dropout':
        code.init.push(`# ${name}: Dropout ${layer.rate}`, `${self} = nn.Dropout(p=${py(layer.rate)})`);
        code.forward.push(`x = ${self}(x)`);
        break;
      case 'flatten':
        code.forward.push(
          input.kind === 'spatial'
            ? 'x = x.permute(0, 2, 3, 1).flatten(1)  # Flatten as TensorFlow.js does (height, width, then channels), so the dense weights line up'
            : 'x = x.flatten(1)',
        );
        break;
      case 'dense': {
        const units = index === last ? 'NUM_CLASSES' : py(layer.units);
        code.init.push(`# ${name}: Dense ${layer.units}, ${layer.activation}: ${shapes}`, `${self} = nn.Linear(${size(input)}, ${units})`);
        code.forward.push(`x = ${activate(layer.activation, `${self}(x)`)}`);
        code.weighted.push(name);
        break;
      }
      case 'batchNormalization': {
        const spatial = input.kind === 'spatial';
        const channels = spatial ? input.channels : input.units;
        const n = batchSize * (spatial ? input.height * input.width : 1);
        code.init.push(
          `# ${name}: BatchNormalization of ${channels} channels with TensorFlow's epsilon 1e-3 and Keras's momentum ${py(momentum)}, which PyTorch`,
          `# writes 1 - ${py(momentum)}. PyTorch keeps the running variance unbiased (x n/(n-1)), Keras the batch's own: with n = ${n.toLocaleString('en-US')}`,
          `# values a channel in a batch here, ${(100 / Math.max(n - 1, 1)).toPrecision(2)}% apart.`,
          `${self} = nn.BatchNorm${spatial ? 2 : 1}d(${channels}, eps=0.001, momentum=${py(torchMomentum(momentum))})`,
        );
        code.forward.push(`x = ${self}(x)`);
        break;
      }
      default:
        assertNever(layer);
    }
  }
  return code;
}

/** class Net: the layers, Keras's initialisers, and the forward pass. */
export function networkLines(arch: Architecture, momentum: number, batchSize: number): string[] {
  const code = networkCode(arch, momentum, batchSize);
  return [
    ...(code.helpers.length > 0 ? [...code.helpers, '', ''] : []),
    'class Net(nn.Module):',
    '    """The browser\'s network, layer for layer: self.layer_i is the TensorFlow.js layer named layer_i."""',
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ...code.init.map((l) => `        ${l}`),
    "        # Keras's initialisers (PyTorch's own differ): Glorot uniform kernels, zero biases",
    `        for layer in (${code.weighted.map((w) => `self.${w}`).join(', ')}${code.weighted.length === 1 ? ',' : ''}):`,
    '            nn.init.xavier_uniform_(layer.weight)',
    '            nn.init.zeros_(layer.bias)',
    '',
    '    def forward(self, x):',
    '        # x: [batch, channels, height, width], values 0 to 1',
    ...code.forward.map((l) => `        ${l}`),
    '        return x',
  ];
}
