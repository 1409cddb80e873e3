// Derived state, each named once: the network's key, whether a run is going, whether the worker's
// weights fit the network being edited. Components and actions use these, never the expressions.

import type { Analysis } from '../model/analyze';
import { analyze, batchMemoryProblem } from '../model/analyze';
import { architectureKey } from '../model/architecture';
import type { Architecture } from '../model/architecture';
import type { AppState } from './store';
import type { RunView, TrainStatus } from './trainingSlice';

/** Keys by architecture object: the store replaces the object on every edit, so this never goes stale. */
const keys = new WeakMap<Architecture, string>();
/** Analyses by architecture object, then by the number of the learner's own classes (custom datasets). */
const analyses = new WeakMap<Architecture, Map<number | null, Analysis>>();

/** The analysis (model/analyze.ts) of `arch`, once per architecture object and class count. */
export function analysisOf(arch: Architecture, customClasses: number | null = null): Analysis {
  let byClasses = analyses.get(arch);
  if (!byClasses) {
    byClasses = new Map();
    analyses.set(arch, byClasses);
  }
  let a = byClasses.get(customClasses);
  if (!a) {
    a = analyze(arch, customClasses);
    byClasses.set(customClasses, a);
  }
  return a;
}

/** The key (model/architecture.ts) of `arch`, computed once per architecture object. */
export function keyOf(arch: Architecture): string {
  let key = keys.get(arch);
  if (key === undefined) {
    key = architectureKey(arch);
    keys.set(arch, key);
  }
  return key;
}

/** The key of the network being edited. */
export const currentKey = (s: Pick<AppState, 'architecture'>): string => keyOf(s.architecture);

const RUNNING: readonly TrainStatus[] = ['loading', 'training', 'paused'];

/** A run is going: loading its data, training, or paused. */
export const isRunning = (s: { run: RunView | null }): boolean => s.run !== null && RUNNING.includes(s.run.status);

/** A run is training right now (not loading, not paused). */
export const isTraining = (s: { run: RunView | null }): boolean => s.run?.status === 'training';

/** The worker holds trained weights (for the network being edited: edits that would change it ask first). */
export const holdsWeights = (s: Pick<AppState, 'trainedKey'>): boolean => s.trainedKey !== null;

/** The worker holds trained weights and they belong to the network being edited. */
export const weightsFit = (s: Pick<AppState, 'trainedKey' | 'architecture'>): boolean => s.trainedKey !== null && s.trainedKey === currentKey(s);

/** Why the batch size is too large for the network's layer outputs, or null (see LIMITS.maxBatchActivations). */
export function batchTooLarge(s: Pick<AppState, 'architecture' | 'settings'>): string | null {
  return batchMemoryProblem(analysisOf(s.architecture).totals.activations, s.settings.batchSize);
}

/** The worker is up and taking messages. */
export const workerReady = (s: Pick<AppState, 'workerStatus'>): boolean => s.workerStatus.state === 'running';

/** Which worker is running (1, then 2… after restarts); 0 while none is. Views that ask ask again when it changes. */
export const workerGeneration = (s: Pick<AppState, 'workerStatus'>): number => (s.workerStatus.state === 'running' ? s.workerStatus.generation : 0);
