// The unit details' own arithmetic against tfjs on the CPU backend: every layer type, stride 1 and 2, valid and same, 28 and 32.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Activation, Architecture, Layer, Padding } from '../model/architecture';
import { makeArchitecture } from '../model/architecture';
import { analyze } from '../model/analyze';
import { LIVE_WEIGHTS } from '../model/explanation';
import type { Explanation } from '../model/explanation';
import type { UnitRef } from '../model/units';
import { unitIndex } from '../model/units';
import { activate, batchNormUnit, convMap, convUnit, denseUnit, poolUnit } from '../model/unitMath';
import { buildModel } from './buildModel';
import type { MnistBytes } from './dataset';
import { PIXELS } from './dataset';
import { explain } from './explain';
import { predictDigit } from './inspect';
import type { Subject } from './inspect';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const noData = (): Promise<MnistBytes> => Promise.reject(new Error('no dataset in this test'));

/** A digit-like image: a ring of ink with grey edges, different for each seed. */
function digit(seed: number): Uint8Array {
  const px = new Uint8Array(PIXELS);
  for (let i = 0; i < PIXELS; i++) {
    const y = Math.floor(i / 28) - 14;
    const x = (i % 28) - 14 + (seed % 5);
    const r = Math.hypot(x, y * 0.8);
    px[i] = Math.max(0, Math.min(255, Math.round(255 - Math.abs(r - 7) * 90 + ((i * 37 + seed * 11) % 23))));
  }
  return px;
}

/** A model of `arch` with every weight random (batch norm's variances positive), so no sum is trivially 0 or 1. */
function subjectOf(arch: Architecture, seed: number): Subject {
  const model = buildModel(arch, seed);
  const weights = model.weights.map((w, i) =>
    w.name.includes('moving_variance') ? tf.randomUniform(w.shape as number[], 0.5, 2, 'float32', seed + i) : tf.randomUniform(w.shape as number[], -0.6, 0.6, 'float32', seed + i),
  );
  model.setWeights(weights);
  tf.dispose(weights);
  return { model, architecture: arch, epochsDone: 1 };
}

const conv = (kernelSize: number, strides: number, padding: Padding, activation: Activation): Layer => ({ type: 'conv2d', filters: 3, kernelSize, strides, padding, activation });
const pool = (type: 'maxPooling2d' | 'averagePooling2d', poolSize: number, strides: number, padding: Padding): Layer => ({ type, poolSize, strides, padding });

/** Every layer type, with this stride and padding on every conv and pool, activations varied across the convs. */
function network(side: 28 | 32, strides: number, padding: Padding, acts: [Activation, Activation]): Architecture {
  return makeArchitecture(side, [
    conv(3, strides, padding, acts[0]),
    pool('maxPooling2d', 3, strides, padding),
    { type: 'batchNormalization' },
    conv(4, strides, padding, acts[1]),
    pool('averagePooling2d', 2, strides, padding),
    { type: 'dropout', rate: 0.3 },
    { type: 'flatten' },
    { type: 'dense', units: 12, activation: 'tanh' },
    { type: 'batchNormalization' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ]);
}

/** A few units of `layer` spread over it: opposite corners (where padding lies) and the middle. */
function sampleUnits(shape: number[], layer: number): UnitRef[] {
  if (shape.length === 1) return [...new Set([0, Math.floor(shape[0]! / 2), shape[0]! - 1])].map((unit) => ({ layer, unit }));
  const [h, w, c] = shape as [number, number, number];
  const cells: [number, number, number][] = [
    [0, 0, 0],
    [h - 1, w - 1, c - 1],
    [Math.floor(h / 2), Math.floor(w / 2), 1 % c],
  ];
  return cells.map(([row, col, channel]) => ({ layer, channel, row, col }));
}

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));

