// Looking inside on the CPU backend: predictions, feature maps, filters, test-digit queries, and no harm to a run.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeArchitecture } from '../model/architecture';
import { findPreset } from '../model/presets';
import { DEFAULT_SETTINGS } from '../model/training';
import { LIVE_WEIGHTS } from '../model/explanation';
import { buildModel } from './buildModel';
import { explain } from './explain';
import type { MnistBytes } from './dataset';
import { PIXELS } from './dataset';
import type { Subject } from './inspect';
import { featureMaps, firstConvFilters, Inspector, NO_EVALUATION, NO_NETWORK, predictDigit } from './inspect';
import type { Handlers } from './answer';
import { answerQuestion } from './answer';
import type { Answer, DigitSource, ExplainQuestion, Explanation, Prediction, Question, TestDigitQuery, TestDigits } from './protocol';
import { pageOfTestDigits, selectTestDigits } from './scores';
import { makeOptimizer, runTraining, splitData } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Class d is a vertical bar at column 3 + 2d: easy to learn, and every image differs a little. */
function bars(n: number, jitter: number): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(n * PIXELS);
  const labels = Uint8Array.from({ length: n }, (_, i) => (i * 7) % 10);
  labels.forEach((d, i) => {
    for (let y = 4; y < 24; y++) images[i * PIXELS + y * 28 + 3 + 2 * d] = 160 + ((i * 31 + y * jitter) % 96);
  });
  return { images, labels };
}

function dataset(): MnistBytes {
  const train = bars(200, 13);
  const test = bars(50, 5);
  return { trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels };
}

const simple = findPreset('seed-simple-cnn')!.architecture;
const data = dataset();
const digit = data.testImages.slice(0, PIXELS);

function subjectOf(architecture = simple, seed = 3): Subject {
  return { model: buildModel(architecture, seed), architecture, epochsDone: 0 };
}

describe('predictDigit', () => {
  it('gives ten probabilities that sum to 1 and leaves no tensors behind', async () => {
    const subject = subjectOf();
    const before = tf.memory().numTensors;
    const { probabilities } = await predictDigit(subject, digit);
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(tf.memory().numTensors).toBe(before);
    subject.model.dispose();
  });

  it('refuses an image of the wrong size', async () => {
    const subject = subjectOf();
    await expect(predictDigit(subject, new Uint8Array(100))).rejects.toThrow('784 pixels');
    subject.model.dispose();
  });
});

describe('featureMaps', () => {
  it('returns every conv, pooling and dense layer with its shape, skipping dropout and flatten', async () => {
    const subject = subjectOf();
    const before = tf.memory().numTensors;
    const maps = await featureMaps(subject, { kind: 'drawn', pixels: digit }, () => Promise.resolve(data));
    expect(maps.layers.map((l) => [l.index, l.type, l.shape.join('x')])).toEqual([
      [0, 'conv2d', '24x24x32'],
      [1, 'maxPooling2d', '12x12x32'],
      [4, 'dense', '128'],
      [5, 'dense', '10'],
    ]);
    maps.layers.forEach((l) => expect(l.values).toHaveLength(l.shape.reduce((a, b) => a * b, 1)));
    // The pooled maps are the max of each 2×2 window of the conv maps (channel 5, row 3, column 7).
    const conv = maps.layers[0]!.values;
    const pool = maps.layers[1]!.values;
    const at = (y: number, x: number, c: number) => conv[(y * 24 + x) * 32 + c]!;
    expect(pool[(3 * 12 + 7) * 32 + 5]).toBeCloseTo(Math.max(at(6, 14, 5), at(6, 15, 5), at(7, 14, 5), at(7, 15, 5)), 6);
    expect(maps.label).toBeNull();
    expect(Array.from(maps.input)).toEqual(Array.from(digit));
    expect(tf.memory().numTensors).toBe(before);
    subject.model.dispose();
  });

  it('looks at a test digit by index, padded to 32×32 for LeNet-style inputs', async () => {
    const lenet = findPreset('lenet5')!.architecture;
    const subject = subjectOf(lenet);
    const maps = await featureMaps(subject, { kind: 'test', index: 7 }, () => Promise.resolve(data));
    expect(maps.label).toBe(data.testLabels[7]);
    expect(maps.side).toBe(32);
    expect(maps.input).toHaveLength(1024);
    expect(maps.input.reduce((a, b) => a + b, 0)).toBe(data.testImages.subarray(7 * PIXELS, 8 * PIXELS).reduce((a, b) => a + b, 0));
    expect(maps.layers[0]!.shape).toEqual([28, 28, 6]);
    await expect(featureMaps(subject, { kind: 'test', index: 50 }, () => Promise.resolve(data))).rejects.toThrow('no test digit 51');
    subject.model.dispose();
  });
});

