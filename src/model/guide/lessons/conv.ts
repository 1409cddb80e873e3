// Lesson 2, after the crash course's convolutional layer and its worked example.

import type { Check } from '../checks';
import { all, firstLayerConv, numberAnswer, off, readTypedRange, right, shapeAnswer, someLayerOutputs } from '../checks';
import type { GuideLesson } from '../types';
import { conv, net, workedConv } from './layers';

/** The first layer is the worked example's conv on a 32×32 input. */
export const convOk = firstLayerConv(32, { filters: 10, kernelSize: 5, strides: 1, padding: 'valid' }, 'The first layer is the worked example’s Conv2D.');

export const convLesson: GuideLesson = {
  id: 'conv',
  number: 2,
  title: 'One convolutional layer',
  summary: 'Filters, feature maps, stride, zero padding and the worked example’s 203,840 connections.',
  source: 'Crash course 18.3 and 18.6.2',
  steps: [
    {
      id: 'add-conv',
      title: 'Filters and feature maps',
      text: [
        'A convolutional layer is a set of filters. A filter is a small square of weights that looks at one patch of the image at a time, its receptive field, and is slid across the whole image. Each position gives one number, and together they make the filter’s feature map.',
        'Because the same filter is used everywhere, it finds its feature wherever in the image it is.',
      ],
      target: { name: 'palette' },
      setup: { architecture: net(32, []), keep: (s) => s.architecture.input.height === 32 && s.architecture.layers.length <= 1, why: 'This lesson starts from an empty network with a 32×32 input.' },
      task: {
        kind: 'build',
        prompt: 'Add a Conv2D with 10 filters of 5×5 and stride 1 to the 32×32 input, as in the worked example.',
        check: convOk,
        hint: 'Click Conv2D in the palette, then type 10 in its filters field and 5 in its kernel field.',
        showMe: [{ type: 'setArchitecture', architecture: net(32, [workedConv]) }],
      },
    },
    {
      id: 'map-size',
      title: 'The size of a feature map',
      text: [
        'Along a row of 32 pixels, a 5-pixel window fits in 32 − 5 + 1 = 28 places, and the same down the columns. Each filter makes one map, so the layer outputs one 28×28 map per filter.',
      ],
      target: { name: 'layer', layer: 0 },
      task: {
        kind: 'answer',
        prompt: 'What is the shape of the layer’s output (height×width×channels)?',
        placeholder: 'e.g. 24×24×32',
        check: all([convOk, shapeAnswer([28, 28, 10], '10 feature maps of 28×28.')], ''),
        hint: '(32 − 5) / 1 + 1 positions each way, and one map per filter.',
        showMe: [{ type: 'fillAnswer', text: '28×28×10' }],
      },
    },
    {
      id: 'connections',
      title: 'Counting connections',
      text: [
        'Each filter has 5 × 5 = 25 weights plus one bias, 26 numbers in all, and it is applied at each of the 28 × 28 positions. The crash course counts every one of those uses as a connection, the bias included.',
      ],
      target: { name: 'layer', layer: 0 },
      task: {
        kind: 'answer',
        prompt: 'How many connections does the layer have?',
        placeholder: 'a number',
        check: numberAnswer(203_840, '26 × 10 × 28 × 28 = 203,840 connections, from only 260 weights.', [
          { value: 260, says: 'the number of weights (26 per filter × 10 filters). Connections count every position each filter visits.' },
          { value: 7840, says: 'the number of outputs (28 × 28 × 10); each output reads 26 inputs.' },
          { value: 200_704, says: '25 × 10 × 28 × 28: the bias is missing, and the crash course counts it as one connection.' },
          { value: 20_384, says: 'one filter’s connections; there are 10 filters.' },
        ]),
        hint: 'Multiply a filter’s 26 weights by the 10 filters and the 28 × 28 positions. The block’s formula shows the count.',
        showMe: [{ type: 'fillAnswer', text: '203,840' }],
      },
    },
    {
      id: 'stride',
      title: 'Stride',
      text: [
        'The stride is how far the filter moves between positions. With a stride of 2 it skips every other place, so each side of the map is about halved and the layer does a quarter of the work.',
        'Keras rounds down: the output side is ⌊(32 − 5) / 2⌋ + 1.',
      ],
      target: { name: 'layer', layer: 0 },
      task: {
        kind: 'answer',
        prompt: 'Set the stride to 2. What is the output shape now?',
        placeholder: 'e.g. 24×24×32',
        check: all(
          [firstLayerConv(32, { filters: 10, kernelSize: 5, strides: 2, padding: 'valid' }, ''), shapeAnswer([14, 14, 10], '⌊27 / 2⌋ + 1 = 14 positions each way.')],
          '',
        ),
        hint: 'Set the block’s stride field to 2 first; then ⌊(32 − 5) / 2⌋ + 1 = ⌊13.5⌋ + 1.',
        showMe: [
          { type: 'setArchitecture', architecture: net(32, [conv(10, 5, 2)]) },
          { type: 'fillAnswer', text: '14×14×10' },
        ],
      },
    },
    {
      id: 'padding',
      title: 'Zero padding',
      text: [
        'A window at the edge of the image would hang over it. Zero padding invents a frame of zeros for it to read; with padding ‘same’ and a stride of 1 there is just enough frame for the map to keep the input’s size.',
      ],
      target: { name: 'layer', layer: 0 },
      task: {
        kind: 'build',
        prompt: 'Set the stride back to 1 and the padding to ‘same’, so that the output is 32×32×10.',
        check: all(
          [firstLayerConv(32, { filters: 10, kernelSize: 5, strides: 1, padding: 'same' }, ''), someLayerOutputs([32, 32, 10], '', ['conv2d'], 'Conv2D')],
          'The output is 32×32×10: two zeros on each side let the window reach every pixel.',
        ),
        hint: 'In the Conv2D block: stride 1, padding same.',
        showMe: [{ type: 'setArchitecture', architecture: net(32, [conv(10, 5, 1, 'same')]) }],
      },
    },
    {
      id: 'field',
      title: 'What one unit sees',
      text: [
        'Each cell of a feature map is one unit, and it depends only on its own 5×5 patch of the input. With stride 1 and no padding, the unit in row r and column c sees rows r to r + 4 and columns c to c + 4 (counting from 1, as the app does).',
      ],
      target: { name: 'layer', layer: 0 },
      task: {
        kind: 'answer',
        prompt: 'In the worked example’s layer (stride 1, padding ‘valid’), which input pixels can the unit in row 10, column 4 see?',
        placeholder: 'rows a–b, columns c–d',
        check: pixelAnswer(10, 14, 4, 8),
        hint: 'Rows 10 to 10 + 4, columns 4 to 4 + 4.',
        showMe: [{ type: 'fillAnswer', text: 'rows 10–14, columns 4–8' }],
      },
    },
    {
      id: 'live',
      title: 'Every number, explained',
      text: [
        'Once a network is trained (lesson 6 trains one), the network view below shows every feature map for a digit. Click any cell of a conv map: the detail lays the kernel over that cell’s window, multiplies, adds the bias, applies the activation, and can step the window across the whole input; the digit shows the patch the unit sees.',
      ],
      target: { name: 'feature-maps' },
    },
  ],
};

/** A typed pixel range (counted from 1) equal to rows top–bottom, columns left–right (counted from 1). */
function pixelAnswer(top: number, bottom: number, left: number, right_: number): Check {
  return (s) => {
    if (s.answer.trim() === '') return off('Type your answer in the field first.');
    const r = readTypedRange(s.answer);
    if (typeof r === 'string') return off(r);
    const [t, b, l, rt] = [r.top + 1, r.bottom + 1, r.left + 1, r.right + 1];
    if (t === top && b === bottom && l === left && rt === right_) return right(`Right: a 5×5 block, rows ${top}–${bottom} and columns ${left}–${right_}.`);
    if (t === left && l === top) return off('Rows and columns are swapped: the row comes first.');
    if (b - t === 5 || rt - l === 5) return off('That block is 6 pixels on a side; “from 10 to 14” is already 5, counting both ends.');
    return off('That is not the unit’s patch.');
  };
}
