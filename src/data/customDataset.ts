// The learner's own dataset: its shape in memory and its file format (one JSON file), read strictly from untrusted text.
//
// {
//   "format": "cnn-playground/custom-dataset", "version": 1,
//   "name": "Strokes", "for": "custom",
//   "image": { "height": 28, "width": 28, "channels": 1 },
//   "classes": [ { "name": "vertical", "count": 15, "pixels": "<base64 of count × 784 bytes>" }, … ]
// }
//
// Each class's examples are one run of 28×28 bytes (0 no ink … 255 full ink, row by row), so a
// label can never point outside the classes. `for` is "custom" (classes of the learner's own) or
// "mnist" (the learner's own handwritten digits, classes "0" … "9", kept beside MNIST).

import { isTestExample, splitCounts } from '../model/customSplit';
import { MAX_CLASSES, MIN_CLASSES } from '../model/datasets';

export const CUSTOM_FORMAT = 'cnn-playground/custom-dataset';
export const CUSTOM_VERSION = 1;
export const SIDE = 28;
export const EXAMPLE_BYTES = SIDE * SIDE;
/** Enough for hundreds of drawings a class; a file past these is not one the app wrote. */
export const MAX_EXAMPLES_PER_CLASS = 2000;
export const MAX_EXAMPLES = 10_000;
export const MAX_NAME_LENGTH = 40;
/** Base64 takes 4 characters for 3 bytes; JSON and names add little. Checked before a byte is read. */
export const MAX_FILE_BYTES = Math.ceil((MAX_EXAMPLES * EXAMPLE_BYTES * 4) / 3) + 200_000;

/** What a custom dataset is for: classes of the learner's own, or their own digits beside MNIST. */
export type CustomKind = 'custom' | 'mnist';

export interface CustomClass {
  name: string;
  /** Each EXAMPLE_BYTES long. */
  examples: Uint8Array[];
}

export interface CustomDataset {
  name: string;
  kind: CustomKind;
  classes: CustomClass[];
}

export type CustomParseResult = { ok: true; dataset: CustomDataset } | { ok: false; error: string };

export const DIGIT_NAMES: readonly string[] = Array.from({ length: 10 }, (_, i) => String(i));

export function emptyDataset(kind: CustomKind = 'custom'): CustomDataset {
  return kind === 'mnist'
    ? { name: 'My handwriting', kind, classes: DIGIT_NAMES.map((name) => ({ name, examples: [] })) }
    : { name: 'My classes', kind, classes: [] };
}

export function exampleCount(dataset: CustomDataset): number {
  return dataset.classes.reduce((sum, c) => sum + c.examples.length, 0);
}

// ---------------------------------------------------------------------------------------------
// Names: trimmed, no control characters, within the length, one per class.

/** A name as the app keeps it, or why it cannot be one. */
export function cleanName(raw: unknown, what: string): { ok: true; name: string } | { ok: false; error: string } {
  if (typeof raw !== 'string') return { ok: false, error: `${what} must be text.` };
  // Control characters (newlines, bidi overrides among them) would garble the views it is shown in.
  const name = raw.replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/g, ' ').trim();
  if (name.length === 0) return { ok: false, error: `${what} is empty.` };
  if (name.length > MAX_NAME_LENGTH) return { ok: false, error: `${what} is ${name.length} characters long; at most ${MAX_NAME_LENGTH}.` };
  return { ok: true, name };
}

/** Why these class names cannot stand together (two the same), or null. */
export function duplicateName(names: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.toLocaleLowerCase('en-US');
    if (seen.has(key)) return name;
    seen.add(key);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Base64, without the DOM's atob/btoa limits on long strings.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : ALPHABET[c & 63]!;
  }
  return out;
}

/** The bytes of canonical base64 of exactly `length` bytes, or null when it is anything else. */
export function fromBase64(text: string, length: number): Uint8Array | null {
  if (text.length !== Math.ceil(length / 3) * 4) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if ((text.length / 4) * 3 - pad !== length) return null;
  const out = new Uint8Array(length);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const q = [0, 1, 2, 3].map((k) => {
      const code = text.charCodeAt(i + k);
      return code === 61 /* = */ ? -2 : code < 128 ? LOOKUP[code]! : -1;
    });
    if (q.some((v) => v === -1) || q[0] === -2 || q[1] === -2) return null;
    const [a, b, c, d] = q as [number, number, number, number];
    const padded = c === -2 || d === -2;
    // Padding only in the last quartet, and only where the length says the bytes end.
    if (padded && i + 4 !== text.length) return null;
    if (c === -2 && d !== -2) return null;
    out[o++] = (a << 2) | (b >> 4);
    if (c !== -2 && o < length) out[o++] = ((b & 15) << 4) | (c >> 2);
    if (d !== -2 && o < length) out[o++] = ((c & 3) << 6) | d;
  }
  return o === length ? out : null;
}

// ---------------------------------------------------------------------------------------------
// Writing.

