// Tests for the Fashion-MNIST checks, cleaning and split on small made-up class files.
import { describe, expect, it } from 'vitest';
import type { ClassImages, FashionSplit } from './fashion';
import { FASHION_PIXELS, TEST_PER_CLASS, checkSplit, classCounts, cleanClasses, readClassFile, splitClasses } from './fashion';

/** An image whose pixels all read `seed` mod 256 but the first two, which make it unique. */
const image = (seed: number): number[] => {
  const pixels = new Array<number>(FASHION_PIXELS).fill(seed % 256);
  pixels[0] = seed & 255;
  pixels[1] = (seed >> 8) & 255;
  return pixels;
};
const bytes = (seed: number) => Uint8Array.from(image(seed));

describe('readClassFile', () => {
  it('reads the images, counting empty entries apart', () => {
    const read = readClassFile({ data: [image(1), [], image(2)] }, '0.json');
    expect(read.empty).toBe(1);
    expect(read.images).toHaveLength(2);
    expect(Array.from(read.images[1]!.subarray(0, 3))).toEqual([2, 0, 2]);
  });

  it('refuses a file that is not a list of 28×28 images of bytes, naming file, entry and pixel', () => {
    const bad = (data: unknown) => () => readClassFile(data, '3.json');
    expect(bad([image(1)])).toThrow('3.json: expected an object with a "data" list of images');
    expect(bad({ data: 'x' })).toThrow('expected an object with a "data" list');
    expect(bad({ data: [image(1), 5] })).toThrow('3.json: entry 1 is not a list of pixels');
    expect(bad({ data: [image(1).slice(1)] })).toThrow('3.json: entry 0 has 783 pixels, expected 784 (28×28)');
    const withPixel = (p: number, v: unknown) => {
      const img: unknown[] = image(1);
      img[p] = v;
      return { data: [img] };
    };
    expect(bad(withPixel(5, 256))).toThrow('3.json: entry 0 pixel 5 is 256, expected a whole number 0..255');
    expect(bad(withPixel(9, -1))).toThrow('pixel 9 is -1');
    expect(bad(withPixel(9, 0.5))).toThrow('pixel 9 is 0.5');
    expect(bad(withPixel(9, '7'))).toThrow('pixel 9 is "7"');
  });
});

describe('cleanClasses', () => {
  it('drops copies within a class (keeping the first) and every copy of an image two classes share', () => {
    const classes: ClassImages[] = [
      { images: [bytes(1), bytes(2), bytes(1), bytes(3)], empty: 2 },
      { images: [bytes(3), bytes(4), bytes(4), bytes(4)], empty: 0 },
    ];
    const { classes: kept, report } = cleanClasses(classes);
    expect(report).toEqual([
      { read: 4, empty: 2, copies: 1, conflicts: 1, kept: 2 },
      { read: 4, empty: 0, copies: 2, conflicts: 1, kept: 1 },
    ]);
    expect(kept[0]!.map((img) => img[0])).toEqual([1, 2]);
    expect(kept[1]!.map((img) => img[0])).toEqual([4]);
  });
});

/** `perClass` distinct images for each of `classes` classes. */
function makeClasses(classes: number, perClass: number): Uint8Array[][] {
  return Array.from({ length: classes }, (_, c) => Array.from({ length: perClass }, (_, i) => bytes(c * perClass + i + 1)));
}

describe('splitClasses and checkSplit', () => {
  const perClass = TEST_PER_CLASS + 7;
  const classes = makeClasses(10, perClass);
  const split = splitClasses(classes);

  it('puts the last 1,000 images of each class in the test set and the rest in training', () => {
    expect(split.test.count).toBe(10 * TEST_PER_CLASS);
    expect(split.train.count).toBe(10 * 7);
    expect(classCounts(split.test.labels)).toEqual(new Array(10).fill(TEST_PER_CLASS));
    expect(classCounts(split.train.labels)).toEqual(new Array(10).fill(7));
    // Which images: the first 7 of each class train, the others test.
    const seeds = (part: FashionSplit['train']) =>
      new Set(Array.from({ length: part.count }, (_, i) => part.images[i * FASHION_PIXELS]! + (part.images[i * FASHION_PIXELS + 1]! << 8)));
    const train = seeds(split.train);
    for (let c = 0; c < 10; c++) {
      for (let i = 0; i < perClass; i++) expect(train.has(c * perClass + i + 1)).toBe(i < 7);
    }
    // Each image keeps its label through the shuffle.
    for (let i = 0; i < split.test.count; i++) {
      const seed = split.test.images[i * FASHION_PIXELS]! + (split.test.images[i * FASHION_PIXELS + 1]! << 8);
      expect(split.test.labels[i]).toBe(Math.floor((seed - 1) / perClass));
    }
    expect(() => checkSplit(split, { train: 70, test: 10_000 })).not.toThrow();
  });

  it('is the same on every build and mixes the classes', () => {
    const again = splitClasses(makeClasses(10, perClass));
    expect(again.train.images).toEqual(split.train.images);
    expect(again.test.labels).toEqual(split.test.labels);
    expect(new Set(split.test.labels.subarray(0, 30)).size).toBeGreaterThan(5);
  });

  it('refuses a split of the wrong size, a class short of test images, a bad label and an image in both', () => {
    expect(() => checkSplit(split, { train: 71, test: 10_000 })).toThrow('train: expected 71 images, found 70');
    expect(() => splitClasses(makeClasses(10, TEST_PER_CLASS))).toThrow('class 0: 1000 images, need more than 1000 for the test set');

    const relabelled: FashionSplit = { ...split, test: { ...split.test, labels: split.test.labels.slice() } };
    const at = relabelled.test.labels.indexOf(3);
    relabelled.test.labels[at] = 4;
    expect(() => checkSplit(relabelled, { train: 70, test: 10_000 })).toThrow('test: expected 1000 images of class 3, found 999');
    relabelled.test.labels[at] = 12;
    expect(() => checkSplit(relabelled, { train: 70, test: 10_000 })).toThrow(`test: label 12 at index ${at} is not a class 0..9`);

    const leaked: FashionSplit = { ...split, test: { ...split.test, images: split.test.images.slice() } };
    leaked.test.images.set(split.train.images.subarray(0, FASHION_PIXELS), 5 * FASHION_PIXELS);
    expect(() => checkSplit(leaked, { train: 70, test: 10_000 })).toThrow('test image 5 is also train image 0: an image in both splits');
  });
});
