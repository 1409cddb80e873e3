// TensorFlow.js layers-format model.json: reading it back into format v1, and checking its weights.

import { analyze } from './analyze';
import type { Activation, Architecture, KernelRegularizer, Layer, Padding } from './architecture';
import { ACTIVATIONS, FORMAT, PADDINGS, VERSION, withDataset } from './architecture';
import { MIN_CLASSES, isDatasetId } from './datasets';
import { MAX_FIELD_VALUE, parseArchitecture } from './parse';
import { LIMITS } from './validate';

/** Where the app keeps its own facts in model.json's userDefinedMetadata. */
export const METADATA_KEY = 'cnnPlayground';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string };
}

export interface WeightGroup {
  paths: string[];
  weights: WeightSpec[];
}

/** A model.json the app can load: its network in format v1 and what its weight files must hold. */
export interface ModelFile {
  architecture: Architecture;
  /** The tfjs layer name behind each architecture layer; null for a Flatten the reader inserted. */
  layerNames: (string | null)[];
  /** The parsed document, handed to tfjs as is but for its regularisers (in tfjs's own L1L2 form). */
  json: Record<string, unknown>;
  /** Base names of the weight files, in the order the manifest reads them. */
  weightFiles: string[];
  /** Bytes the weight files hold together. */
  weightBytes: number;
  /** Epochs the model was trained, when the app wrote the file; 0 otherwise. */
  epochsDone: number;
}

export type ModelFileResult = { ok: true; model: ModelFile } | { ok: false; error: string };

class Unreadable extends Error {}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

function fail(message: string): never {
  throw new Unreadable(message);
}

/** Each weight a layer of `arch` has, with its tfjs name suffix and shape, in layer order. */
export function weightShapes(arch: Architecture): { layer: number; param: string; shape: number[] }[] {
  const out: { layer: number; param: string; shape: number[] }[] = [];
  for (const row of analyze(arch).rows) {
    const input = row.inputShape;
    if (!input) break;
    const channels = input.kind === 'flat' ? input.units : input.channels;
    const add = (param: string, shape: number[]) => out.push({ layer: row.index, param, shape });
    const l = row.layer;
    if (l.type === 'conv2d') {
      add('kernel', [l.kernelSize, l.kernelSize, channels, l.filters]);
      add('bias', [l.filters]);
    } else if (l.type === 'dense') {
      add('kernel', [channels, l.units]);
      add('bias', [l.units]);
    } else if (l.type === 'batchNormalization') {
      for (const p of ['gamma', 'beta', 'moving_mean', 'moving_variance']) add(p, [channels]);
    }
  }
  return out;
}

/** A square size from Keras's [k, k] or k; anything else cannot be written in format v1. */
function square(value: unknown, what: string, where: string): number {
  const v = Array.isArray(value) ? value : [value, value];
  if (v.length !== 2 || typeof v[0] !== 'number' || v[0] !== v[1]) {
    fail(`${where}: the ${what} is ${JSON.stringify(value)?.slice(0, 40)}; CNN Playground has square ${what}s only.`);
  }
  return v[0];
}

function activation(value: unknown, where: string): Activation {
  const v = value ?? 'linear';
  if (typeof v !== 'string' || !(ACTIVATIONS as readonly string[]).includes(v)) {
    fail(`${where}: the activation ${JSON.stringify(v)?.slice(0, 40)} is not one CNN Playground has (${ACTIVATIONS.join(', ')}).`);
  }
  return v as Activation;
}

function padding(value: unknown, where: string): Padding {
  const v = value ?? 'valid';
  if (typeof v !== 'string' || !(PADDINGS as readonly string[]).includes(v)) fail(`${where}: padding must be valid or same.`);
  return v as Padding;
}

