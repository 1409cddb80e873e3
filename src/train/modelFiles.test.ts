// Format round trips: architecture JSON, and TF.js model files written, re-read and loaded by tfjs.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Architecture } from '../model/architecture';
import { makeArchitecture } from '../model/architecture';
import { parseArchitecture, serializeArchitecture } from '../model/parse';
import { PRESETS } from '../model/presets';
import { readModelJson } from '../model/tfjsModel';
import { buildModel } from './buildModel';
import { exportModel, modelWithWeights, predictDigits, readModelFiles } from './modelFiles';
import { generate } from './testArchitectures';
import { takeSnapshot } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => {
  tf.disposeVariables();
});

const presets = PRESETS.filter((p) => p.id !== 'empty').map((p) => [p.id, p.architecture] as const);
const generated = Array.from({ length: 12 }, (_, i) => [`generated ${2000 + i}`, generate(2000 + i)] as const);
const networks: (readonly [string, Architecture])[] = [...presets, ...generated];

/** Two digits of deterministic, non-trivial ink. */
function digits(): Float32Array {
  return Float32Array.from({ length: 2 * 784 }, (_, i) => ((i * 7919) % 255) / 255);
}

async function exported(arch: Architecture, epochs = 3) {
  const model = buildModel(arch, 11);
  const files = await exportModel(model, 'net', epochs);
  return { model, files };
}

describe('architecture JSON round trip', () => {
  it.each(networks)('%s reads back identical', (_id, arch) => {
    for (const pretty of [false, true]) {
      const back = parseArchitecture(serializeArchitecture(arch, pretty));
      expect(back).toEqual({ ok: true, architecture: arch });
      if (back.ok) expect(serializeArchitecture(back.architecture)).toBe(serializeArchitecture(arch));
    }
  });
});

describe('TF.js layers files round trip', () => {
  it.each(networks)('%s: model.json reads back as the same architecture, weights and predictions', async (_id, arch) => {
    const { model, files } = await exported(arch);
    const read = readModelJson(files.modelJson);
    expect(read.ok && read.model.architecture).toEqual(arch);
    expect(read.ok && read.model.epochsDone).toBe(3);
    const back = await readModelFiles(files.modelJson, [{ name: 'net.weights.bin', data: files.weightsBin }]);
    if (!back.ok) throw new Error(back.error);
    expect(back.architecture).toEqual(arch);
    const original = await takeSnapshot(model);
    expect(back.weights.shapes).toEqual(original.shapes);
    back.weights.values.forEach((v, i) => expect(v).toEqual(original.values[i]));
    const again = modelWithWeights(back.architecture, back.weights);
    const side = arch.input.height;
    expect(await predictDigits(again, digits(), side)).toEqual(await predictDigits(model, digits(), side));
    again.dispose();
    model.dispose();
  });

  it('tf.loadLayersModel reads the exported files as they are', async () => {
    const arch = PRESETS.find((p) => p.id === 'seed-simple-cnn')!.architecture;
    const { model, files } = await exported(arch);
    const json = JSON.parse(files.modelJson) as tf.io.ModelJSON;
    expect(json.weightsManifest[0]!.paths).toEqual(['./net.weights.bin']);
    expect(json.format).toBe('layers-model');
    // The same path tf.loadLayersModel takes for an http or browserFiles model.
    const artifacts = await tf.io.getModelArtifactsForJSON(json, async (m) => [m.flatMap((g) => g.weights), files.weightsBin]);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    expect(loaded.countParams()).toBe(592_074);
    const x = tf.tensor4d(digits(), [2, 28, 28, 1]);
    const [a, b] = [loaded.predict(x) as tf.Tensor, model.predict(x) as tf.Tensor];
    expect(await a.data()).toEqual(await b.data());
    tf.dispose([x, a, b]);
    loaded.dispose();
    model.dispose();
  });

  it('imports a flat-input MLP (the seed\'s Keras form) as Flatten + Dense with the same predictions', async () => {
    const mlp = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [784], units: 32, activation: 'relu', name: 'dense' }),
        tf.layers.dense({ units: 10, activation: 'softmax', name: 'dense_1' }),
      ],
    });
    const files = await exportModel(mlp, 'mlp', 0);
    const back = await readModelFiles(files.modelJson, [{ name: 'mlp.weights.bin', data: files.weightsBin }]);
    if (!back.ok) throw new Error(back.error);
    expect(back.architecture.layers.map((l) => l.type)).toEqual(['flatten', 'dense', 'dense']);
    const ours = modelWithWeights(back.architecture, back.weights);
    const x = tf.tensor2d(digits(), [2, 784]);
    const theirs = mlp.predict(x) as tf.Tensor;
    expect(await predictDigits(ours, digits(), 28)).toEqual(await theirs.data());
    tf.dispose([x, theirs]);
    ours.dispose();
    mlp.dispose();
  });

  it('refuses weights holding NaN or infinities, naming where, and leaks no tensors doing so', async () => {
    const arch = PRESETS.find((p) => p.id === 'seed-mlp')!.architecture;
    const { model, files } = await exported(arch);
    model.dispose();
    const before = tf.memory().numTensors;
    const spoilt = files.weightsBin.slice(0);
    const floats = new Float32Array(spoilt);
    floats[5] = NaN;
    floats[floats.length - 1] = Infinity;
    const read = await readModelFiles(files.modelJson, [{ name: 'net.weights.bin', data: spoilt }]);
    expect(read).toMatchObject({ ok: false, error: expect.stringMatching(/2 weight values are NaN or infinite \(the first in “layer_1\/kernel”\)/) });
    expect(tf.memory().numTensors).toBe(before);
    const shapes = [[784, 10], [10]];
    const tiny = makeArchitecture(28, [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }]);
    expect(() => modelWithWeights(tiny, { values: [new Float32Array(7840).fill(NaN), new Float32Array(10)], shapes })).toThrow(/NaN or infinite/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects weights that do not match the network, and leaks no tensors doing so', async () => {
    const arch = PRESETS.find((p) => p.id === 'seed-mlp')!.architecture;
    const { model, files } = await exported(arch);
    model.dispose();
    const before = tf.memory().numTensors;
    const short = await readModelFiles(files.modelJson, [{ name: 'net.weights.bin', data: files.weightsBin.slice(0, 1000) }]);
    expect(short).toMatchObject({ ok: false, error: expect.stringMatching(/do not match the network.*bytes/) });
    const missing = await readModelFiles(files.modelJson, [{ name: 'other.bin', data: files.weightsBin }]);
    expect(missing).toMatchObject({ ok: false, error: expect.stringContaining('net.weights.bin') });
    // The topology says 64 hidden units; the manifest and weights are for 784.
    const doc = JSON.parse(files.modelJson) as { modelTopology: { config: { layers: { config: { units?: number } }[] } } };
    doc.modelTopology.config.layers[1]!.config.units = 64;
    const mismatch = await readModelFiles(JSON.stringify(doc), [{ name: 'net.weights.bin', data: files.weightsBin }]);
    expect(mismatch).toMatchObject({ ok: false, error: expect.stringMatching(/do not match the network: "layer_1\/kernel" has shape \[784, 784\]/) });
    expect(tf.memory().numTensors).toBe(before);
    expect(() => modelWithWeights(makeArchitecture(28, [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }]), { values: [], shapes: [] })).toThrow(/needs 2 weight tensors/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
