// Lesson 8, after the crash course's best practices (18.7): small fields, more filters deeper, dropout between dense layers.

import { layerName } from '../../validate';
import type { Check } from '../checks';
import { all, off, right, trainedThisNetwork, valid } from '../checks';
import type { GuideLesson } from '../types';
import { conv, dense, dropout, flatten, maxPool, net, output, preset } from './layers';

/** A design that follows all three practices; "show me" builds it. */
export const PRACTICE_NETWORK = net(28, [conv(16, 3), maxPool(), conv(32, 3), maxPool(), flatten, dense(128), dropout(0.5), output]);

const smallFields: Check = (s) => {
  const convs = s.architecture.layers.map((l, i) => [l, i] as const).filter(([l]) => l.type === 'conv2d');
  if (convs.length === 0) return off('There is no Conv2D layer in the network.');
  for (const [l, i] of convs) {
    if (l.type !== 'conv2d') continue;
    if (l.kernelSize !== 3) return off(`${layerName(l, i)} has a ${l.kernelSize}×${l.kernelSize} kernel; make it 3×3.`);
    if (l.strides !== 1) return off(`${layerName(l, i)} has a stride of ${l.strides}; use 1.`);
  }
  return right('Every Conv2D looks at 3×3 patches, one step at a time.');
};

const moreFiltersDeeper: Check = (s) => {
  const convs = s.architecture.layers.map((l, i) => [l, i] as const).filter(([l]) => l.type === 'conv2d');
  if (convs.length < 2) return off(`The network has ${convs.length} Conv2D layer${convs.length === 1 ? '' : 's'}; use at least two, so that one can follow another.`);
  for (let k = 1; k < convs.length; k++) {
    const [prev] = convs[k - 1]!;
    const [l, i] = convs[k]!;
    if (l.type === 'conv2d' && prev.type === 'conv2d' && l.filters < prev.filters) {
      return off(`${layerName(l, i)} has ${l.filters} filters, fewer than the ${prev.filters} before it; deeper layers should have as many or more.`);
    }
  }
  const first = convs[0]![0];
  const last = convs.at(-1)![0];
  if (first.type === 'conv2d' && last.type === 'conv2d' && last.filters <= first.filters) return off('The filter count never grows; give a deeper Conv2D more filters than the first.');
  return right('The filter count grows with depth.');
};

const dropoutBetweenDense: Check = (s) => {
  const { layers } = s.architecture;
  const ok = layers.some((l, i) => l.type === 'dropout' && layers.slice(0, i).some((p) => p.type === 'dense') && layers.slice(i + 1).some((n) => n.type === 'dense'));
  return ok ? right('A Dropout sits between two Dense layers.') : off('No Dropout sits between two Dense layers yet: add one after a hidden Dense layer, before the output.');
};

export const practiceLesson: GuideLesson = {
  id: 'practice',
  number: 8,
  title: 'Best practices applied',
  summary: 'Small receptive fields, more filters deeper, dropout between dense layers: design and train your own.',
  source: 'Crash course 18.7',
  steps: [
    {
      id: 'small-fields',
      title: 'Small receptive fields',
      text: [
        'Keep each patch as small as it can be while still catching a stroke. On images as small as these, 3×3 is the usual choice, moved one pixel at a time; stacking two such layers lets later units see further anyway.',
        'Start from the larger CNN, or from your own network.',
      ],
      target: { name: 'layers' },
      setup: { architecture: preset('seed-larger-cnn'), keep: (s) => s.architecture.layers.some((l) => l.type === 'conv2d'), why: 'This lesson starts from a network with conv layers: the seed’s larger CNN.' },
      task: {
        kind: 'build',
        prompt: 'Make every Conv2D use a 3×3 kernel with stride 1.',
        check: all([smallFields, valid()], 'Every Conv2D looks at 3×3 patches, and the network is complete.'),
        hint: 'Set each Conv2D block’s kernel field to 3 and its stride to 1.',
        showMe: [{ type: 'setArchitecture', architecture: PRACTICE_NETWORK }],
      },
    },
    {
      id: 'more-filters',
      title: 'More filters deeper',
      text: ['The first layer finds simple things, such as short strokes; later layers combine them into many more kinds of shapes. So networks usually start with few filters and add more with depth.'],
      target: { name: 'layers' },
      task: {
        kind: 'build',
        prompt: 'Use at least two Conv2D layers, each with at least as many filters as the one before, and more in the last than in the first.',
        check: all([moreFiltersDeeper, smallFields, valid()], 'Filters grow with depth, on 3×3 patches.'),
        hint: 'For example 16 filters in the first Conv2D and 32 in the second.',
        showMe: [{ type: 'setArchitecture', architecture: PRACTICE_NETWORK }],
      },
    },
    {
      id: 'dropout',
      title: 'Dropout between dense layers',
      text: ['Networks this size can memorise the training digits. Dropout switches off a random share of values at every training step, so no single one can be relied on; it belongs between the fully connected layers, and perhaps after pooling.'],
      target: { name: 'palette' },
      task: {
        kind: 'build',
        prompt: 'Put a Dropout layer between two Dense layers.',
        check: all([dropoutBetweenDense, valid()], 'Dropout sits between the dense layers.'),
        hint: 'Add Dropout from the palette, then move it (↑ on its block) between the hidden Dense layer and the output.',
        showMe: [{ type: 'setArchitecture', architecture: PRACTICE_NETWORK }],
      },
    },
    {
      id: 'train',
      title: 'Train your design',
      text: ['Train it and set it against the seed’s three networks in the results panel. Then try a challenge: a goal with limits, such as under 2% with fewer than 20,000 parameters.'],
      target: { name: 'results' },
      task: {
        kind: 'train',
        prompt: 'Train the network you designed for at least 1 epoch.',
        check: all([smallFields, moreFiltersDeeper, dropoutBetweenDense, trainedThisNetwork()], 'Trained, and built the way the crash course advises.'),
        hint: 'Press Train; the check looks at the run of the network in the builder.',
        showMe: [{ type: 'setSettings', settings: { epochs: 1 } }, { type: 'train' }],
      },
    },
  ],
};
