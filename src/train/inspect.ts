// Looking inside the trained network, in the worker: predictions, feature maps, filters, scored test digits.
//
// These questions arrive while a run may be training: the training loop yields between reports,
// so they run in its pauses, on the latest weights. Each is synchronous on the device (tf.tidy)
// up to one `await data()`, reads the weights without changing them (inference mode: dropout off,
// batch norm on its moving statistics, no random numbers drawn) and disposes all it made.

import * as tf from '@tensorflow/tfjs';
import type { Architecture } from '../model/architecture';
import { MNIST_SIDE, padImage } from '../data/preprocess';
import type { MnistBytes, Split } from './dataset';
import { makeBatch, PIXELS } from './dataset';
import type { Explanation } from '../model/explanation';
import { explain } from './explain';
import type { DigitSource, ExplainQuestion, FeatureMaps, Filters, LayerActivation, Prediction, TestDigitQuery, TestDigits, WeightsRef } from './protocol';
import type { TestScores } from './scores';
import { pageOfTestDigits, selectTestDigits } from './scores';

/** What there is to look inside: the session's trained model. */
export interface Subject {
  model: tf.Sequential;
  architecture: Architecture;
  epochsDone: number;
}

export const NO_NETWORK = 'No network has been trained yet. Train one first (it can be looked into while it trains).';
export const NO_EVALUATION = 'The test set has not been scored yet: it is scored when a run ends.';

/** One image of `split` as a batch of one, scaled to [0, 1] and padded to the network's input side. */
function imageTensor(split: Split, index: number, side: number): tf.Tensor4D {
  const { xs, labels } = makeBatch(split, [index], side);
  labels.dispose();
  return xs;
}

/** Every layer's output for `x`, in order; the caller disposes them. */
function layerOutputs(model: tf.Sequential, x: tf.Tensor): tf.Tensor[] {
  return tf.tidy(() => {
    const outputs: tf.Tensor[] = [];
    let h = x;
    for (const layer of model.layers) {
      h = layer.apply(h, { training: false }) as tf.Tensor;
      outputs.push(h);
    }
    return outputs;
  });
}

/** `seq`: the answer's place in the worker's order of answers (see Prediction). */
export async function predictDigit(subject: Subject, pixels: Uint8Array, seq = 0): Promise<Prediction> {
  if (pixels.length !== PIXELS) throw new Error(`a drawn digit has ${PIXELS} pixels, not ${pixels.length}`);
  const x = imageTensor({ images: pixels, labels: new Uint8Array(1) }, 0, subject.architecture.input.height);
  const probs = tf.tidy(() => (subject.model.predict(x) as tf.Tensor).reshape([-1]));
  x.dispose();
  try {
    return { probabilities: (await probs.data()) as Float32Array, epochsDone: subject.epochsDone, seq };
  } finally {
    probs.dispose();
  }
}

export async function featureMaps(subject: Subject, source: DigitSource, data: () => Promise<MnistBytes>): Promise<FeatureMaps> {
  const side = subject.architecture.input.height;
  let split: Split;
  let index = 0;
  let label: number | null = null;
  if (source.kind === 'drawn') {
    if (source.pixels.length !== PIXELS) throw new Error(`a drawn digit has ${PIXELS} pixels, not ${source.pixels.length}`);
    split = { images: source.pixels, labels: new Uint8Array(1) };
  } else {
    const bytes = await data();
    if (!Number.isInteger(source.index) || source.index < 0 || source.index >= bytes.testLabels.length) {
      throw new Error(`there is no test digit ${source.index + 1}; pick one from 1 to ${bytes.testLabels.length}`);
    }
    split = { images: bytes.testImages, labels: bytes.testLabels };
    index = source.index;
    label = bytes.testLabels[index]!;
  }
  const x = imageTensor(split, index, side);
  const outputs = layerOutputs(subject.model, x);
  x.dispose();
  try {
    const shown = subject.architecture.layers.flatMap((layer, i) => (layer.type === 'dropout' || layer.type === 'flatten' ? [] : [{ i, type: layer.type }]));
    const values = await Promise.all(shown.map(({ i }) => outputs[i]!.data() as Promise<Float32Array>));
    const layers: LayerActivation[] = shown.map(({ i, type }, k) => ({ index: i, type, shape: outputs[i]!.shape.slice(1), values: values[k]! }));
    const own = split.images.subarray(index * PIXELS, (index + 1) * PIXELS);
    const input = side > MNIST_SIDE ? padImage(own, MNIST_SIDE, (side - MNIST_SIDE) / 2) : own.slice();
    return { input, side, label, layers, epochsDone: subject.epochsDone };
  } finally {
    tf.dispose(outputs);
  }
}

