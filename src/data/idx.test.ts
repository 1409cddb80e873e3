// Tests for IDX parsing and the MNIST checks on synthetic data (the real files: scripts/prepare-mnist.test.ts).
import { describe, expect, it } from 'vitest';
import { checkMnist, labelHistogram, parseIdx, TEST_LABELS_START, TRAIN_LABEL_HISTOGRAM } from './idx';
import type { IdxFile, MnistIdx } from './idx';

function idxImages(count: number, rows = 28, cols = 28): Uint8Array {
  const bytes = new Uint8Array(16 + count * rows * cols);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x00000803);
  view.setUint32(4, count);
  view.setUint32(8, rows);
  view.setUint32(12, cols);
  return bytes;
}

function idxLabels(labels: number[]): Uint8Array {
  const bytes = new Uint8Array(8 + labels.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x00000801);
  view.setUint32(4, labels.length);
  bytes.set(labels, 8);
  return bytes;
}

describe('parseIdx', () => {
  it('reads an images file and returns a view of its pixels', () => {
    const bytes = idxImages(3);
    bytes[16] = 200;
    bytes[16 + 3 * 784 - 1] = 100;
    const file = parseIdx(bytes, 'images', 'x');
    expect(file).toMatchObject({ kind: 'images', count: 3, rows: 28, cols: 28 });
    expect(file.data.length).toBe(3 * 784);
    expect(file.data.buffer).toBe(bytes.buffer);
    expect(file.data.byteOffset).toBe(16);
    expect([file.data[0], file.data[3 * 784 - 1]]).toEqual([200, 100]);
  });

  it('reads a labels file', () => {
    const file = parseIdx(idxLabels([7, 2, 1]), 'labels', 'x');
    expect(file).toMatchObject({ kind: 'labels', count: 3, rows: 1, cols: 1 });
    expect(Array.from(file.data)).toEqual([7, 2, 1]);
  });

  it('reads a file that is itself a view into a larger buffer', () => {
    const padded = new Uint8Array(5 + 8 + 2);
    padded.set(idxLabels([4, 9]), 5);
    const file = parseIdx(padded.subarray(5, 15), 'labels', 'x');
    expect(file.count).toBe(2);
    expect(Array.from(file.data)).toEqual([4, 9]);
  });

  it('rejects the wrong magic number', () => {
    expect(() => parseIdx(idxLabels([1]), 'images', 'train-images')).toThrow(
      'train-images: expected magic number 0x00000803 (IDX images), found 0x00000801',
    );
    const bytes = idxImages(1);
    bytes[3] = 0x02;
    expect(() => parseIdx(bytes, 'images', 'x')).toThrow('found 0x00000802');
  });

  it('rejects truncated and overlong files', () => {
    const bytes = idxImages(2);
    expect(() => parseIdx(bytes.subarray(0, bytes.length - 1), 'images', 'test-images')).toThrow(
      'test-images: expected 1584 bytes for 2 images, found 1583',
    );
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => parseIdx(longer, 'images', 'x')).toThrow('expected 1584 bytes for 2 images, found 1585');
    expect(() => parseIdx(idxLabels([1, 2]).subarray(0, 9), 'labels', 'y')).toThrow('y: expected 10 bytes for 2 labels, found 9');
  });

  it('rejects a file shorter than its header', () => {
    expect(() => parseIdx(new Uint8Array(3), 'labels', 'x')).toThrow('x: expected an IDX labels header of 8 bytes, found a file of 3 bytes');
    expect(() => parseIdx(idxLabels([]).subarray(0, 6), 'labels', 'x')).toThrow('x: expected an IDX labels header of 8 bytes, found a file of 6 bytes');
  });

  it('rejects images that are not 28×28', () => {
    expect(() => parseIdx(idxImages(1, 32, 32), 'images', 'x')).toThrow('x: expected 28×28 images, found 32×32');
    expect(() => parseIdx(idxImages(1, 28, 27), 'images', 'x')).toThrow('found 28×27');
  });
});

describe('labelHistogram', () => {
  it('counts each digit and ignores values outside 0..9', () => {
    expect(labelHistogram(new Uint8Array([0, 1, 1, 9, 9, 9, 10, 255]))).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 3]);
    expect(labelHistogram(new Uint8Array())).toEqual(new Array(10).fill(0));
  });
});

describe('checkMnist', () => {
  // A stand-in with exactly MNIST's counts, histogram and test-set start; blank images.
  const labels = (values: number[]) => parseIdx(idxLabels(values), 'labels', 'labels');
  const valid: MnistIdx = {
    trainImages: parseIdx(idxImages(60000), 'images', 'train-images'),
    trainLabels: labels(TRAIN_LABEL_HISTOGRAM.flatMap((count, digit) => new Array<number>(count).fill(digit))),
    testImages: parseIdx(idxImages(10000), 'images', 'test-images'),
    testLabels: labels([...TEST_LABELS_START, ...new Array<number>(9990).fill(3)]),
  };
  /** A copy of a parsed file with its data changed, leaving `valid` intact for other tests. */
  const edited = (file: IdxFile, edit: (data: Uint8Array) => void): IdxFile => {
    const data = file.data.slice();
    edit(data);
    return { ...file, data };
  };
  const short = (file: IdxFile, count: number): IdxFile => ({ ...file, count, data: file.data.subarray(0, count * file.rows * file.cols) });

  it('accepts data with MNIST\'s counts, histogram and test-set start', () => {
    expect(() => checkMnist(valid)).not.toThrow();
  });

  it('names the digit whose count is off when one label is flipped', () => {
    const trainLabels = edited(valid.trainLabels, (data) => {
      data[0] = 1;
    });
    expect(() => checkMnist({ ...valid, trainLabels })).toThrow('train-labels: expected 5923 images of digit 0, found 5922');
  });

  it('reports a label outside 0..9', () => {
    const testLabels = edited(valid.testLabels, (data) => {
      data[20] = 10;
    });
    expect(() => checkMnist({ ...valid, testLabels })).toThrow('test-labels: expected labels 0..9, found 10 at index 20');
  });

  it('reports a test set that does not start as the original', () => {
    const testLabels = edited(valid.testLabels, (data) => {
      [data[0], data[1]] = [data[1]!, data[0]!];
    });
    expect(() => checkMnist({ ...valid, testLabels })).toThrow(
      'test-labels: expected the test set to begin 7, 2, 1, 0, 4, 1, 4, 9, 5, 9, found 2, 7, 1, 0, 4, 1, 4, 9, 5, 9',
    );
  });

  it('reports images and labels that do not pair up, and wrong counts', () => {
    expect(() => checkMnist({ ...valid, trainImages: short(valid.trainImages, 59999) })).toThrow(
      'train: expected as many labels as images (59999), found 60000 labels',
    );
    expect(() => checkMnist({ ...valid, testImages: short(valid.testImages, 9999), testLabels: short(valid.testLabels, 9999) })).toThrow(
      'test-images: expected 10000 images, found 9999',
    );
  });
});
