// Lesson 1, after the crash course and the project's dataset: pixels, channels, the input a network reads.

import { numberAnswer, off, right } from '../checks';
import type { GuideLesson } from '../types';

export const imagesLesson: GuideLesson = {
  id: 'images',
  number: 1,
  title: 'Images as numbers',
  summary: 'Pixels, channels and the 28×28 input a network reads.',
  source: 'Crash course 18.6.1; project 19.1',
  steps: [
    {
      id: 'grid',
      title: 'A digit is a grid of numbers',
      text: [
        'A network never sees a picture. Each MNIST digit reaches it as a square of 28 rows and 28 columns of pixels, and every pixel is one number: 0 where the paper is blank, up to 255 where the ink is darkest.',
        'The digit browser below shows real training digits with their labels.',
      ],
      target: { name: 'digits' },
      task: {
        kind: 'answer',
        prompt: 'How many numbers make up one MNIST digit?',
        placeholder: 'a number',
        check: numberAnswer(784, '28 rows of 28 pixels are 784 numbers.', [
          { value: 28, says: 'one side: there are 28 rows, each of 28 pixels.' },
          { value: 56, says: '28 + 28; the pixels fill the whole square, so multiply.' },
          { value: 1024, says: 'the 32×32 padded version; MNIST itself is 28×28.' },
        ]),
        hint: 'Rows times columns.',
        showMe: [{ type: 'fillAnswer', text: '784' }],
      },
    },
    {
      id: 'channels',
      title: 'Channels',
      text: [
        'Height and width are not the whole story: each pixel can carry several numbers, called channels. A grey image has one; a colour photo has three, for red, green and blue.',
        'The builder writes an input as height × width × channels, so an MNIST digit is 28×28×1.',
      ],
      target: { name: 'input-size' },
      task: {
        kind: 'answer',
        prompt: 'How many numbers hold one colour image of 32×32 pixels?',
        placeholder: 'a number',
        check: numberAnswer(3072, '32 × 32 pixels × 3 channels = 3,072.', [
          { value: 1024, says: 'one channel’s worth; a colour image has three.' },
          { value: 96, says: '32 × 3: every one of the 32 × 32 pixels has three numbers.' },
          { value: 2352, says: 'a 28×28 colour image; this one is 32×32.' },
        ]),
        hint: 'Height × width × channels, and a colour image has 3 channels.',
        showMe: [{ type: 'fillAnswer', text: '3,072' }],
      },
    },
    {
      id: 'input',
      title: 'The input size',
      text: [
        'The crash course’s worked example reads 32×32 images. The playground can give MNIST digits a border of two blank pixels on every side to make them 32×32, as LeNet-5 did; the digit itself is unchanged.',
      ],
      target: { name: 'input-size' },
      task: {
        kind: 'build',
        prompt: 'Set the network’s input to 32×32.',
        check: (s) =>
          s.architecture.input.height === 32
            ? right(`The input is 32×32×1: ${(32 * 32).toLocaleString('en-US')} numbers per digit.`)
            : off(`The input is ${s.architecture.input.height}×${s.architecture.input.width}; choose 32×32.`),
        hint: 'The input size is the first row of the builder, above the layers.',
        showMe: [{ type: 'setInput', size: 32 }],
      },
    },
    {
      id: 'scale',
      title: 'Small numbers',
      text: [
        'Before training, every pixel is divided by 255, so the numbers run from 0 to 1: networks learn far more easily from small inputs.',
        'The small image beside the drawing pad is exactly what the network reads when you draw: your strokes cropped, scaled and centred the way MNIST’s digits were.',
      ],
      target: { name: 'draw' },
      task: {
        kind: 'answer',
        prompt: 'A pixel has the value 51. What does the network read after the division?',
        placeholder: 'a number',
        check: numberAnswer(0.2, '51 / 255 = 0.2.', [{ value: 51, says: 'the raw value; divide it by 255.' }], 0.001),
        hint: 'Divide by 255.',
        showMe: [{ type: 'fillAnswer', text: '0.2' }],
      },
    },
    {
      id: 'datasets',
      title: 'Other pictures, the same numbers',
      text: [
        'Nothing in a network knows it is looking at digits: any set of small grey images will do. The data list in the training panel also offers Fashion-MNIST, ten kinds of clothing photographed at 28×28, and classes of your own drawn on the pad.',
        'The lessons use MNIST, as the seed does; come back here to try the same networks on clothes.',
      ],
      target: { name: 'dataset' },
    },
  ],
};