/** The first conv layer's kernels, one k×k image per filter; null for a network without conv layers. */
export async function firstConvFilters(subject: Subject): Promise<Filters | null> {
  const layerIndex = subject.architecture.layers.findIndex((l) => l.type === 'conv2d');
  const layer = subject.model.layers[layerIndex];
  if (layerIndex < 0 || !layer) return null;
  // A copy, so an optimizer step that replaces the variable's value cannot pull it from under the read.
  const kernels = tf.tidy(() => {
    const kernel = layer.getWeights()[0]!; // [k, k, inChannels, filters]
    return kernel.mean(2).transpose([2, 0, 1]);
  });
  try {
    const [count, kernelSize] = kernels.shape as [number, number, number];
    return { layerIndex, kernelSize, count, values: (await kernels.data()) as Float32Array, epochsDone: subject.epochsDone };
  } finally {
    kernels.dispose();
  }
}

/** Answers the inspection questions for the session; keeps the test scores of the last evaluation. */
export class Inspector {
  private scores: TestScores | null = null;
  /** Answers about the weights so far: numbers predictions and explanations in the order computed. */
  private answered = 0;

  /**
   * `subject`: the network whose `weights` answer (the live weights when none are named);
   * `scoresAt`: a checkpoint's test scores (replay), for testDigits about one.
   */
  constructor(
    private readonly subject: (weights?: WeightsRef) => Promise<Subject | null>,
    private readonly data: () => Promise<MnistBytes>,
    private readonly scoresAt: (weights: WeightsRef) => Promise<TestScores> = () => Promise.reject(new Error(NO_EVALUATION)),
  ) {}

  /** The next number in the order of answers, for weights read outside an answer (those shared with the inference worker). */
  stamp(): number {
    return ++this.answered;
  }

  keepScores(scores: TestScores | null): void {
    this.scores = scores;
  }

  /** The live weights' test scores, if the last evaluation still describes them. */
  keptScores(): TestScores | null {
    return this.scores;
  }

  /** The weights are about to change or go: the kept scores no longer describe them. */
  forgetScores(): void {
    this.scores = null;
  }

  async predict(pixels: Uint8Array, weights?: WeightsRef): Promise<Prediction> {
    const subject = await this.network(weights);
    return predictDigit(subject, pixels, ++this.answered);
  }

  /** Explained with the question's weights: the live ones, or a checkpoint's (replay). */
  async explain(question: ExplainQuestion): Promise<Explanation> {
    const subject = await this.network(question.weights);
    return explain(subject, question, this.data, ++this.answered);
  }

  async featureMaps(source: DigitSource, weights?: WeightsRef): Promise<FeatureMaps> {
    return featureMaps(await this.network(weights), source, this.data);
  }

  async filters(weights?: WeightsRef): Promise<Filters> {
    const filters = await firstConvFilters(await this.network(weights));
    if (!filters) throw new Error('this network has no convolutional layer, so it has no filters to show');
    return filters;
  }

  async testDigits(query: TestDigitQuery, offset: number, limit: number, weights?: WeightsRef): Promise<TestDigits> {
    const scores = weights?.kind === 'checkpoint' ? await this.scoresAt(weights) : this.scores;
    if (!scores) throw new Error(NO_EVALUATION);
    const bytes = await this.data();
    const order = selectTestDigits(bytes.testLabels, scores, query);
    return pageOfTestDigits(bytes.testImages, bytes.testLabels, scores, order, offset, limit);
  }

  /** The trained network on a working backend; throws the sentence the UI shows when there is none. */
  private async network(weights?: WeightsRef): Promise<Subject> {
    const subject = await this.subject(weights);
    if (!subject) throw new Error(NO_NETWORK);
    return subject;
  }
}
