// Explaining one input, in the worker: every layer's output, the logits, a gradient × input heat map, one unit's weights.
//
// Everything is computed in one synchronous tf.tidy with ordinary per-layer ops (layer.apply, as
// model.predict runs them, in inference mode), so the outputs, the weights and the heat map all
// come from the same weights even while a run trains between these questions. Only the reads
// at the end wait.

import * as tf from '@tensorflow/tfjs';
import type { Activation, Layer } from '../model/architecture';
import type { Explanation, UnitWeights } from '../model/explanation';
import type { UnitRef } from '../model/units';
import { isMapUnit, unitIndex } from '../model/units';
import { flat, spatial } from '../model/shape';
import type { MnistBytes, Split } from './dataset';
import { makeBatch, PIXELS } from './dataset';
import type { Subject } from './inspect';
import type { DigitSource, ExplainQuestion } from './protocol';

/** The image to explain as 28×28 bytes, with its label when it is a test digit. */
async function imageOf(source: DigitSource, data: () => Promise<MnistBytes>): Promise<{ split: Split; index: number; label: number | null }> {
  if (source.kind === 'drawn') {
    if (source.pixels.length !== PIXELS) throw new Error(`a drawn digit has ${PIXELS} pixels, not ${source.pixels.length}`);
    return { split: { images: source.pixels, labels: new Uint8Array(1) }, index: 0, label: null };
  }
  const bytes = await data();
  if (!Number.isInteger(source.index) || source.index < 0 || source.index >= bytes.testLabels.length) {
    throw new Error(`there is no test digit ${source.index + 1}; pick one from 1 to ${bytes.testLabels.length}`);
  }
  return { split: { images: bytes.testImages, labels: bytes.testLabels }, index: source.index, label: bytes.testLabels[source.index]! };
}

/** Pre-activations of a conv or dense layer for its input `h`: the layer's own op without the activation. */
function preactivation(layer: tf.layers.Layer, spec: Layer, h: tf.Tensor): tf.Tensor {
  const [kernel, bias] = layer.getWeights();
  if (spec.type === 'conv2d') return tf.conv2d(h as tf.Tensor4D, kernel as tf.Tensor4D, spec.strides, spec.padding).add(bias!);
  if (spec.type === 'dense') return tf.matMul(h.reshape([h.shape[0]!, -1]), kernel as tf.Tensor2D).add(bias!);
  return h;
}

/** The tensors a unit's detail needs, to read with the rest; null when the unit is not in the network. */
function unitTensors(subject: Subject, unit: UnitRef, inputs: tf.Tensor[], outputs: tf.Tensor[]): { kind: UnitWeights['kind']; parts: tf.Tensor[]; epsilon?: number } | null {
  const spec = subject.architecture.layers[unit.layer];
  const layer = subject.model.layers[unit.layer];
  const out = outputs[unit.layer];
  if (!spec || !layer || !out) return null;
  const s = out.shape.slice(1);
  const shape = s.length === 3 ? spatial(s[0]!, s[1]!, s[2]!) : flat(s[0]!);
  if (unitIndex(unit, shape) < 0) return null;
  const softmaxed = (a: Activation) => a === 'softmax';
  switch (spec.type) {
    case 'conv2d': {
      if (!isMapUnit(unit)) return null;
      const [kernel, bias] = layer.getWeights() as [tf.Tensor4D, tf.Tensor1D];
      const [k, , cin] = kernel.shape;
      const parts = [kernel.slice([0, 0, 0, unit.channel], [k, k, cin, 1]).reshape([-1]), bias.slice([unit.channel], [1])];
      if (softmaxed(spec.activation)) parts.push(preactivation(layer, spec, inputs[unit.layer]!).slice([0, unit.row, unit.col, 0], [1, 1, 1, -1]).reshape([-1]));
      return { kind: 'conv', parts };
    }
    case 'dense': {
      if (isMapUnit(unit)) return null;
      const [kernel, bias] = layer.getWeights() as [tf.Tensor2D, tf.Tensor1D];
      const parts = [kernel.slice([0, unit.unit], [-1, 1]).reshape([-1]), bias.slice([unit.unit], [1])];
      if (softmaxed(spec.activation)) parts.push(preactivation(layer, spec, inputs[unit.layer]!).reshape([-1]));
      return { kind: 'dense', parts };
    }
    case 'batchNormalization': {
      const channel = isMapUnit(unit) ? unit.channel : unit.unit;
      // tfjs keeps them as gamma, beta, moving mean, moving variance.
      const parts = layer.getWeights().map((w) => w.slice([channel], [1]));
      return { kind: 'batchNorm', parts, epsilon: (layer.getConfig() as { epsilon?: number }).epsilon ?? 1e-3 };
    }
    default:
      return { kind: 'none', parts: [] };
  }
}

