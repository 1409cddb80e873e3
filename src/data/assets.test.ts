// Tests for reading the asset manifest: what the loader accepts and what it turns away.
import { describe, expect, it } from 'vitest';
import { MANIFEST_FORMAT, MANIFEST_VERSION, PART_FILES, PART_NAMES, parseManifest } from './assets';
import type { Manifest } from './assets';

const counts = { trainImages: 60000, trainLabels: 60000, testImages: 10000, testLabels: 10000 };
const valid = (): Manifest => ({
  format: MANIFEST_FORMAT,
  version: MANIFEST_VERSION,
  parts: Object.fromEntries(
    PART_NAMES.map((name) => {
      const count = counts[name];
      const rawBytes = name.endsWith('Images') ? count * 784 : count;
      return [name, { file: PART_FILES[name], count, bytes: 1000, rawBytes, sha256: 'a'.repeat(64) }];
    }),
  ) as Manifest['parts'],
  source: Object.fromEntries(PART_NAMES.map((name) => [name, { file: `${name}-idx`, bytes: 1 }])) as Manifest['source'],
});

describe('parseManifest', () => {
  it('returns a valid manifest unchanged', () => {
    const manifest = valid();
    expect(parseManifest(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest);
  });

  it('says what is wrong with one that is not valid', () => {
    const broken = (edit: (m: Manifest) => void): unknown => {
      const manifest = valid();
      edit(manifest);
      return manifest;
    };
    expect(() => parseManifest('<html>')).toThrow('not a cnn-playground/mnist manifest');
    expect(() => parseManifest({ ...valid(), version: 2 })).toThrow('expected version 1, found 2');
    expect(() => parseManifest(broken((m) => delete (m.parts as Partial<Manifest['parts']>).testLabels))).toThrow('parts.testLabels is missing');
    expect(() => parseManifest(broken((m) => (m.parts.trainImages.file = '../secret')))).toThrow('parts.trainImages.file is not a plain file name');
    expect(() => parseManifest(broken((m) => (m.parts.trainImages.file = 'a/b.gzip')))).toThrow('is not a plain file name');
    expect(() => parseManifest(broken((m) => (m.parts.testImages.rawBytes = 7)))).toThrow('parts.testImages.rawBytes is not 784 × count');
    expect(() => parseManifest(broken((m) => (m.parts.trainLabels.sha256 = 'XYZ')))).toThrow('parts.trainLabels.sha256 is not a SHA-256 hex digest');
    expect(() => parseManifest(broken((m) => (m.parts.trainLabels.bytes = -1)))).toThrow('parts.trainLabels.bytes is not a size');
    expect(() =>
      parseManifest(
        broken((m) => {
          m.parts.testLabels.count = 9999;
          m.parts.testLabels.rawBytes = 9999;
        }),
      ),
    ).toThrow('test images and labels differ in count');
  });
});
