// Choosing the dataset a network is for, and keeping its output layer and the training settings in step with it.

import type { Architecture } from '../model/architecture';
import { datasetOf, withDataset } from '../model/architecture';
import type { DatasetId } from '../model/datasets';
import { MIN_CLASSES, datasetInfo } from '../model/datasets';
import { commitArchitecture } from './builderActions';
import { currentSpec, specKey } from './dataSpec';
import { selectTrainCount } from './datasetSelectors';
import type { AppState } from './store';
import { useAppStore } from './store';

/** How many outputs a network for `dataset` should have, or null when that is not known yet. */
function classesFor(dataset: DatasetId, s: AppState): number | null {
  const fixed = datasetInfo(dataset).classNames.length;
  if (fixed > 0) return fixed;
  const n = s.customDataset.classes.length;
  return n >= MIN_CLASSES ? n : null;
}

/** The network with its last layer giving `classes` probabilities, when it ends in a softmax Dense layer. */
export function withOutputs(arch: Architecture, classes: number | null): Architecture {
  const last = arch.layers.at(-1);
  if (classes === null || last?.type !== 'dense' || last.activation !== 'softmax' || last.units === classes) return arch;
  return { ...arch, layers: [...arch.layers.slice(0, -1), { ...last, units: classes }] };
}

/**
 * Train the current network on another dataset: the `dataset` field changes and the output layer
 * follows the class count, as one undoable step (asking first when that discards trained weights).
 */
export function chooseDataset(dataset: DatasetId): void {
  const s = useAppStore.getState();
  if (datasetOf(s.architecture) === dataset) return;
  commitArchitecture(withOutputs(withDataset(s.architecture, dataset), classesFor(dataset, s)));
  // A few dozen drawings a class train in small batches; the seed's 200 would be one batch an epoch.
  if (dataset === 'custom' && datasetOf(useAppStore.getState().architecture) === 'custom' && s.settings.batchSize > CUSTOM_BATCH_SIZE) {
    useAppStore.setState((now) => ({ settings: { ...now.settings, batchSize: CUSTOM_BATCH_SIZE } }));
  }
}

/** The fewest training examples the settings accept (settingsProblems). */
const MIN_SUBSET = 10;
/** Batches for the learner's own classes: a few dozen examples a class train in small batches. */
export const CUSTOM_BATCH_SIZE = 16;

const running = (s: AppState) => s.run !== null && ['loading', 'training', 'paused'].includes(s.run.status);

/**
 * While the network is for the learner's own classes and has no trained weights, its output layer
 * follows the number of classes as they are added and removed. With trained weights it stays, and
 * validation offers the fix (changing it would discard them).
 */
function followClasses(s: AppState): void {
  if (datasetOf(s.architecture) !== 'custom' || s.trainedKey !== null || running(s) || s.locked) return;
  const next = withOutputs(s.architecture, classesFor('custom', s));
  if (next !== s.architecture) commitArchitecture(next);
}

/**
 * train-subset never asks for more examples than the dataset has: when the dataset (or the number
 * of the learner's own examples) changes, the subset is held to its size, and "all of them" stays
 * all of them. The batch size is held to the subset too.
 */
function followSize(s: AppState, previousCount: number): void {
  const count = selectTrainCount(s);
  const { subset, batchSize } = s.settings;
  if (count < 1 || running(s)) return;
  const wasAll = subset >= previousCount;
  const nextSubset = wasAll || subset > count ? count : subset;
  // Held only once the set is large enough to train on, so it does not shrink to 1 while the learner adds examples.
  const nextBatch = nextSubset >= MIN_SUBSET && batchSize > nextSubset ? nextSubset : batchSize;
  if (nextSubset !== subset || nextBatch !== batchSize) useAppStore.setState({ settings: { ...s.settings, subset: nextSubset, batchSize: nextBatch } });
}

/** The data state describes the current dataset: another dataset (or another version of the learner's own) starts it afresh. */
function followData(s: AppState): void {
  const spec = currentSpec(s);
  const key = specKey(spec);
  if (key !== s.data.key && !running(s)) useAppStore.setState({ data: { dataset: spec.dataset, key, status: 'idle', loadedBytes: 0, totalBytes: 0, info: null, error: null } });
}

/** Keep the output layer, the settings and the data state in step with the dataset from now on. */
export function startDatasetSync(): () => void {
  followSize(useAppStore.getState(), selectTrainCount(useAppStore.getState()));
  followData(useAppStore.getState());
  return useAppStore.subscribe((s, prev) => {
    if (s.customDataset.classes.length !== prev.customDataset.classes.length || s.architecture.dataset !== prev.architecture.dataset) followClasses(s);
    const before = selectTrainCount(prev);
    if (selectTrainCount(s) !== before) followSize(s, before);
    if (s.architecture.dataset !== prev.architecture.dataset || (s.customDataset !== prev.customDataset && s.architecture.dataset === 'custom')) followData(useAppStore.getState());
  });
}