function requireDefaults(c: Json, where: string): void {
  if (c.data_format !== undefined && c.data_format !== null && c.data_format !== 'channels_last') fail(`${where}: only channels_last data is supported.`);
  if (c.use_bias === false) fail(`${where}: layers without a bias cannot be written in format v1.`);
  const dilation = c.dilation_rate ?? 1;
  if (!(dilation === 1 || (Array.isArray(dilation) && dilation.every((d) => d === 1)))) fail(`${where}: dilated convolutions are not supported.`);
}

const isNone = (v: unknown) => v === undefined || v === null;

/**
 * A kernel regulariser as Keras writes it (L1, L2 or L1L2 under class_name, a missing coefficient
 * being 0) or as tfjs does (always L1L2 with both). The layer's config is rewritten to tfjs's
 * L1L2 with both coefficients, since tfjs knows no L1 or L2 class and reads a missing one as 0.01.
 */
function kernelRegularizer(c: Json, where: string): { kernelRegularizer?: KernelRegularizer } {
  for (const other of ['bias_regularizer', 'activity_regularizer']) {
    if (!isNone(c[other])) fail(`${where}: format v1 holds kernel regularisers only, not a ${other.replace('_', ' ')}.`);
  }
  const raw = c.kernel_regularizer;
  if (isNone(raw)) return {};
  const name = isObject(raw) ? String(raw.class_name) : String(raw);
  const config = isObject(raw) && isObject(raw.config) ? raw.config : {};
  if (!['L1', 'L2', 'L1L2'].includes(name)) fail(`${where}: the ${name.slice(0, 40)} regulariser is not one CNN Playground has (L1, L2 or L1L2).`);
  const coefficient = (key: string) => {
    const v = config[key] ?? 0;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`${where}: the regulariser's ${key} must be a number of 0 or more.`);
    return name === 'L1L2' || name === key.toUpperCase() ? v : 0;
  };
  const l1 = coefficient('l1');
  const l2 = coefficient('l2');
  c.kernel_regularizer = { class_name: 'L1L2', config: { l1, l2 } };
  return l1 === 0 && l2 === 0 ? {} : { kernelRegularizer: { l1, l2 } };
}

/** One Keras/tfjs layer config -> a format v1 layer, or null for an InputLayer. */
function convertLayer(className: string, c: Json, where: string): Layer | null {
  switch (className) {
    case 'InputLayer':
      return null;
    case 'Conv2D':
    case 'Convolution2D':
      requireDefaults(c, where);
      return {
        type: 'conv2d',
        filters: c.filters as number,
        kernelSize: square(c.kernel_size, 'kernel', where),
        strides: square(c.strides ?? 1, 'stride', where),
        padding: padding(c.padding, where),
        activation: activation(c.activation, where),
        ...kernelRegularizer(c, where),
      };
    case 'MaxPooling2D':
    case 'MaxPool2D':
    case 'AveragePooling2D':
    case 'AvgPool2D': {
      requireDefaults(c, where);
      const poolSize = square(c.pool_size ?? 2, 'pool', where);
      return {
        type: className.startsWith('Max') ? 'maxPooling2d' : 'averagePooling2d',
        poolSize,
        strides: c.strides === null || c.strides === undefined ? poolSize : square(c.strides, 'stride', where),
        padding: padding(c.padding, where),
      };
    }
    case 'Dropout':
      return { type: 'dropout', rate: c.rate as number };
    case 'Flatten':
      requireDefaults(c, where);
      return { type: 'flatten' };
    case 'Dense':
      requireDefaults(c, where);
      return { type: 'dense', units: c.units as number, activation: activation(c.activation, where), ...kernelRegularizer(c, where) };
    case 'BatchNormalization': {
      const axis = Array.isArray(c.axis) && c.axis.length === 1 ? c.axis[0] : (c.axis ?? -1);
      if (axis !== -1 && axis !== 3 && axis !== 1) fail(`${where}: batch normalisation over axis ${JSON.stringify(axis)} is not supported.`);
      if (c.center === false || c.scale === false) fail(`${where}: batch normalisation without centre or scale is not supported.`);
      return { type: 'batchNormalization' };
    }
    default:
      return fail(`${where}: ${className.slice(0, 40)} layers are not among CNN Playground's (Conv2D, MaxPooling2D, AveragePooling2D, Dropout, Flatten, Dense, BatchNormalization).`);
  }
}

