// Lesson 4, after the crash course's fully connected layer: Flatten, 392,200 connections, softmax.

import type { Check } from '../checks';
import { all, fractionAnswer, numberAnswer, off, right, someLayerOutputs, valid } from '../checks';
import type { GuideLesson } from '../types';
import { dense, flatten, maxPool, net, preset, workedConv } from './layers';

const pooled = net(32, [workedConv, maxPool()]);
const denseReads1960: Check = (s) => {
  const row = s.analysis.rows.find((r) => r.layer.type === 'dense' && r.layer.units === 200);
  if (!row) return off('There is no Dense layer of 200 units yet.');
  if (row.inputShape?.kind !== 'flat') return off('The Dense layer needs a Flatten before it.');
  if (row.inputShape.units !== 1960) return off(`The Dense layer reads ${row.inputShape.units.toLocaleString('en-US')} values; after the pooling layer it should read 1,960.`);
  return right('Dense(200) reads the 1,960 values of the flattened maps.');
};

export const denseLesson: GuideLesson = {
  id: 'dense',
  number: 4,
  title: 'Fully connected layers and softmax',
  summary: 'Flatten, a Dense layer’s 392,200 connections, and probabilities out.',
  source: 'Crash course 18.5 and 18.6.4',
  steps: [
    {
      id: 'flatten',
      title: 'Flatten',
      text: ['A fully connected layer reads a plain list of numbers, not maps. Flatten lays the 10 maps of 14×14 out one after another; nothing is learnt or lost.'],
      target: { name: 'palette' },
      setup: { architecture: pooled, keep: (s) => someLayerOutputs([14, 14, 10], '', ['maxPooling2d', 'averagePooling2d'])(s).ok, why: 'This lesson starts from the worked example’s conv and pooling layers.' },
      task: {
        kind: 'build',
        prompt: 'Add a Flatten after the pooling layer.',
        check: someLayerOutputs([1960], 'Flatten turns 14×14×10 into 1,960 values.', ['flatten'], 'Flatten'),
        hint: 'Flatten is in the palette.',
        showMe: [{ type: 'setArchitecture', architecture: net(32, [workedConv, maxPool(), flatten]) }],
      },
    },
    {
      id: 'dense',
      title: 'A fully connected layer',
      text: ['Every neuron of a Dense layer has a weight for each of its inputs and one bias. Dense layers come last, where they combine the features the conv layers found.'],
      target: { name: 'palette' },
      task: {
        kind: 'build',
        prompt: 'Add a Dense layer of 200 units after the Flatten.',
        check: denseReads1960,
        hint: 'Add Dense from the palette, then set its units to 200.',
        showMe: [{ type: 'setArchitecture', architecture: net(32, [workedConv, maxPool(), flatten, dense(200)]) }],
      },
    },
    {
      id: 'dense-connections',
      title: 'Weights of a dense layer',
      text: ['Here connections and weights are the same thing: each weight is used once per digit.'],
      target: { name: 'layer', layer: 3 },
      task: {
        kind: 'answer',
        prompt: 'How many connections does the Dense(200) layer have?',
        placeholder: 'a number',
        check: numberAnswer(392_200, '(1,960 + 1) × 200 = 392,200, about twice as many as the whole conv layer.', [
          { value: 392_000, says: '200 × 1,960: each neuron also has a bias.' },
          { value: 1961, says: 'one neuron’s weights; there are 200 neurons.' },
          { value: 1960, says: 'the inputs of one neuron, without its bias; and there are 200 neurons.' },
        ]),
        hint: '(inputs + 1) × units.',
        showMe: [{ type: 'fillAnswer', text: '392,200' }],
      },
    },
    {
      id: 'softmax',
      title: 'Probabilities out',
      text: [
        'The last layer has one neuron per digit. Softmax turns their ten outputs into probabilities: each between 0 and 1, and the largest one is the network’s guess.',
      ],
      target: { name: 'layers' },
      task: {
        kind: 'build',
        prompt: 'End the network with Dense(10, softmax).',
        check: all([valid(), (s) => (s.architecture.layers.at(-1)?.type === 'dense' ? right('') : off('The last layer should be Dense(10, softmax).'))], 'The network is complete: the worked example, ready to train.'),
        hint: 'Add a Dense layer at the end, set it to 10 units and the softmax activation (the banner above the builder offers the fix).',
        showMe: [{ type: 'setArchitecture', architecture: preset('crash-course') }],
      },
    },
    {
      id: 'softmax-sum',
      title: 'A share of one',
      text: ['Draw a digit once the network is trained and watch the ten bars beside the pad: they always share out the same total.'],
      target: { name: 'prediction' },
      task: {
        kind: 'answer',
        prompt: 'The ten probabilities of a softmax add up to what?',
        placeholder: 'a number',
        check: fractionAnswer(1, 'they always add up to 1 (100%).', [{ value: 0.1, says: 'one tenth, what each digit would get if the network had no idea.' }]),
        hint: 'They are probabilities of ten cases, one of which is true.',
        showMe: [{ type: 'fillAnswer', text: '1' }],
      },
    },
  ],
};