/** The file's text; the same dataset always gives the same text. */
export function serializeCustomDataset(dataset: CustomDataset): string {
  const doc = {
    format: CUSTOM_FORMAT,
    version: CUSTOM_VERSION,
    name: dataset.name,
    for: dataset.kind,
    image: { height: SIDE, width: SIDE, channels: 1 },
    classes: dataset.classes.map((c) => {
      const pixels = new Uint8Array(c.examples.length * EXAMPLE_BYTES);
      c.examples.forEach((example, i) => pixels.set(example, i * EXAMPLE_BYTES));
      return { name: c.name, count: c.examples.length, pixels: toBase64(pixels) };
    }),
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading.

class Refused extends Error {}
const refuse = (message: string): never => {
  throw new Refused(message);
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function readClass(raw: unknown, index: number): CustomClass {
  const where = `Class ${index + 1}`;
  if (!isObject(raw)) refuse(`${where} is not an object with a name, a count and pixels.`);
  const named = cleanName((raw as Record<string, unknown>).name, `${where}'s name`);
  if (!named.ok) return refuse(named.error);
  const c = raw as Record<string, unknown>;
  const count = c.count;
  const label = `${where} ("${named.name}")`;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) refuse(`${label}: "count" must be a whole number of examples.`);
  if ((count as number) > MAX_EXAMPLES_PER_CLASS) refuse(`${label} has ${count} examples; at most ${MAX_EXAMPLES_PER_CLASS} a class.`);
  if (typeof c.pixels !== 'string') refuse(`${label}: "pixels" must be base64 text.`);
  const bytes = fromBase64(c.pixels as string, (count as number) * EXAMPLE_BYTES);
  if (!bytes) refuse(`${label}: its pixels are not ${count} images of 28×28 bytes in base64 (the file may be cut short or edited).`);
  const examples: Uint8Array[] = [];
  for (let i = 0; i < (count as number); i++) {
    const example = bytes!.slice(i * EXAMPLE_BYTES, (i + 1) * EXAMPLE_BYTES);
    // A blank example teaches nothing and is what a broken export would hold.
    if (!example.some((v) => v > 0)) refuse(`${label}: example ${i + 1} is blank.`);
    examples.push(example);
  }
  return { name: named.name, examples };
}

/** Check a parsed JSON value and build a clean dataset from it (unknown fields dropped). */
export function customDatasetFromJson(doc: unknown, options: { minClasses?: number } = {}): CustomDataset {
  const minClasses = options.minClasses ?? MIN_CLASSES;
  if (!isObject(doc) || doc.format !== CUSTOM_FORMAT) return refuse(`Not a CNN Playground dataset file: "format" must be "${CUSTOM_FORMAT}".`);
  if (typeof doc.version === 'number' && doc.version > CUSTOM_VERSION) refuse(`This dataset file is version ${doc.version}; this app reads version ${CUSTOM_VERSION}.`);
  if (doc.version !== CUSTOM_VERSION) refuse(`"version" must be ${CUSTOM_VERSION}.`);
  const named = cleanName(doc.name, 'The dataset name');
  if (!named.ok) return refuse(named.error);
  const kind = doc.for ?? 'custom';
  if (kind !== 'custom' && kind !== 'mnist') refuse('"for" must be "custom" (your own classes) or "mnist" (your own digits).');
  const image = doc.image;
  if (!isObject(image) || image.height !== SIDE || image.width !== SIDE || image.channels !== 1) {
    refuse('The images must be 28×28 grayscale ("image": { "height": 28, "width": 28, "channels": 1 }).');
  }
  if (!Array.isArray(doc.classes)) return refuse('"classes" must be a list.');
  const classes = doc.classes as unknown[];
  if (classes.length > MAX_CLASSES || classes.length < minClasses) {
    refuse(`A dataset has ${minClasses === MIN_CLASSES ? `${MIN_CLASSES} to ${MAX_CLASSES}` : `at most ${MAX_CLASSES}`} classes; this one has ${classes.length}.`);
  }
  // Counts first, so a hostile file with huge counts is refused before any image is decoded.
  const total = classes.reduce<number>((sum, c) => sum + (isObject(c) && typeof c.count === 'number' ? c.count : 0), 0);
  if (total > MAX_EXAMPLES) refuse(`The dataset has ${total.toLocaleString('en-US')} examples; at most ${MAX_EXAMPLES.toLocaleString('en-US')}.`);
  const read = classes.map(readClass);
  const twice = duplicateName(read.map((c) => c.name));
  if (twice !== null) refuse(`Two classes are called "${twice}"; each class needs its own name.`);
  if (kind === 'mnist' && read.map((c) => c.name).join() !== DIGIT_NAMES.join()) refuse('A set of your own digits has the ten classes "0" to "9", in order.');
  return { name: named.name, kind: kind as CustomKind, classes: read };
}

/** Parse a dataset file's text. Never throws; a refused file gets a sentence saying why. */
export function parseCustomDataset(text: string, options: { minClasses?: number } = {}): CustomParseResult {
  if (text.length > MAX_FILE_BYTES) {
    return { ok: false, error: `The dataset file is ${(text.length / 1e6).toFixed(1)} MB; one the app writes is at most ${(MAX_FILE_BYTES / 1e6).toFixed(1)} MB.` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The dataset file is not valid JSON (it may be cut short, or another kind of file).' };
  }
  try {
    return { ok: true, dataset: customDatasetFromJson(doc, options) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.message };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Training split.

/** The dataset as the worker trains on it: every fifth example of each class held out for the test (see customSplit). */
export function splitCustomDataset(dataset: CustomDataset): { trainImages: Uint8Array; trainLabels: Uint8Array; testImages: Uint8Array; testLabels: Uint8Array } {
  const counts = splitCounts(dataset.classes.map((c) => c.examples.length));
  const out = {
    trainImages: new Uint8Array(counts.train * EXAMPLE_BYTES),
    trainLabels: new Uint8Array(counts.train),
    testImages: new Uint8Array(counts.test * EXAMPLE_BYTES),
    testLabels: new Uint8Array(counts.test),
  };
  let train = 0;
  let test = 0;
  dataset.classes.forEach((c, label) => {
    c.examples.forEach((example, i) => {
      if (isTestExample(i)) {
        out.testImages.set(example, test * EXAMPLE_BYTES);
        out.testLabels[test++] = label;
      } else {
        out.trainImages.set(example, train * EXAMPLE_BYTES);
        out.trainLabels[train++] = label;
      }
    });
  });
  return out;
}
