// Lessons 5–7, after the Keras project: the baseline MLP, the simple CNN and the larger CNN, trained here.

import type { Check } from '../checks';
import { all, inspectingMistake, isPreset, numberAnswer, off, receptiveFieldAnswer, selectedIn, shapeAnswer, trainedRun } from '../checks';
import { formatPixelRange } from '../answer';
import { receptiveField } from '../../receptiveField';
import type { GuideLesson } from '../types';
import { preset } from './layers';

/** The test error the learner read off their own last run, to two decimals. */
const ownTestError: Check = (s) => {
  if (!s.lastRun) return off('No run has finished yet.');
  const shown = Number(s.lastRun.testError.toFixed(2));
  return numberAnswer(shown, `your run misclassified ${shown.toFixed(2)}% of the 10,000 test digits; the seed’s 10 epochs gave 1.73%.`, [
    { value: Number((100 - shown).toFixed(2)), says: 'the accuracy; the error is 100% minus it.' },
  ], 0.006)(s);
};

export const mlpLesson: GuideLesson = {
  id: 'mlp',
  number: 5,
  title: 'The baseline: a network without convolutions',
  summary: 'The seed’s multilayer perceptron, trained here, and its 1.73%.',
  source: 'Project 19.3',
  steps: [
    {
      id: 'count',
      title: 'Every pixel to every neuron',
      text: [
        'The project’s first network flattens the digit into 784 numbers and connects each of them to each of 784 hidden neurons, then to ten outputs. It never uses the fact that neighbouring pixels belong together.',
      ],
      target: { name: 'totals' },
      setup: { architecture: preset('seed-mlp'), keep: (s) => isPreset('seed-mlp', '')(s).ok, why: 'This lesson uses the seed’s baseline MLP.' },
      task: {
        kind: 'answer',
        prompt: 'How many parameters does the baseline have?',
        placeholder: 'a number',
        check: numberAnswer(623_290, '785 × 784 in the hidden layer plus 785 × 10 in the output layer.', [
          { value: 615_440, says: 'the hidden layer alone (785 × 784); add the output layer.' },
          { value: 7850, says: 'the output layer alone.' },
          { value: 784, says: 'the number of inputs (and of hidden neurons); each connection has a weight.' },
        ]),
        hint: 'The totals under the layers add them up; each Dense block shows its own share.',
        showMe: [{ type: 'fillAnswer', text: '623,290' }],
      },
    },
    {
      id: 'train',
      title: 'Train it',
      text: [
        'The seed trains every network for 10 epochs of all 60,000 training digits, 200 at a time, with the Adam optimiser, and reports 1.73% test error for this one. Two epochs are enough to watch it learn.',
        'At the end the whole test set, 10,000 digits the network never trained on, is scored.',
      ],
      target: { name: 'train-settings' },
      task: {
        kind: 'train',
        prompt: 'Set 2 epochs and train the baseline.',
        check: trainedRun('seed-mlp', 'baseline MLP', 2),
        hint: 'Type 2 in Epochs, then press Train and wait for the test score.',
        showMe: [{ type: 'setSettings', settings: { epochs: 2 } }, { type: 'train' }],
      },
    },
    {
      id: 'compare',
      title: 'Against the seed',
      text: ['The results panel lays your runs beside the seed’s three. Fewer epochs usually mean a somewhat higher error.'],
      target: { name: 'test-error' },
      task: {
        kind: 'answer',
        prompt: 'What test error did your run get, in percent?',
        placeholder: 'e.g. 2.15',
        check: ownTestError,
        hint: 'It is printed under the training controls as “Baseline Error: …%”.',
        showMe: (s) => (s.lastRun ? [{ type: 'fillAnswer', text: s.lastRun.testError.toFixed(2) }] : []),
      },
    },
    {
      id: 'mistake',
      title: 'Find a mistake',
      text: ['No network is perfect. Some digits it gets wrong are badly written; others look plain to us. The gallery lists every one, the most confident mistakes first.'],
      target: { name: 'mistakes' },
      task: {
        kind: 'explore',
        prompt: 'Open a test digit the network gets wrong (click one in the gallery of mistakes).',
        check: inspectingMistake(),
        hint: 'Under “Look inside”, the gallery of misclassified test digits: click any tile.',
        showMe: [{ type: 'inspectMistake' }],
      },
    },
  ],
};

