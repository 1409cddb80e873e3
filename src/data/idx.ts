// Parses the IDX files MNIST ships in and checks they are the real, complete dataset.

export type IdxKind = 'images' | 'labels';

/** One parsed IDX file. */
export interface IdxFile {
  kind: IdxKind;
  /** Number of items (images or labels). */
  count: number;
  /** Image height in pixels; 1 for labels, which are one byte each. */
  rows: number;
  /** Image width in pixels; 1 for labels. */
  cols: number;
  /** The items, row-major, one byte each: a view into the input buffer, not a copy. */
  data: Uint8Array;
}

/** The four files of MNIST, parsed. */
export interface MnistIdx {
  trainImages: IdxFile;
  trainLabels: IdxFile;
  testImages: IdxFile;
  testLabels: IdxFile;
}

export const IMAGE_ROWS = 28;
export const IMAGE_COLS = 28;
export const TRAIN_COUNT = 60000;
export const TEST_COUNT = 10000;

/** How many images of each digit 0..9 the MNIST training set holds. */
export const TRAIN_LABEL_HISTOGRAM: readonly number[] = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];

/** The first ten test labels; a cheap check that the test set is in its original order. */
export const TEST_LABELS_START: readonly number[] = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9];

// The magic number's third byte is the element type (0x08 = unsigned byte), the fourth the
// number of dimensions: 3 for images (count, rows, cols), 1 for labels (count).
const MAGIC: Record<IdxKind, number> = { images: 0x00000803, labels: 0x00000801 };
const HEADER_BYTES: Record<IdxKind, number> = { images: 16, labels: 8 };

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/**
 * Parse an IDX file of the expected kind. `name` (e.g. "train-images") prefixes every error
 * message, so a failure says which file is wrong.
 */
export function parseIdx(bytes: Uint8Array, kind: IdxKind, name: string): IdxFile {
  const headerBytes = HEADER_BYTES[kind];
  const shortHeader = () => new Error(`${name}: expected an IDX ${kind} header of ${headerBytes} bytes, found a file of ${bytes.byteLength} bytes`);
  if (bytes.byteLength < 4) throw shortHeader();
  // IDX integers are big-endian, which DataView reads by default.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  // Magic before the header length, so a labels file passed as images is reported as such.
  if (magic !== MAGIC[kind]) {
    throw new Error(`${name}: expected magic number ${hex(MAGIC[kind])} (IDX ${kind}), found ${hex(magic)}`);
  }
  if (bytes.byteLength < headerBytes) throw shortHeader();
  const count = view.getUint32(4);
  const rows = kind === 'images' ? view.getUint32(8) : 1;
  const cols = kind === 'images' ? view.getUint32(12) : 1;
  if (kind === 'images' && (rows !== IMAGE_ROWS || cols !== IMAGE_COLS)) {
    throw new Error(`${name}: expected ${IMAGE_ROWS}×${IMAGE_COLS} images, found ${rows}×${cols}`);
  }
  const expectedBytes = headerBytes + count * rows * cols;
  if (bytes.byteLength !== expectedBytes) {
    throw new Error(`${name}: expected ${expectedBytes} bytes for ${count} ${kind}, found ${bytes.byteLength}`);
  }
  return { kind, count, rows, cols, data: bytes.subarray(headerBytes) };
}

/** Label counts per digit 0..9; labels outside 0..9 are not counted. */
export function labelHistogram(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) {
    if (label < 10) counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}

function checkCount(name: string, file: IdxFile, expected: number): void {
  if (file.count !== expected) throw new Error(`${name}: expected ${expected} ${file.kind}, found ${file.count}`);
}

function checkLabelRange(name: string, labels: Uint8Array): void {
  const bad = labels.findIndex((label) => label > 9);
  if (bad >= 0) throw new Error(`${name}: expected labels 0..9, found ${labels[bad]} at index ${bad}`);
}

function checkPairing(set: string, images: IdxFile, labels: IdxFile): void {
  if (images.count !== labels.count) {
    throw new Error(`${set}: expected as many labels as images (${images.count}), found ${labels.count} labels`);
  }
}

/**
 * Throw unless these are the original MNIST files: the right counts, images and labels that
 * pair up, labels in 0..9, the known training histogram and the known start of the test set.
 */
export function checkMnist(mnist: MnistIdx): void {
  // Pairing first: "as many labels as images" says more than two separate count errors.
  checkPairing('train', mnist.trainImages, mnist.trainLabels);
  checkPairing('test', mnist.testImages, mnist.testLabels);
  checkCount('train-images', mnist.trainImages, TRAIN_COUNT);
  checkCount('train-labels', mnist.trainLabels, TRAIN_COUNT);
  checkCount('test-images', mnist.testImages, TEST_COUNT);
  checkCount('test-labels', mnist.testLabels, TEST_COUNT);
  checkLabelRange('train-labels', mnist.trainLabels.data);
  checkLabelRange('test-labels', mnist.testLabels.data);

  const histogram = labelHistogram(mnist.trainLabels.data);
  TRAIN_LABEL_HISTOGRAM.forEach((expected, digit) => {
    const found = histogram[digit] ?? 0;
    if (found !== expected) throw new Error(`train-labels: expected ${expected} images of digit ${digit}, found ${found}`);
  });

  const start = Array.from(mnist.testLabels.data.subarray(0, TEST_LABELS_START.length));
  if (start.join(',') !== TEST_LABELS_START.join(',')) {
    throw new Error(`test-labels: expected the test set to begin ${TEST_LABELS_START.join(', ')}, found ${start.join(', ')}`);
  }
}