describe('firstConvFilters', () => {
  it("returns the first conv layer's kernels, one k×k image per filter", async () => {
    const subject = subjectOf();
    const filters = (await firstConvFilters(subject))!;
    expect([filters.layerIndex, filters.count, filters.kernelSize]).toEqual([0, 32, 5]);
    const kernel = await subject.model.layers[0]!.getWeights()[0]!.data(); // [5, 5, 1, 32]
    // Filter 9, row 2, column 4.
    expect(filters.values[9 * 25 + 2 * 5 + 4]).toBeCloseTo(kernel[(2 * 5 + 4) * 32 + 9]!, 6);
    subject.model.dispose();
  });

  it('is null for a network without conv layers', async () => {
    const subject = subjectOf(findPreset('seed-mlp')!.architecture);
    expect(await firstConvFilters(subject)).toBeNull();
    subject.model.dispose();
  });
});

describe('inspection while training', () => {
  const small = makeArchitecture(28, [
    { type: 'conv2d', filters: 4, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'dropout', rate: 0.2 },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ]);
  const settings = { ...DEFAULT_SETTINGS, epochs: 2, batchSize: 25, subset: 100, validation: 'holdout' as const, learningRate: 0.01 };

  /** Train from the same seed; with `inspect`, keep asking questions in every pause the loop takes. */
  async function train(inspect: boolean) {
    const subject = subjectOf(small, settings.seed);
    const optimizer = makeOptimizer('adam', settings.learningRate);
    let running = true;
    let asked = 0;
    const questions = (async () => {
      while (inspect && running) {
        await Promise.all([
          predictDigit(subject, digit),
          featureMaps(subject, { kind: 'test', index: 3 }, () => Promise.resolve(data)),
          firstConvFilters(subject),
          // The heat map runs a backward pass of its own: it must not touch the run's gradients.
          explain(subject, { source: { kind: 'drawn', pixels: digit }, unit: { layer: 0, channel: 1, row: 3, col: 4 }, target: 2, weights: LIVE_WEIGHTS }, () => Promise.resolve(data), 0),
        ]);
        asked++;
        await new Promise((r) => setTimeout(r, 0));
      }
    })();
    const outcome = await runTraining(subject.model, optimizer, splitData(data, settings), settings, 28, { paused: false, stopped: false, wake: null, step: null }, {
      onBatch: () => undefined,
      onEpoch: () => undefined,
      onPause: () => undefined,
      onResume: () => undefined,
    });
    const askedDuringRun = asked;
    running = false;
    await questions;
    const weights = await Promise.all(subject.model.getWeights().map((w) => w.data()));
    subject.model.dispose();
    optimizer.dispose();
    return { outcome, weights: weights.map((w) => Array.from(w)), askedDuringRun };
  }

  it('leaves the run exactly as it would have been, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const quiet = await train(false);
    const busy = await train(true);
    expect(busy.askedDuringRun).toBeGreaterThan(0);
    expect(busy.outcome).toEqual(quiet.outcome);
    expect(busy.weights).toEqual(quiet.weights);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});

describe('test digits of a confusion-matrix cell', () => {
  const labels = Uint8Array.from([3, 5, 3, 3, 8, 3]);
  const scores = { predictions: Int32Array.from([5, 5, 5, 3, 8, 5]), confidences: Float32Array.from([0.6, 0.99, 0.9, 0.7, 0.8, 0.6]) };

  it('lists mistakes most confident first, ties by index', () => {
    expect(Array.from(selectTestDigits(labels, scores, { kind: 'cell', trueDigit: 3, predicted: 5 }))).toEqual([2, 0, 5]);
    expect(Array.from(selectTestDigits(labels, scores, { kind: 'mistakes' }))).toEqual([2, 0, 5]);
  });

  it('lists right answers least confident first', () => {
    expect(Array.from(selectTestDigits(labels, scores, { kind: 'cell', trueDigit: 5, predicted: 5 }))).toEqual([1]);
    const both = { predictions: Int32Array.from([3, 5, 3, 3, 8, 3]), confidences: scores.confidences };
    expect(Array.from(selectTestDigits(labels, both, { kind: 'cell', trueDigit: 3, predicted: 3 }))).toEqual([0, 5, 3, 2]);
  });

  it('pages through the images with their labels and scores', () => {
    const images = Uint8Array.from({ length: 6 * PIXELS }, (_, i) => Math.floor(i / PIXELS));
    const page = pageOfTestDigits(images, labels, scores, Uint32Array.from([2, 0, 5]), 1, 5);
    expect(page.total).toBe(3);
    expect(Array.from(page.indices)).toEqual([0, 5]);
    expect(Array.from(page.labels)).toEqual([3, 3]);
    expect(Array.from(page.predicted)).toEqual([5, 5]);
    expect(page.confidences[0]).toBeCloseTo(0.6);
    expect([page.images[0], page.images[PIXELS]]).toEqual([0, 5]);
  });
});

describe('Inspector', () => {
  /** The inspector's handlers, answered the way the worker answers them (answer.ts). */
  function inspector(subject: Subject | null) {
    const posted: { message: Answer; transfer: Transferable[] }[] = [];
    const post = (message: Answer, transfer: Transferable[] = []) => posted.push({ message, transfer });
    const i = new Inspector(() => Promise.resolve(subject), () => Promise.resolve(data));
    const handlers = {
      predict: (a: { pixels: Uint8Array }) => i.predict(a.pixels),
      featureMaps: (a: { source: DigitSource }) => i.featureMaps(a.source),
      testDigits: (a: { query: TestDigitQuery; offset: number; limit: number }) => i.testDigits(a.query, a.offset, a.limit),
      explain: (a: ExplainQuestion) => i.explain(a),
    } as unknown as Handlers;
    const ask = (id: number, question: Omit<Question, 'type' | 'id'>) => answerQuestion(handlers, { type: 'question', id, ...question } as Question, post);
    return { posted, inspector: i, ask };
  }

  it('says plainly when there is no network yet or no evaluation', async () => {
    const { posted, ask } = inspector(null);
    await ask(1, { name: 'predict', args: { pixels: digit } });
    await ask(2, { name: 'testDigits', args: { query: { kind: 'mistakes' }, offset: 0, limit: 10 } });
    expect(posted.map((p) => p.message)).toEqual([
      { type: 'answer', id: 1, result: { ok: false, error: NO_NETWORK } },
      { type: 'answer', id: 2, result: { ok: false, error: NO_EVALUATION } },
    ]);
  });

  it('answers with transferable buffers, and forgets scores when told', async () => {
    const subject = subjectOf();
    const { posted, inspector: i, ask } = inspector(subject);
    await ask(1, { name: 'featureMaps', args: { source: { kind: 'drawn', pixels: digit } } });
    expect(posted[0]!.transfer).toHaveLength(5); // input + four layers
    i.keepScores({ predictions: new Int32Array(50).fill(1), confidences: new Float32Array(50).fill(0.5) });
    await ask(2, { name: 'testDigits', args: { query: { kind: 'mistakes' }, offset: 0, limit: 4 } });
    const answer = posted[1]!.message;
    expect(answer.result.ok && (answer.result.value as TestDigits).total).toBe(data.testLabels.filter((l) => l !== 1).length);
    i.forgetScores();
    await ask(3, { name: 'testDigits', args: { query: { kind: 'mistakes' }, offset: 0, limit: 4 } });
    expect(posted[2]!.message).toMatchObject({ result: { ok: false, error: NO_EVALUATION } });
    // Answers are numbered in the order they were computed, predictions and explanations alike.
    await ask(4, { name: 'predict', args: { pixels: digit } });
    await ask(5, { name: 'explain', args: { source: { kind: 'test', index: 0 }, unit: null, target: null, weights: LIVE_WEIGHTS } });
    const [p, e] = [posted[3]!.message.result, posted[4]!.message.result];
    if (!p.ok || !e.ok) throw new Error('expected a prediction and an explanation');
    expect((e.value as Explanation).seq).toBe((p.value as Prediction).seq + 1);
    expect((e.value as Explanation).label).toBe(data.testLabels[0]);
    expect(posted[4]!.transfer.length).toBeGreaterThan(4);
    subject.model.dispose();
  });
});