export const simpleCnnLesson: GuideLesson = {
  id: 'simple-cnn',
  number: 6,
  title: 'The simple CNN',
  summary: 'One conv layer, pooling and dropout: 1.00% in the seed, and what its units see.',
  source: 'Project 19.4',
  steps: [
    {
      id: 'where',
      title: 'Where the weights are',
      text: [
        'The simple CNN has 32 filters of 5×5, max pooling, 20% dropout, a Dense layer of 128 and the ten outputs. The conv layer needs only 832 weights; look at the blocks to see where the rest of its 592,074 parameters are.',
      ],
      target: { name: 'layer', layer: 4 },
      setup: { architecture: preset('seed-simple-cnn'), keep: (s) => isPreset('seed-simple-cnn', '')(s).ok, why: 'This lesson uses the seed’s simple CNN.' },
      task: {
        kind: 'answer',
        prompt: 'How many parameters does its Dense(128) layer have?',
        placeholder: 'a number',
        check: numberAnswer(589_952, '(4,608 + 1) × 128: almost all of the network.', [
          { value: 589_824, says: '4,608 × 128: add one bias per neuron.' },
          { value: 592_074, says: 'the whole network’s count.' },
          { value: 832, says: 'the conv layer’s.' },
        ]),
        hint: 'The Flatten hands it 12 × 12 × 32 = 4,608 values; (inputs + 1) × units.',
        showMe: [{ type: 'fillAnswer', text: '589,952' }],
      },
    },
    {
      id: 'train',
      title: 'Train it',
      text: ['The seed reports 1.00% test error after 10 epochs. One epoch of all 60,000 digits already lands near the baseline’s ten.'],
      target: { name: 'train-controls' },
      task: {
        kind: 'train',
        prompt: 'Train the simple CNN for at least 1 epoch.',
        check: trainedRun('seed-simple-cnn', 'simple CNN', 1),
        hint: 'Set Epochs to 1 and press Train.',
        showMe: [{ type: 'setSettings', settings: { epochs: 1 } }, { type: 'train' }],
      },
    },
    {
      id: 'maps',
      title: 'Its feature maps',
      text: ['Each of the 32 filters makes a map of where it found its pattern in the digit: strokes at one angle, edges, ends of lines.'],
      target: { name: 'feature-maps' },
      task: {
        kind: 'explore',
        prompt: 'In the network view (“The network, live”), click a cell of one of the first layer’s feature maps.',
        check: selectedIn([0], 'the first Conv2D'),
        hint: 'The first column of maps in the network view belongs to the Conv2D; click anywhere inside one of them.',
        showMe: [{ type: 'selectUnit', unit: { layer: 0, channel: 0, row: 10, col: 10 } }],
      },
    },
    {
      id: 'field',
      title: 'Which pixels a unit sees',
      text: ['The unit you picked depends on one 5×5 patch of the digit and on nothing else: its receptive field. The network view outlines it on the digit.'],
      target: { name: 'neuron-detail' },
      task: {
        kind: 'answer',
        prompt: 'Which input pixels can the selected unit see? Write rows from–to, columns from–to, counting from 1 as the detail does.',
        placeholder: 'rows a–b, columns c–d',
        check: receptiveFieldAnswer(),
        hint: 'A unit in row r, column c of a stride-1 5×5 layer sees rows r to r + 4 and columns c to c + 4.',
        showMe: (s) => {
          const field = s.selectedUnit && receptiveField(s.architecture, s.selectedUnit)?.rect;
          return field ? [{ type: 'fillAnswer', text: formatPixelRange(field) }] : [{ type: 'selectUnit', unit: { layer: 0, channel: 0, row: 10, col: 10 } }];
        },
      },
    },
  ],
};

