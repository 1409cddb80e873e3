// The dataset asset layout (MNIST's, and every built-in dataset's) shared by the build scripts that write it and the worker that loads it.

import { IMAGE_COLS, IMAGE_ROWS } from './idx';

/** The four parts of MNIST, in the order they are written and downloaded. */
export const PART_NAMES = ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const;
export type PartName = (typeof PART_NAMES)[number];

/**
 * Asset file names under the data directory (`public/data/`, served at `data/`). Not `.gz`:
 * Vite's server, like many hosts, sends `.gz` files with `Content-Encoding: gzip`, so the
 * browser would inflate them on the way and progress and caching would see 55 MB, not 11.
 */
export const PART_FILES: Record<PartName, string> = {
  trainImages: 'train-images.u8.gzip',
  trainLabels: 'train-labels.u8.gzip',
  testImages: 'test-images.u8.gzip',
  testLabels: 'test-labels.u8.gzip',
};

/** What each part is called in messages people read. */
export const PART_TITLES: Record<PartName, string> = {
  trainImages: 'training images',
  trainLabels: 'training labels',
  testImages: 'test images',
  testLabels: 'test labels',
};

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'cnn-playground/mnist';
export const MANIFEST_VERSION = 1;

const IMAGE_BYTES = IMAGE_ROWS * IMAGE_COLS;

/** Bytes per item of each part: images are 28×28 pixels, labels one byte. */
export const ITEM_BYTES: Record<PartName, number> = { trainImages: IMAGE_BYTES, trainLabels: 1, testImages: IMAGE_BYTES, testLabels: 1 };

/** One asset: the part's items as raw uint8 bytes without the IDX header, gzip-compressed. */
export interface PartEntry {
  /** File name relative to the manifest. */
  file: string;
  /** Number of images or labels. */
  count: number;
  /** Size of the gzip file, which is what travels over the wire. */
  bytes: number;
  /** Size after decompression: count × bytes per item. */
  rawBytes: number;
  /** SHA-256 of the decompressed bytes, lowercase hex. */
  sha256: string;
}

/** A file the parts were made from (MNIST: the IDX file of each part), so the build can tell when its assets are stale. */
export interface SourceEntry {
  file: string;
  bytes: number;
}

/**
 * Every dataset's manifest has this shape; `format` names the dataset (`cnn-playground/mnist`,
 * `cnn-playground/fashion-mnist`, as the registry in src/model/datasets.ts says).
 */
export interface Manifest {
  format: string;
  version: typeof MANIFEST_VERSION;
  parts: Record<PartName, PartEntry>;
  /** Keyed by part for MNIST, by source file for datasets made from other files. */
  source: Record<string, SourceEntry>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isSize = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function readPart(name: PartName, value: unknown): PartEntry {
  const where = `parts.${name}`;
  if (!isRecord(value)) throw new Error(`${where} is missing`);
  const { file, count, bytes, rawBytes, sha256 } = value;
  // A file name with a slash or ".." could point the loader anywhere on the origin.
  if (typeof file !== 'string' || !/^[\w.-]+$/.test(file) || file.includes('..')) throw new Error(`${where}.file is not a plain file name`);
  if (!isSize(count)) throw new Error(`${where}.count is not a count`);
  if (!isSize(bytes)) throw new Error(`${where}.bytes is not a size`);
  if (rawBytes !== count * ITEM_BYTES[name]) throw new Error(`${where}.rawBytes is not ${ITEM_BYTES[name]} × count`);
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`${where}.sha256 is not a SHA-256 hex digest`);
  return { file, count, bytes, rawBytes, sha256 };
}

function readSource(name: string, value: unknown): SourceEntry {
  if (!isRecord(value) || typeof value.file !== 'string' || !isSize(value.bytes)) throw new Error(`source.${name} is missing`);
  return { file: value.file, bytes: value.bytes };
}

/**
 * Check that parsed JSON is a manifest of the dataset whose manifest says `format` (MNIST's by
 * default); throws saying what is wrong. Fields it does not know (a build's notes) are dropped.
 */
export function parseManifest(json: unknown, format: string = MANIFEST_FORMAT): Manifest {
  if (!isRecord(json) || json.format !== format) throw new Error(`not a ${format} manifest`);
  if (json.version !== MANIFEST_VERSION) throw new Error(`expected version ${MANIFEST_VERSION}, found ${String(json.version)}`);
  const { parts, source } = json;
  if (!isRecord(parts)) throw new Error('parts is missing');
  if (!isRecord(source)) throw new Error('source is missing');
  const readParts = Object.fromEntries(PART_NAMES.map((name) => [name, readPart(name, parts[name])])) as Record<PartName, PartEntry>;
  const readSources = Object.fromEntries(Object.entries(source).map(([name, value]) => [name, readSource(name, value)]));
  const manifest: Manifest = { format, version: MANIFEST_VERSION, parts: readParts, source: readSources };
  // Images and labels are indexed together, so a mismatch would silently mislabel digits.
  if (manifest.parts.trainImages.count !== manifest.parts.trainLabels.count) throw new Error('training images and labels differ in count');
  if (manifest.parts.testImages.count !== manifest.parts.testLabels.count) throw new Error('test images and labels differ in count');
  return manifest;
}