/** [null, h, w, c] (or [null, n] for a flat input) from the first layer or an InputLayer. */
function inputShape(c: Json): number[] | null {
  const shape = c.batch_input_shape ?? c.batch_shape;
  if (!Array.isArray(shape)) return null;
  return shape.slice(1).map((d) => (typeof d === 'number' ? d : NaN));
}

function topologyLayers(json: Json): unknown[] {
  let topology = json.modelTopology;
  if (!isObject(topology)) fail('This is not a TensorFlow.js layers model: "modelTopology" is missing.');
  // Models converted from Keras wrap the topology in model_config.
  if (isObject(topology.model_config)) topology = topology.model_config;
  if (!isObject(topology) || topology.class_name !== 'Sequential') {
    fail('Only Sequential models (one layer after another) can be imported.');
  }
  const config = topology.config;
  const layers = Array.isArray(config) ? config : isObject(config) ? config.layers : null;
  if (!Array.isArray(layers)) fail('The model has no list of layers.');
  if (layers.length > LIMITS.maxLayers + 2) fail(`The model has ${layers.length} layers; CNN Playground takes at most ${LIMITS.maxLayers}.`);
  return layers;
}

function convertTopology(json: Json): { architecture: Architecture; layerNames: (string | null)[] } {
  const layers: Layer[] = [];
  const layerNames: (string | null)[] = [];
  let input: number[] | null = null;
  topologyLayers(json).forEach((raw, i) => {
    const where = `Layer ${i + 1}`;
    if (!isObject(raw) || typeof raw.class_name !== 'string' || !isObject(raw.config)) fail(`${where} is not a Keras layer description.`);
    const c = raw.config;
    input ??= inputShape(c);
    const layer = convertLayer(raw.class_name, c, `${where} (${raw.class_name.slice(0, 40)})`);
    if (!layer) return;
    layers.push(layer);
    layerNames.push(typeof c.name === 'string' ? c.name : fail(`${where} has no name.`));
  });
  if (!input) fail('The model does not say what input it takes.');
  const shape: number[] = input;
  // The seed's MLP reads 784 flat pixels: the same network as 28x28x1 followed by Flatten.
  if (shape.length === 1 && shape[0] === 784 && layers[0]?.type !== 'flatten') {
    layers.unshift({ type: 'flatten' });
    layerNames.unshift(null);
    shape.splice(0, 1, 28, 28, 1);
  }
  if (shape.length !== 3) fail(`The model takes input of shape [${shape.join(', ')}]; CNN Playground's networks take 28×28×1 or 32×32×1 digits.`);
  // The file reader applies the same checks (sizes, limits, types) as any architecture file.
  const parsed = parseArchitecture(JSON.stringify({ format: FORMAT, version: VERSION, input: { height: shape[0], width: shape[1], channels: shape[2] }, layers }));
  if (!parsed.ok) fail(parsed.error);
  return { architecture: parsed.architecture, layerNames };
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, uint16: 2, float16: 2, uint8: 1, bool: 1 };

function readManifest(json: Json): WeightGroup[] {
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest)) fail('The model.json has no "weightsManifest" list.');
  return manifest.map((group, g) => {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) fail(`Weight group ${g + 1} is malformed.`);
    const paths = group.paths.map((p) => (typeof p === 'string' ? p : fail(`Weight group ${g + 1} has a path that is not text.`)));
    const weights = group.weights.map((w): WeightSpec => {
      if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape) || typeof w.dtype !== 'string') fail(`Weight group ${g + 1} has a malformed entry.`);
      const shape = w.shape.map((d) => (typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= MAX_FIELD_VALUE * 10 ? d : fail(`The weight "${String(w.name).slice(0, 60)}" has a bad shape.`)));
      const quantization = isObject(w.quantization) && typeof w.quantization.dtype === 'string' ? { dtype: w.quantization.dtype } : undefined;
      return { name: w.name, shape, dtype: w.dtype, ...(quantization ? { quantization } : {}) };
    });
    return { paths, weights };
  });
}

