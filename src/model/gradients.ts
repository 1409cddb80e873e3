// Gradient norms per layer over a run, and what they say in plain words: vanishing, exploding, and what to try.

import type { Layer } from './architecture';
import { LAYER_LABELS } from './architecture';
import { groupDigits } from './format';
import { OPTIMIZER_INFO } from './optimizers';

/** One layer's gradient at one sampled training step. */
export interface LayerGradient {
  /** Position of the layer in the architecture. */
  layer: number;
  /** L2 norm of the loss's gradient with respect to all the layer's trainable weights (kernel and bias). */
  norm: number;
  /** Root mean square of those gradients (norm / √count): comparable between layers of different sizes. */
  rms: number;
  /** The size of the step the optimiser took on the layer's kernel, relative to the kernel: ‖Δw‖ / ‖w‖. */
  stepRatio: number;
}

/** The gradients of every layer with weights at one training step. */
export interface GradientSample {
  /** Batches done since the weights were fresh, this one included. */
  step: number;
  /** Epochs done, fractional. */
  epoch: number;
  layers: LayerGradient[];
}

/**
 * A step that changes a layer's kernel by as much as the kernel itself overshoots: measured on
 * MNIST, plain SGD at 10 or 100 (steps of 190% and 1,900% of the weights at the first batch)
 * diverged within two batches, while SGD at 1 (at most 55%) and Adam at 0.001 (about 2%) learned.
 */
export const EXPLODING_STEP = 1;

/**
 * A layer whose gradients are this much smaller (root mean square per weight) than those of a
 * layer after it is barely learning. Measured on MNIST: three sigmoid layers of 64 give their
 * first layer 1/240 of the output layer's, six give 1/14,000; the seed's presets stay above
 * 1/12 (the MLP's first layer, the simple CNN's Dense 128), and three tanh layers above 1/3.
 */
export const VANISHING_RATIO = 1 / 100;

export type NoteKind = 'exploding' | 'vanishing' | 'stalled';

/** What the gradients say, in words a learner can act on. */
export interface GradientNote {
  kind: NoteKind;
  /** Architecture indices of the layers it is about. */
  layers: number[];
  /** The sampled batch (since the weights were fresh) where it was first seen. */
  step: number;
  epoch: number;
  title: string;
  text: string;
  /** What to try, most promising first. */
  tips: string[];
}

/** The parts of the training settings the notes speak of. */
export interface NoteSettings {
  optimizer: string;
  learningRate: number;
}


/** "layer 3 (Dense 64, sigmoid)": numbered from 1, as the builder does. */
export function layerName(layers: readonly Layer[], index: number): string {
  const l = layers[index];
  if (!l) return `layer ${index + 1}`;
  switch (l.type) {
    case 'conv2d':
      return `layer ${index + 1} (Conv2D ${l.filters}@${l.kernelSize}×${l.kernelSize}, ${l.activation})`;
    case 'dense':
      return `layer ${index + 1} (Dense ${l.units}, ${l.activation})`;
    default:
      return `layer ${index + 1} (${LAYER_LABELS[l.type]})`;
  }
}

function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** 0.00042 -> "0.00042"; a rate a tenth of `rate`, written as a person would type it. */
function tenth(rate: number): string {
  return String(Number((rate / 10).toPrecision(2)));
}

/** 14,000 or 240: a ratio rounded to two significant figures and grouped. */
function times(ratio: number): string {
  return groupDigits(Number(ratio.toPrecision(2)));
}

function explodingNote(sample: GradientSample, layers: readonly Layer[], s: NoteSettings): GradientNote {
  const broken = sample.layers.filter((l) => !Number.isFinite(l.norm) || !Number.isFinite(l.stepRatio));
  const worst = sample.layers.reduce((a, b) => (b.stepRatio > a.stepRatio ? b : a));
  const optimizer = (OPTIMIZER_INFO as Record<string, { label: string } | undefined>)[s.optimizer]?.label ?? s.optimizer;
  const how =
    broken.length > 0
      ? `at batch ${groupDigits(sample.step)} the gradients of ${listOf(broken.map((l) => layerName(layers, l.layer)))} were no longer numbers (infinite or NaN).`
      : `at batch ${groupDigits(sample.step)}, one step of ${optimizer} at a learning rate of ${s.learningRate} changed the weights of ${layerName(layers, worst.layer)} by ${groupDigits(Math.round(worst.stepRatio * 100))}% of their own size.`;
  const tips = [`Lower the learning rate ten times (to ${tenth(s.learningRate)}) and train again.`];
  if (s.optimizer === 'sgd') tips.push('Or use Adam at 0.001: its steps stay about as large as the learning rate, however large the gradients are.');
  if (!layers.some((l) => l.type === 'batchNormalization')) tips.push('Batch normalisation after conv or dense layers lets a network take higher rates.');
  return {
    kind: 'exploding',
    layers: (broken.length > 0 ? broken : sample.layers.filter((l) => l.stepRatio >= EXPLODING_STEP)).map((l) => l.layer),
    step: sample.step,
    epoch: sample.epoch,
    title: 'Exploding: the steps are larger than the weights',
    text: `The learning rate is too high: ${how} Steps that large overshoot: the loss jumps up instead of down, and the outputs saturate until the gradients vanish to zero or stop being numbers.`,
    tips,
  };
}

