// Lesson 3, after the crash course's pooling layer: a 2×2 window with stride 2, and what it discards.

import { all, fractionAnswer, numberAnswer, off, right, shapeAnswer, someLayerOutputs } from '../checks';
import type { GuideLesson } from '../types';
import { convOk } from './conv';
import { maxPool, net, workedConv } from './layers';

export const poolLesson: GuideLesson = {
  id: 'pool',
  number: 3,
  title: 'Pooling',
  summary: 'A 2×2 window with stride 2, and what it throws away.',
  source: 'Crash course 18.4 and 18.6.3',
  steps: [
    {
      id: 'add-pool',
      title: 'Shrinking the maps',
      text: [
        'A pooling layer makes each feature map smaller by summarising small windows of it. Max pooling keeps the largest value of each window: whether a feature was found nearby, not exactly where. It has no weights to learn.',
      ],
      target: { name: 'palette' },
      setup: { architecture: net(32, [workedConv]), keep: (s) => convOk(s).ok, why: 'This lesson starts from the worked example’s conv layer.' },
      task: {
        kind: 'build',
        prompt: 'Add a MaxPooling2D with a 2×2 window and stride 2 after the conv layer: make the output 14×14×10.',
        check: someLayerOutputs([14, 14, 10], 'The pooling layer outputs 14×14×10: every map halved on each side.', ['maxPooling2d', 'averagePooling2d'], 'pooling layer'),
        hint: 'MaxPooling2D in the palette adds a 2×2 window with stride 2 at the end of the network.',
        showMe: [{ type: 'setArchitecture', architecture: net(32, [workedConv, maxPool()]) }],
      },
    },
    {
      id: 'discard',
      title: 'What pooling throws away',
      text: ['Each 2×2 window of four values becomes one value, and with stride 2 the windows do not overlap.'],
      target: { name: 'layer', layer: 1 },
      task: {
        kind: 'answer',
        prompt: 'What share of the activations does a 2×2 pool with stride 2 discard?',
        placeholder: 'e.g. 40%',
        check: fractionAnswer(0.75, 'three values of every four are dropped: 28×28 becomes 14×14.', [
          { value: 0.25, says: 'the share it keeps: one value of every four.' },
          { value: 0.5, says: 'what happens to each side; the area is halved twice.' },
        ]),
        hint: 'Four values go in, one comes out.',
        showMe: [{ type: 'fillAnswer', text: '75%' }],
      },
    },
    {
      id: 'no-weights',
      title: 'Nothing to learn',
      text: ['Taking a maximum needs no weights, so pooling adds nothing to train, though each output still reads its window of four.'],
      target: { name: 'layer', layer: 1 },
      task: {
        kind: 'answer',
        prompt: 'How many parameters does the pooling layer have?',
        placeholder: 'a number',
        check: numberAnswer(0, 'none: the maximum of four values needs no weights.', [
          { value: 7840, says: 'its connections (each of the 14 × 14 × 10 outputs reads 4 values); it has no weights.' },
          { value: 4, says: 'the size of its window; the window holds no weights.' },
        ]),
        hint: 'Look at the pooling block’s parameters.',
        showMe: [{ type: 'fillAnswer', text: '0' }],
      },
    },
    {
      id: 'overlap',
      title: 'Overlapping windows',
      text: ['The crash course sets the stride equal to the window so that windows never overlap. With stride 1 they do, and little is discarded.'],
      target: { name: 'layer', layer: 1 },
      task: {
        kind: 'answer',
        prompt: 'Set the pooling stride to 1. What is its output shape now?',
        placeholder: 'e.g. 24×24×32',
        check: all(
          [
            (s) => {
              const pool = s.architecture.layers[1];
              return pool && (pool.type === 'maxPooling2d' || pool.type === 'averagePooling2d') && pool.strides === 1 && pool.poolSize === 2
                ? right('')
                : off('Set the pooling block (layer 2) to a 2×2 window with stride 1 first.');
            },
            shapeAnswer([27, 27, 10], '28 − 2 + 1 = 27 positions each way: almost nothing discarded.'),
          ],
          '',
        ),
        hint: '28 − 2 + 1.',
        showMe: [
          { type: 'setArchitecture', architecture: net(32, [workedConv, maxPool(2, 1)]) },
          { type: 'fillAnswer', text: '27×27×10' },
        ],
      },
    },
    {
      id: 'live',
      title: 'Which value won',
      text: [
        'In a trained network (lessons 6 and 7 train two), click a cell of a pooling layer’s map in the network view: the detail shows the 2×2 window it read and which of the four values won. The other three are what pooling throws away.',
      ],
      target: { name: 'neuron-detail' },
    },
  ],
};