const basename = (path: string) => path.split('/').filter((p) => p !== '').at(-1) ?? path;

/** Do the manifest's weights fit the architecture, name by name and shape by shape? */
function checkWeights(model: Omit<ModelFile, 'weightFiles' | 'weightBytes' | 'json' | 'epochsDone'>, groups: WeightGroup[]): number {
  const specs = new Map(groups.flatMap((g) => g.weights).map((w) => [w.name, w]));
  let bytes = 0;
  for (const w of specs.values()) {
    const per = BYTES[w.quantization?.dtype ?? w.dtype];
    if (per === undefined) fail(`The weight "${w.name.slice(0, 60)}" has the unknown type ${w.dtype.slice(0, 20)}.`);
    bytes += per * w.shape.reduce((a, b) => a * b, 1);
  }
  const expected = weightShapes(model.architecture);
  for (const { layer, param, shape } of expected) {
    const name = `${model.layerNames[layer]}/${param}`;
    const spec = specs.get(name);
    if (!spec) fail(`The weights do not match the network: there is no "${name.slice(0, 80)}" among them.`);
    if (spec.shape.join('x') !== shape.join('x')) {
      fail(`The weights do not match the network: "${name.slice(0, 80)}" has shape [${spec.shape.join(', ')}], but layer ${layer + 1} needs [${shape.join(', ')}].`);
    }
  }
  if (specs.size !== expected.length) fail(`The weights do not match the network: the file lists ${specs.size} weights, the network has ${expected.length}.`);
  return bytes;
}

/**
 * The dataset the model was trained for: as the app's metadata says (an unknown one is refused),
 * else MNIST for ten outputs, and the learner's own classes for 2 to 9 (the last layer gives them).
 */
function withDatasetOf<T extends { architecture: Architecture }>(converted: T, named: unknown): T {
  if (named !== undefined && !isDatasetId(named)) fail(`The model was trained for a dataset this app does not have ("${String(named).slice(0, 40)}").`);
  const last = converted.architecture.layers.at(-1);
  const dataset = isDatasetId(named) ? named : last?.type === 'dense' && last.units >= MIN_CLASSES && last.units < 10 ? 'custom' : undefined;
  return { ...converted, architecture: withDataset(converted.architecture, dataset) };
}

/** Read a model.json's text into a network the app can show and the facts needed to load its weights. */
export function readModelJson(text: string): ModelFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The model file is not valid JSON.' };
  }
  try {
    if (!isObject(json)) fail('The model file must be a JSON object.');
    if (json.format !== undefined && json.format !== 'layers-model') fail(`This is a TensorFlow.js "${String(json.format).slice(0, 40)}" model; only layers models can be imported.`);
    const meta = isObject(json.userDefinedMetadata) ? json.userDefinedMetadata[METADATA_KEY] : undefined;
    const converted = withDatasetOf(convertTopology(json), isObject(meta) ? meta.dataset : undefined);
    const problems = analyze(converted.architecture).issues;
    if (problems.length > 0) fail(`The model's network cannot be used here: ${problems[0]!.message}`);
    const groups = readManifest(json);
    const weightBytes = checkWeights(converted, groups);
    const epochs = isObject(meta) ? meta.epochsDone : undefined;
    return {
      ok: true,
      model: {
        ...converted,
        json,
        weightFiles: groups.flatMap((g) => g.paths.map(basename)),
        weightBytes,
        epochsDone: typeof epochs === 'number' && Number.isInteger(epochs) && epochs >= 0 && epochs <= 10_000 ? epochs : 0,
      },
    };
  } catch (e) {
    if (e instanceof Unreadable) return { ok: false, error: e.message };
    throw e;
  }
}