/** Layers whose gradients are VANISHING_RATIO or less of the largest of a later layer, with that layer. */
function vanishingIn(sample: GradientSample): { weak: LayerGradient[]; strong: LayerGradient } | null {
  const weak: LayerGradient[] = [];
  let strong: LayerGradient | null = null;
  sample.layers.forEach((l, i) => {
    const later = sample.layers.slice(i + 1);
    if (later.length === 0) return;
    const top = later.reduce((a, b) => (b.rms > a.rms ? b : a));
    if (top.rms > 0 && l.rms < VANISHING_RATIO * top.rms) {
      weak.push(l);
      if (!strong || top.rms > strong.rms) strong = top;
    }
  });
  return strong && weak.length > 0 ? { weak, strong } : null;
}

function vanishingNote(sample: GradientSample, found: { weak: LayerGradient[]; strong: LayerGradient }, layers: readonly Layer[], s: NoteSettings): GradientNote {
  const { weak, strong } = found;
  const first = weak[0]!;
  const squashing = layers.filter((l) => (l.type === 'dense' || l.type === 'conv2d') && (l.activation === 'sigmoid' || l.activation === 'tanh'));
  const sigmoids = layers.filter((l, i) => i < layers.length - 1 && (l.type === 'dense' || l.type === 'conv2d') && l.activation === 'sigmoid').length;
  const why =
    sigmoids > 0
      ? ` Each sigmoid layer multiplies the gradient passing back through it by at most 0.25 (its steepest slope), so ${sigmoids === 1 ? 'one' : `${sigmoids} in a row`} shrink${sigmoids === 1 ? 's' : ''} it by ${sigmoids === 1 ? '4' : `4^${sigmoids} = ${groupDigits(4 ** sigmoids)}`} or more.`
      : squashing.length > 0
        ? ' Tanh layers flatten out for large inputs, and where they are flat, no gradient passes back.'
        : ' Every layer it passes back through can shrink it, so deep stacks starve their first layers.';
  const tips: string[] = [];
  if (squashing.length > 0) tips.push('Use relu in the hidden layers: its slope is 1 wherever it is active, so gradients pass back at full strength.');
  if (!layers.some((l) => l.type === 'batchNormalization')) tips.push('Add batch normalisation after each hidden layer: it keeps the inputs of each activation in its steep middle.');
  tips.push('Use fewer layers.');
  if (s.optimizer === 'sgd') tips.push('Adam scales each weight’s step by its own gradient’s size, so small gradients still move weights (it helps, but does not remove the cause).');
  return {
    kind: 'vanishing',
    layers: weak.map((l) => l.layer),
    step: sample.step,
    epoch: sample.epoch,
    title: 'Vanishing: the first layers barely learn',
    text:
      `At batch ${groupDigits(sample.step)}, ${listOf(weak.map((l) => layerName(layers, l.layer)))} ${weak.length === 1 ? 'gets' : 'get'} gradients ` +
      `${times(strong.rms / Math.max(first.rms, Number.MIN_VALUE))} times smaller per weight than ${layerName(layers, strong.layer)}: the error signal fades on its way back from the output.${why}`,
    tips,
  };
}

/**
 * The notes the samples so far call for, in the order first seen. Exploding: the first sample
 * with a step of EXPLODING_STEP or more (or gradients that are not numbers). Vanishing: in the
 * latest sample (its figures are quoted), confirmed by the one before it when there is one. Stalled: every gradient of the
 * latest sample is exactly zero (saturated outputs, or every relu unit dead).
 */
export function gradientNotes(samples: readonly GradientSample[], layers: readonly Layer[], s: NoteSettings): GradientNote[] {
  const notes: GradientNote[] = [];
  const blowUp = samples.find((x) => x.layers.some((l) => !Number.isFinite(l.norm) || !Number.isFinite(l.stepRatio) || l.stepRatio >= EXPLODING_STEP));
  if (blowUp) notes.push(explodingNote(blowUp, layers, s));
  const latest = samples.at(-1);
  if (!latest) return notes;
  const previous = samples.at(-2);
  const found = vanishingIn(latest);
  if (found && (!previous || vanishingIn(previous))) notes.push(vanishingNote(latest, found, layers, s));
  if (latest.layers.length > 0 && latest.layers.every((l) => l.norm === 0)) {
    notes.push({
      kind: 'stalled',
      layers: latest.layers.map((l) => l.layer),
      step: latest.step,
      epoch: latest.epoch,
      title: 'Stalled: no gradient at all',
      text: `At batch ${groupDigits(latest.step)} every layer’s gradient is exactly zero, so nothing learns any more. Usually the outputs have saturated (the network is certain, and wrong) after steps that were too large, or every relu unit has gone dead.`,
      tips: [`Train again from fresh weights with a lower learning rate (${tenth(s.learningRate)}).`],
    });
  }
  return notes.sort((a, b) => a.step - b.step);
}

/** Gradient samples an epoch beyond its first batch: the end of each quarter. */
export const SAMPLES_PER_EPOCH = 4;

/** Whether the 1-based `batch` of an epoch of `batchesPerEpoch` is measured: its first, the end of each quarter, and its last. */
export function isGradientSample(batch: number, batchesPerEpoch: number): boolean {
  return batch === 1 || batch === batchesPerEpoch || batch % Math.max(1, Math.ceil(batchesPerEpoch / SAMPLES_PER_EPOCH)) === 0;
}