/** What the detail computes for `unit` from the answer alone, checked against the layer's output from tfjs. */
function checkUnit(answer: Explanation, unit: UnitRef): string {
  const arch = answer.architecture;
  const spec = arch.layers[unit.layer]!;
  const out = answer.layers[unit.layer]!;
  const row = analyze(arch).rows[unit.layer]!;
  const expected = out.values[unitIndex(unit, row.outputShape!)]!;
  const before = unit.layer > 0 ? answer.layers[unit.layer - 1]! : { shape: [answer.side, answer.side, 1], values: answer.input };
  const volume = { height: before.shape[0]!, width: before.shape[1]!, channels: before.shape[2]!, values: before.values };
  const w = answer.unit!;
  expect(w.unit).toEqual(unit);
  switch (spec.type) {
    case 'conv2d': {
      if (w.kind !== 'conv' || !('channel' in unit)) throw new Error('expected conv weights');
      const siblings = w.siblings ? { values: w.siblings, self: unit.channel } : undefined;
      const detail = convUnit(volume, w.kernel, w.bias, spec, unit.row, unit.col, siblings);
      close(detail.preactivation, detail.sum + w.bias);
      close(detail.value, expected);
      if (siblings) close(w.siblings![unit.channel]!, detail.preactivation);
      // The step-through's whole map: every position, padded cells as zeros, through the activation.
      const map = convMap(volume, w.kernel, w.bias, spec);
      const [, , channels] = out.shape as [number, number, number];
      expect([map.height, map.width]).toEqual(out.shape.slice(0, 2));
      if (spec.activation !== 'softmax') map.values.forEach((z, i) => close(activate(spec.activation, z), out.values[i * channels + unit.channel]!));
      return 'conv';
    }
    case 'maxPooling2d':
    case 'averagePooling2d': {
      if (!('channel' in unit)) throw new Error('expected a map unit');
      const detail = poolUnit(volume, unit.channel, { op: spec.type === 'maxPooling2d' ? 'max' : 'average', poolSize: spec.poolSize, strides: spec.strides, padding: spec.padding }, unit.row, unit.col);
      close(detail.value, expected);
      return spec.type;
    }
    case 'batchNormalization': {
      if (w.kind !== 'batchNorm') throw new Error('expected batch-norm weights');
      const x = before.values[unitIndex(unit, row.inputShape!)]!;
      close(batchNormUnit(x, w).value, expected);
      return 'batchNormalization';
    }
    case 'dense': {
      if (w.kind !== 'dense' || 'channel' in unit) throw new Error('expected dense weights');
      const siblings = w.siblings ? { values: w.siblings, self: unit.unit } : undefined;
      const detail = denseUnit(before.values, w.weights, w.bias, spec.activation, 8, siblings);
      close(detail.value, expected);
      if (spec.activation === 'softmax') close(detail.preactivation, answer.logits[unit.unit]!);
      return 'dense';
    }
    case 'flatten':
    case 'dropout':
      expect(w.kind).toBe('none');
      // Flatten's unit i is value i of the maps before it, laid out channels last.
      close(before.values['unit' in unit ? unit.unit : unitIndex(unit, row.inputShape!)] ?? NaN, expected);
      return spec.type;
  }
}

describe('every unit detail agrees with tfjs', () => {
  const cases: [28 | 32, number, Padding, [Activation, Activation]][] = [
    [28, 1, 'valid', ['relu', 'sigmoid']],
    [28, 2, 'valid', ['tanh', 'linear']],
    [28, 1, 'same', ['softmax', 'relu']],
    [28, 2, 'same', ['sigmoid', 'softmax']],
    [32, 1, 'valid', ['linear', 'tanh']],
    [32, 2, 'valid', ['relu', 'relu']],
    [32, 1, 'same', ['tanh', 'sigmoid']],
    [32, 2, 'same', ['relu', 'linear']],
  ];
  for (const [side, strides, padding, acts] of cases) {
    it(`${side}×${side}, stride ${strides}, ${padding} padding, ${acts.join(' and ')} convs`, async () => {
      const arch = network(side, strides, padding, acts);
      expect(analyze(arch).valid).toBe(true);
      const subject = subjectOf(arch, strides * 100 + side);
      const pixels = digit(side + strides);
      const source = { kind: 'drawn' as const, pixels };
      const before = tf.memory().numTensors;
      const plain = await explain(subject, { source, unit: null, target: null, weights: LIVE_WEIGHTS }, noData, 1);
      expect(tf.memory().numTensors).toBe(before);
      // The forward pass is model.predict's, number for number.
      const predicted = await predictDigit(subject, pixels);
      expect(Array.from(plain.probabilities)).toEqual(Array.from(predicted.probabilities));
      const seen = new Set<string>();
      for (const [layer, out] of plain.layers.entries()) {
        for (const unit of sampleUnits(out.shape, layer)) {
          const answer = await explain(subject, { source, unit, target: null, weights: LIVE_WEIGHTS }, noData, 2);
          expect(Array.from(answer.layers[layer]!.values)).toEqual(Array.from(out.values));
          seen.add(checkUnit(answer, unit));
        }
      }
      expect([...seen].sort()).toEqual(['averagePooling2d', 'batchNormalization', 'conv', 'dense', 'dropout', 'flatten', 'maxPooling2d']);
      expect(tf.memory().numTensors).toBe(before);
      subject.model.dispose();
    }, 60_000);
  }

  it('a 32×32 input is the drawn digit with a two-pixel zero border', async () => {
    const subject = subjectOf(network(32, 1, 'valid', ['relu', 'relu']), 5);
    const pixels = digit(3);
    const answer = await explain(subject, { source: { kind: 'drawn', pixels }, unit: null, target: null, weights: LIVE_WEIGHTS }, noData, 1);
    expect(answer.side).toBe(32);
    expect(answer.input[0]).toBe(0);
    expect(answer.input[2 * 32 + 2]).toBeCloseTo(pixels[0]! / 255, 6);
    expect(answer.input[(2 + 13) * 32 + 2 + 14]).toBeCloseTo(pixels[13 * 28 + 14]! / 255, 6);
    subject.model.dispose();
  });

  it('a unit that is not in the network gets no weights, and a class that is not there is refused', async () => {
    const subject = subjectOf(network(28, 1, 'valid', ['relu', 'relu']), 6);
    const source = { kind: 'drawn' as const, pixels: digit(1) };
    const off = await explain(subject, { source, unit: { layer: 0, channel: 0, row: 26, col: 0 }, target: null, weights: LIVE_WEIGHTS }, noData, 1);
    expect(off.unit).toBeNull();
    const flatAsMap = await explain(subject, { source, unit: { layer: 7, channel: 0, row: 0, col: 0 }, target: null, weights: LIVE_WEIGHTS }, noData, 1);
    expect(flatAsMap.unit).toBeNull();
    await expect(explain(subject, { source, unit: null, target: 10, weights: LIVE_WEIGHTS }, noData, 1)).rejects.toThrow('no class 10');
    await expect(explain(subject, { source: { kind: 'drawn', pixels: new Uint8Array(5) }, unit: null, target: null, weights: LIVE_WEIGHTS }, noData, 1)).rejects.toThrow('784 pixels');
    subject.model.dispose();
  });
});

