// Trained models in and out of the worker: TF.js layers files, stored weights, and predictions.

import * as tf from '@tensorflow/tfjs';
import type { Architecture } from '../model/architecture';
import { nonFiniteProblem } from '../model/finite';
import { METADATA_KEY, readModelJson } from '../model/tfjsModel';
import { buildModel } from './buildModel';
import { IMAGE_SIDE, PIXELS } from './dataset';
import type { ModelRead, WeightsData } from './protocol';

/** Model files read, or why not. */
export type ModelFilesRead = ({ ok: true } & ModelRead) | { ok: false; error: string };
import { safeChunk } from './memory';
import { restoreSnapshot, takeSnapshot } from './trainer';

export interface ExportedFiles {
  modelJson: string;
  weightsBin: ArrayBuffer;
}

/**
 * model.json and its weights file as tf.io.browserDownloads writes them, so that
 * tf.loadLayersModel (or tf.io.browserFiles) reads them anywhere. The weights file is named
 * `<base>.weights.bin`, and the manifest points at it.
 */
export async function exportModel(model: tf.LayersModel, base: string, epochsDone: number, about: { dataset?: string; classNames?: readonly string[] } = {}): Promise<ExportedFiles> {
  // MNIST models carry what they always did; others say their dataset and class names too.
  const extra = about.dataset && about.dataset !== 'mnist' ? { dataset: about.dataset, classNames: about.classNames ? [...about.classNames] : [] } : {};
  model.setUserDefinedMetadata({ [METADATA_KEY]: { epochsDone, ...extra } });
  let files: ExportedFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const json: Record<string, unknown> = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [`./${base}.weights.bin`], weights: artifacts.weightSpecs }],
        userDefinedMetadata: artifacts.userDefinedMetadata,
      };
      files = { modelJson: JSON.stringify(json), weightsBin: tf.io.CompositeArrayBuffer.join(artifacts.weightData) };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!files) throw new Error('TensorFlow.js did not hand over the model.');
  return files;
}

/**
 * Read a model.json and its weight files with tf.loadLayersModel, as any TF.js program would,
 * then copy the weights, layer by layer, into the app's own model of the same network.
 */
export async function readModelFiles(text: string, files: { name: string; data: ArrayBuffer }[]): Promise<ModelFilesRead> {
  const read = readModelJson(text);
  if (!read.ok) return read;
  const { model: file } = read;
  const byName = new Map(files.map((f) => [f.name, f.data]));
  const buffers: ArrayBuffer[] = [];
  for (const name of file.weightFiles) {
    const data = byName.get(name);
    if (!data) return { ok: false, error: `The model needs the weights file "${name.slice(0, 60)}"; pick it together with the model.json.` };
    buffers.push(data);
  }
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  if (total !== file.weightBytes) {
    return { ok: false, error: `The weights do not match the network: it needs ${file.weightBytes.toLocaleString('en-US')} bytes of weights, the file has ${total.toLocaleString('en-US')}.` };
  }
  let loaded: tf.LayersModel | null = null;
  let model: tf.Sequential | null = null;
  try {
    const artifacts = await tf.io.getModelArtifactsForJSON(file.json as unknown as tf.io.ModelJSON, async (manifest) => [
      manifest.flatMap((g) => g.weights),
      buffers,
    ]);
    loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    model = buildModel(file.architecture);
    const source = loaded;
    const names: string[] = [];
    model.layers.forEach((layer, i) => {
      const name = file.layerNames[i];
      if (!name) return;
      const from = source.getLayer(name);
      layer.setWeights(from.getWeights());
      names.push(...from.weights.map((w) => w.originalName));
    });
    const weights = await takeSnapshot(model);
    const problem = nonFiniteProblem(weights.values, names);
    if (problem) return { ok: false, error: `The weights cannot be used: ${problem}` };
    return { ok: true, architecture: file.architecture, weights, epochsDone: file.epochsDone };
  } catch (e) {
    return { ok: false, error: `TensorFlow.js could not load the model: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    loaded?.dispose();
    model?.dispose();
  }
}

/** A fresh model of `architecture` holding `weights`; throws (and leaks nothing) when they do not fit. */
export function modelWithWeights(architecture: Architecture, weights: WeightsData): tf.Sequential {
  const model = buildModel(architecture);
  try {
    const expected = model.getWeights().map((w) => w.shape.join('x'));
    const given = weights.shapes.map((s) => s.join('x'));
    if (expected.join() !== given.join()) {
      throw new Error(`the network needs ${expected.length} weight tensors [${expected.join(', ')}], the saved ones are [${given.join(', ')}]`);
    }
    const problem = nonFiniteProblem(weights.values);
    if (problem) throw new Error(problem);
    restoreSnapshot(model, weights);
    return model;
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/** Class probabilities for `pixels`: n 28×28 digits, values in [0, 1], zero-padded for 32×32 networks. */
export async function predictDigits(model: tf.LayersModel, pixels: Float32Array, side: number): Promise<Float32Array> {
  const n = Math.floor(pixels.length / PIXELS);
  const out = new Float32Array(n * 10);
  // In passes whose layer outputs fit in memory (LIMITS.maxBatchActivations).
  const chunk = safeChunk(model, n);
  for (let start = 0; start < n; start += chunk) {
    const count = Math.min(chunk, n - start);
    const probs = tf.tidy(() => {
      const xs = tf.tensor4d(pixels.subarray(start * PIXELS, (start + count) * PIXELS), [count, IMAGE_SIDE, IMAGE_SIDE, 1]);
      const pad = (side - IMAGE_SIDE) / 2;
      const input = pad > 0 ? tf.pad(xs, [[0, 0], [pad, pad], [pad, pad], [0, 0]]) : xs;
      return model.predict(input) as tf.Tensor;
    });
    try {
      // Copied out: the caller transfers the answer, and a backend may hand out its own storage.
      out.set((await probs.data()) as Float32Array, start * 10);
    } finally {
      probs.dispose();
    }
  }
  return out;
}