export const largerCnnLesson: GuideLesson = {
  id: 'larger-cnn',
  number: 7,
  title: 'The larger CNN',
  summary: 'Two rounds of conv and pooling: fewer parameters, deeper sight, 0.83% in the seed.',
  source: 'Project 19.5',
  steps: [
    {
      id: 'shape',
      title: 'Two rounds',
      text: ['The larger CNN convolves and pools twice: 30 filters of 5×5, pooling, 15 filters of 3×3, pooling again, then dropout and three Dense layers.'],
      target: { name: 'layer', layer: 3 },
      setup: { architecture: preset('seed-larger-cnn'), keep: (s) => isPreset('seed-larger-cnn', '')(s).ok, why: 'This lesson uses the seed’s larger CNN.' },
      task: {
        kind: 'answer',
        prompt: 'What shape leaves the second pooling layer?',
        placeholder: 'e.g. 24×24×32',
        check: shapeAnswer([5, 5, 15], '28 → 24 → 12 → 10 → 5 on each side, 15 maps.'),
        hint: 'Follow the sides: 28 − 5 + 1, halved, − 3 + 1, halved (rounding down).',
        showMe: [{ type: 'fillAnswer', text: '5×5×15' }],
      },
    },
    {
      id: 'fewer',
      title: 'Deeper and smaller',
      text: ['Because the maps are 5×5 by the time they are flattened, the first Dense layer reads 375 values instead of the simple CNN’s 4,608.'],
      target: { name: 'totals' },
      task: {
        kind: 'answer',
        prompt: 'The simple CNN has 592,074 parameters. How many has this one?',
        placeholder: 'a number',
        check: numberAnswer(59_933, 'about a tenth of the simple CNN, and the seed finds it more accurate.', [
          { value: 48_128, says: 'the first Dense layer alone ((375 + 1) × 128).' },
        ]),
        hint: 'Read the total under the layers.',
        showMe: [{ type: 'fillAnswer', text: '59,933' }],
      },
    },
    {
      id: 'deeper-field',
      title: 'Seeing further',
      text: ['A unit of the second conv layer reads a 3×3 patch of the pooled maps, but each pooled cell covers a 2×2 block of the first layer’s maps, and each of those a 5×5 patch of the digit.'],
      target: { name: 'layer', layer: 2 },
      task: {
        kind: 'answer',
        prompt: 'How many pixels wide is the patch of the digit that one unit of the second Conv2D can see?',
        placeholder: 'a number',
        check: numberAnswer(10, 'its 3 pooled cells span 6 cells of the first maps, and 6 neighbouring 5×5 windows span 10 pixels.', [
          { value: 3, says: 'its own kernel, in cells of the pooled maps; each of those covers more of the digit.' },
          { value: 5, says: 'what a unit of the first layer sees.' },
          { value: 30, says: '3 × 2 × 5: neighbouring windows overlap, so they span less.' },
        ]),
        hint: '3 pooled cells cover 3 × 2 = 6 cells of the first conv’s maps; 6 neighbouring 5-pixel windows reach 6 + 4 pixels.',
        showMe: [{ type: 'fillAnswer', text: '10' }],
      },
    },
    {
      id: 'train',
      title: 'Train it',
      text: ['The seed reports 0.83% test error after 10 epochs, its best. Train it and compare in the results panel.'],
      target: { name: 'results' },
      task: {
        kind: 'train',
        prompt: 'Train the larger CNN for at least 1 epoch.',
        check: trainedRun('seed-larger-cnn', 'larger CNN', 1),
        hint: 'Set Epochs to 1 and press Train.',
        showMe: [{ type: 'setSettings', settings: { epochs: 1 } }, { type: 'train' }],
      },
    },
    {
      id: 'pool-field',
      title: 'What the last pooling layer sees',
      text: ['Each cell of the second pooling layer’s 5×5 maps sums up a large part of the digit. Pick one in the network view and see how much.'],
      target: { name: 'feature-maps' },
      task: {
        kind: 'answer',
        prompt: 'Click a cell of the second MaxPooling2D’s maps (layer 4). Which input pixels can it see? Write rows from–to, columns from–to.',
        placeholder: 'rows a–b, columns c–d',
        check: all([selectedIn([3], 'the second MaxPooling2D'), receptiveFieldAnswer()], ''),
        hint: 'A cell in row r of the second pooling layer sees a band 12 pixels high starting at row 4r − 3 of the digit, and the same for columns: a block of 12×12.',
        showMe: (s) => {
          const unit = s.selectedUnit?.layer === 3 ? s.selectedUnit : { layer: 3, channel: 0, row: 2, col: 2 };
          const field = receptiveField(s.architecture, unit)?.rect;
          return [{ type: 'selectUnit', unit }, ...(field ? [{ type: 'fillAnswer' as const, text: formatPixelRange(field) }] : [])];
        },
      },
    },
  ],
};
