// Which data the worker is to load or train on, for the current network: a built-in dataset, or the learner's own examples with their version.

import type { CustomDataset } from '../data/customDataset';
import { splitCustomDataset } from '../data/customDataset';
import type { DataSpec } from '../train/protocol';
import { selectDatasetId } from './datasetSelectors';
import type { AppState } from './store';

/** FNV-1a over the bytes: a cheap name for one version of the learner's examples. */
function fnv1a(parts: readonly Uint8Array[]): string {
  let h = 0x811c9dc5;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      h ^= part[i]!;
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

const specs = new WeakMap<CustomDataset, Extract<DataSpec, { dataset: 'custom' }>>();

/** The learner's examples as the worker trains on them (every fifth of a class held out), once per version. */
export function customSpec(dataset: CustomDataset): Extract<DataSpec, { dataset: 'custom' }> {
  let spec = specs.get(dataset);
  if (!spec) {
    const bytes = splitCustomDataset(dataset);
    const key = `${dataset.kind}-${dataset.classes.length}-${fnv1a([bytes.trainImages, bytes.trainLabels, bytes.testImages, bytes.testLabels])}`;
    specs.set(dataset, (spec = { dataset: 'custom', key, classes: dataset.classes.length, bytes }));
  }
  return spec;
}

/** The data of the current network's dataset. */
export function currentSpec(s: AppState): DataSpec {
  const dataset = selectDatasetId(s);
  return dataset === 'custom' ? customSpec(s.customDataset) : { dataset };
}

/** What names a spec's data in the store (DatasetInfo.key): the dataset, and for the learner's own its version. */
export function specKey(spec: DataSpec): string {
  return spec.dataset === 'custom' ? `custom:${spec.key}` : spec.dataset;
}