function unitWeights(unit: UnitRef, found: { kind: UnitWeights['kind']; epsilon?: number }, read: Float32Array[]): UnitWeights {
  switch (found.kind) {
    case 'conv':
      return { kind: 'conv', unit: unit as Extract<UnitWeights, { kind: 'conv' }>['unit'], kernel: read[0]!, bias: read[1]![0]!, siblings: read[2] ?? null };
    case 'dense':
      return { kind: 'dense', unit: unit as Extract<UnitWeights, { kind: 'dense' }>['unit'], weights: read[0]!, bias: read[1]![0]!, siblings: read[2] ?? null };
    case 'batchNorm': {
      const [gamma, beta, mean, variance] = read.map((r) => r[0]!);
      return { kind: 'batchNorm', unit, gamma: gamma!, beta: beta!, mean: mean!, variance: variance!, epsilon: found.epsilon! };
    }
    case 'none':
      return { kind: 'none', unit };
  }
}

/** Answer one explain question on the subject's weights. `seq` orders answers by the weights they saw. */
export async function explain(subject: Subject, question: ExplainQuestion, data: () => Promise<MnistBytes>, seq: number): Promise<Explanation> {
  const { architecture, model } = subject;
  const side = architecture.input.height;
  const { split, index, label } = await imageOf(question.source, data);
  const last = architecture.layers.length - 1;
  const units = model.layers[last]?.outputShape.at(-1) as number | undefined;
  if (last < 0 || !units) throw new Error('the network has no layers to explain');
  if (question.target !== null && !(Number.isInteger(question.target) && question.target >= 0 && question.target < units)) {
    throw new Error(`there is no class ${question.target} to explain; the network has ${units}`);
  }
  const { xs, labels } = makeBatch(split, [index], side);
  labels.dispose();

  // Flatten and Dropout pass values on unchanged at inference: their outputs are not read again.
  const passThrough = architecture.layers.map((l) => l.type === 'flatten' || l.type === 'dropout');
  const found: { unit: ReturnType<typeof unitTensors> } = { unit: null };
  let shapes: number[][] = [];
  // Read back in this order: input, logits, target, heat map, the unit's weights, the layer outputs.
  const reads = tf.tidy(() => {
    const run = (x: tf.Tensor) => {
      const inputs: tf.Tensor[] = [];
      const outputs: tf.Tensor[] = [];
      let h = x;
      model.layers.forEach((layer) => {
        inputs.push(h);
        h = layer.apply(h, { training: false }) as tf.Tensor;
        outputs.push(h);
      });
      return { inputs, outputs };
    };
    const { inputs, outputs } = run(xs);
    const logitsOf = (ins: tf.Tensor[]) => preactivation(model.layers[last]!, architecture.layers[last]!, ins[last]!).reshape([-1]);
    const target = question.target !== null ? tf.scalar(question.target, 'int32') : outputs[last]!.reshape([-1]).argMax();
    const mask = tf.oneHot(target.reshape([1]), units).reshape([-1]);
    // The class's logit as a function of the pixels: its gradient, times the pixels, is the heat map.
    const saliency = tf.grad((x: tf.Tensor) => logitsOf(run(x).inputs).mul(mask).sum())(xs).mul(xs);
    found.unit = question.unit ? unitTensors(subject, question.unit, inputs, outputs) : null;
    shapes = outputs.map((o) => o.shape.slice(1) as number[]);
    const layerReads = outputs.filter((_, i) => !passThrough[i]).map((o) => o.reshape([-1]));
    return [xs.reshape([-1]), logitsOf(inputs), target, saliency.reshape([-1]), ...(found.unit?.parts ?? []), ...layerReads];
  });
  xs.dispose();
  try {
    const read = (await Promise.all(reads.map((t) => t.data()))).map((v) => (v instanceof Float32Array ? v : Float32Array.from(v)));
    const [input, logits, target, saliency] = read as [Float32Array, Float32Array, Float32Array, Float32Array];
    const partCount = found.unit?.parts.length ?? 0;
    const unitRead = read.slice(4, 4 + partCount);
    const layerRead = read.slice(4 + partCount);
    let next = 0;
    const layers: Explanation['layers'] = [];
    shapes.forEach((shape, i) => {
      const values = passThrough[i] ? (i > 0 ? layers[i - 1]!.values : input) : layerRead[next++]!;
      layers.push({ shape, values });
    });
    const unit = question.unit && found.unit ? unitWeights(question.unit, found.unit, unitRead) : null;
    return {
      architecture,
      epochsDone: subject.epochsDone,
      seq,
      input,
      side,
      label,
      layers,
      logits,
      probabilities: layers[last]!.values,
      saliency: { target: target[0]!, values: saliency },
      unit,
    };
  } finally {
    tf.dispose(reads);
  }
}

