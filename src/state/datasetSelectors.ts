// Selectors for the dataset the current network is for: its id, registry entry, class names and sizes.
// Each returns a stable value for unchanged state, so components can use them with useAppStore directly.

import type { CustomDataset } from '../data/customDataset';
import type { Architecture } from '../model/architecture';
import { datasetOf } from '../model/architecture';
import type { Preset } from '../model/presets';
import { presetFor } from '../model/presets';
import { splitCounts } from '../model/customSplit';
import type { DatasetId, DatasetInfo } from '../model/datasets';
import { MIN_CLASSES, datasetInfo } from '../model/datasets';
import type { AppState } from './store';

export const selectDatasetId = (s: AppState): DatasetId => datasetOf(s.architecture);

export const selectDatasetInfo = (s: AppState): DatasetInfo => datasetInfo(selectDatasetId(s));

const customNames = new WeakMap<CustomDataset, readonly string[]>();

/** The class names of a custom dataset, the same array while the dataset is unchanged. */
export function namesOf(dataset: CustomDataset): readonly string[] {
  let names = customNames.get(dataset);
  if (!names) customNames.set(dataset, (names = dataset.classes.map((c) => c.name)));
  return names;
}

/**
 * The current dataset's class names, in label order: what the confusion matrix, the mistakes,
 * the prediction and the explanation views call each output. For the learner's own classes, a
 * network with more outputs than classes gets "class N" for the rest.
 */
export function selectClassNames(s: AppState): readonly string[] {
  const info = selectDatasetInfo(s);
  if (info.classNames.length > 0) return info.classNames;
  return namesOf(s.customDataset);
}

/** The name of output `index` of the current network ("class 4" past the known names). */
export function className(names: readonly string[], index: number): string {
  return names[index] ?? `class ${index + 1}`;
}

/** How many classes validation asks the last layer for, when the network is for the learner's own classes. */
export function selectCustomClasses(s: AppState): number | null {
  if (selectDatasetId(s) !== 'custom') return null;
  const n = s.customDataset.classes.length;
  return n >= MIN_CLASSES ? n : null;
}

const customCounts = new WeakMap<CustomDataset, { train: number; test: number; perClass: number[] }>();

/** Examples per class and in each split of a custom dataset (cached per dataset version). */
export function countsOf(dataset: CustomDataset): { train: number; test: number; perClass: number[] } {
  let counts = customCounts.get(dataset);
  if (!counts) {
    const perClass = dataset.classes.map((c) => c.examples.length);
    customCounts.set(dataset, (counts = { ...splitCounts(perClass), perClass }));
  }
  return counts;
}

/** Training examples the current dataset has: what train-subset may ask for at most. */
export function selectTrainCount(s: AppState): number {
  const info = selectDatasetInfo(s);
  return info.splits?.train ?? countsOf(s.customDataset).train;
}

/** Test examples the current dataset has. */
export function selectTestCount(s: AppState): number {
  const info = selectDatasetInfo(s);
  return info.splits?.test ?? countsOf(s.customDataset).test;
}

/**
 * A preset's network for the current dataset: choosing the simple CNN while on Fashion-MNIST keeps
 * Fashion-MNIST, and on the learner's own classes gives it one output per class.
 */
export function presetForCurrent(s: AppState, preset: Preset): Architecture {
  const dataset = selectDatasetId(s);
  const classes = datasetInfo(dataset).classNames.length || (selectCustomClasses(s) ?? 10);
  return presetFor(preset, dataset, classes);
}
