// Reading architecture documents from untrusted text (links, files): strict, data only.

import type { Activation, Architecture, InputSize, KernelRegularizer, Layer, LayerType, Padding } from './architecture';
import { ACTIVATIONS, FORMAT, INPUT_SIZES, LAYER_TYPES, PADDINGS, VERSION, makeArchitecture } from './architecture';
import { datasetList, isDatasetId } from './datasets';
import type { DatasetId } from './datasets';
import { LIMITS } from './validate';

export type ParseResult = { ok: true; architecture: Architecture } | { ok: false; error: string };

/** Longer text than this is not an architecture (the largest real one is a few KB). */
export const MAX_TEXT_LENGTH = 20_000;
/** Numbers above this are absurd for any field and rejected outright. */
export const MAX_FIELD_VALUE = 100_000;

class ParseError extends Error {}

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function fail(message: string): never {
  throw new ParseError(message);
}

function num(obj: Json, key: string, where: string, fallback?: number): number {
  const v = obj[key] ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where}: "${key}" must be a number.`);
  if (Math.abs(v) > MAX_FIELD_VALUE) fail(`${where}: "${key}" is ${v}, far beyond anything that fits in a browser.`);
  return v;
}

function oneOf<T extends string>(obj: Json, key: string, allowed: readonly T[], where: string, fallback: T): T {
  const v = obj[key] ?? fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    fail(`${where}: "${key}" must be one of ${allowed.join(', ')}.`);
  }
  return v as T;
}

/**
 * The optional `kernelRegularizer: { l1, l2 }` (a missing coefficient is 0). All zeros is the same
 * as none and is dropped, so a network without penalties reads back exactly as it was written.
 */
function regularizer(obj: Json, where: string): { kernelRegularizer?: KernelRegularizer } {
  const raw = obj.kernelRegularizer;
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) fail(`${where}: "kernelRegularizer" must be an object such as { "l1": 0, "l2": 0.0005 }.`);
  const l1 = num(raw, 'l1', `${where}, kernelRegularizer`, 0);
  const l2 = num(raw, 'l2', `${where}, kernelRegularizer`, 0);
  return l1 === 0 && l2 === 0 ? {} : { kernelRegularizer: { l1, l2 } };
}

function parseLayer(raw: unknown, index: number): Layer {
  const where = `Layer ${index + 1}`;
  if (!isObject(raw)) fail(`${where} is not an object.`);
  const type = raw.type;
  if (typeof type !== 'string' || !(LAYER_TYPES as readonly string[]).includes(type)) {
    const shown = typeof type === 'string' ? `"${type.slice(0, 40)}"` : 'missing';
    fail(`${where}: unknown layer type (${shown}); expected one of ${LAYER_TYPES.join(', ')}.`);
  }
  const t = type as LayerType;
  switch (t) {
    case 'conv2d':
      return {
        type: t,
        filters: num(raw, 'filters', where),
        kernelSize: num(raw, 'kernelSize', where),
        strides: num(raw, 'strides', where, 1),
        padding: oneOf<Padding>(raw, 'padding', PADDINGS, where, 'valid'),
        activation: oneOf<Activation>(raw, 'activation', ACTIVATIONS, where, 'linear'),
        ...regularizer(raw, where),
      };
    case 'maxPooling2d':
    case 'averagePooling2d': {
      const poolSize = num(raw, 'poolSize', where, 2);
      return {
        type: t,
        poolSize,
        strides: num(raw, 'strides', where, poolSize),
        padding: oneOf<Padding>(raw, 'padding', PADDINGS, where, 'valid'),
      };
    }
    case 'dropout':
      return { type: t, rate: num(raw, 'rate', where) };
    case 'dense':
      return { type: t, units: num(raw, 'units', where), activation: oneOf<Activation>(raw, 'activation', ACTIVATIONS, where, 'linear'), ...regularizer(raw, where) };
    case 'flatten':
    case 'batchNormalization':
      return { type: t };
  }
}

/** Check a parsed JSON value and build a clean Architecture from it (unknown fields dropped). */
export function architectureFromJson(doc: unknown): Architecture {
  if (!isObject(doc)) fail('The architecture must be a JSON object.');
  if (doc.format !== FORMAT) fail(`Not a CNN Playground architecture: "format" must be "${FORMAT}".`);
  if (typeof doc.version === 'number' && doc.version > VERSION) {
    fail(`This architecture is format version ${doc.version}; this app reads version ${VERSION}.`);
  }
  if (doc.version !== VERSION) fail(`"version" must be ${VERSION}.`);
  const input = doc.input;
  if (!isObject(input)) fail('"input" must be an object with height, width and channels.');
  const h = num(input, 'height', 'Input');
  const w = num(input, 'width', 'Input');
  const c = num(input, 'channels', 'Input', 1);
  if (h !== w || !(INPUT_SIZES as readonly number[]).includes(h) || c !== 1) {
    fail(`Input must be 28×28×1 or 32×32×1 (MNIST digits); got ${h}×${w}×${c}.`);
  }
  if (!Array.isArray(doc.layers)) fail('"layers" must be a list.');
  if (doc.layers.length > LIMITS.maxLayers) fail(`${doc.layers.length} layers is too many; at most ${LIMITS.maxLayers}.`);
  return makeArchitecture(h as InputSize, doc.layers.map(parseLayer), parseDataset(doc.dataset));
}

/** The optional `dataset` field: absent means MNIST; a dataset this app does not have is refused. */
function parseDataset(raw: unknown): DatasetId | undefined {
  if (raw === undefined) return undefined;
  if (isDatasetId(raw)) return raw;
  const shown = typeof raw === 'string' ? `"${raw.slice(0, 40)}"` : 'not a name';
  fail(`The network is for a dataset this app does not have (${shown}); it has ${datasetList()} ("mnist", "fashion-mnist", "custom").`);
}

/** Parse architecture JSON text from a link or a file. Never throws. */
export function parseArchitecture(text: string): ParseResult {
  if (text.length > MAX_TEXT_LENGTH) {
    return { ok: false, error: `The architecture is ${text.length.toLocaleString('en-US')} characters long; a real one is under ${MAX_TEXT_LENGTH.toLocaleString('en-US')}.` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The architecture is not valid JSON.' };
  }
  try {
    return { ok: true, architecture: architectureFromJson(doc) };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
}

export function serializeArchitecture(arch: Architecture, pretty = false): string {
  return JSON.stringify(arch, null, pretty ? 2 : undefined);
}