describe('the heat map is gradient × input of a class logit', () => {
  for (const side of [28, 32] as const) {
    it(`without hidden layers (${side}×${side}) it is that class's weights times the pixels`, async () => {
      const arch = makeArchitecture(side, [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }]);
      const subject = subjectOf(arch, side);
      const pixels = digit(side);
      const [kernel, bias] = (await Promise.all(subject.model.layers[1]!.getWeights().map((w) => w.data()))) as Float32Array[];
      for (const target of [null, 1, 7]) {
        const answer = await explain(subject, { source: { kind: 'drawn', pixels }, unit: null, target, weights: LIVE_WEIGHTS }, noData, 1);
        const x = answer.input;
        // Default: the guess.
        const top = answer.probabilities.indexOf(Math.max(...answer.probabilities));
        const c = target ?? top;
        expect(answer.saliency.target).toBe(c);
        expect(answer.saliency.values).toHaveLength(side * side);
        answer.saliency.values.forEach((v, i) => close(v, kernel![i * 10 + c]! * x[i]!));
        // And the logits are x · W + b.
        for (let k = 0; k < 10; k++) close(answer.logits[k]!, x.reduce((s, xi, i) => s + xi * kernel![i * 10 + k]!, bias![k]!));
      }
      subject.model.dispose();
    });
  }

  it('with hidden layers it matches a finite-difference check of the logit', async () => {
    const arch = makeArchitecture(28, [conv(3, 2, 'same', 'tanh'), { type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }]);
    const subject = subjectOf(arch, 9);
    const pixels = digit(2);
    const answer = await explain(subject, { source: { kind: 'drawn', pixels }, unit: null, target: 4, weights: LIVE_WEIGHTS }, noData, 1);
    const logit = (x: Float32Array) =>
      tf.tidy(() => {
        const xs = tf.tensor4d(x, [1, 28, 28, 1]);
        const [c] = subject.model.layers;
        const h = c!.apply(xs) as tf.Tensor;
        const [kernel, bias] = subject.model.layers[2]!.getWeights();
        return tf.matMul(h.reshape([1, -1]), kernel as tf.Tensor2D).add(bias!).arraySync() as number[][];
      })[0]![4]!;
    const x = Float64Array.from(answer.input);
    for (const i of [14 * 28 + 7, 10 * 28 + 14, 20 * 28 + 20]) {
      const eps = 1e-2;
      const up = Float32Array.from(x);
      const down = Float32Array.from(x);
      up[i] = x[i]! + eps;
      down[i] = x[i]! - eps;
      const gradient = (logit(up) - logit(down)) / (2 * eps);
      expect(answer.saliency.values[i]!).toBeCloseTo(gradient * x[i]!, 2);
    }
    subject.model.dispose();
  });
});
