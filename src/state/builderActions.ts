// Builder actions: plain functions that edit the architecture as undoable steps.

import type { Architecture, InputSize, Layer, LayerType } from '../model/architecture';
import { defaultLayer } from '../model/architecture';
import { findPreset, withRecipe } from '../model/presets';
import type { Fix } from '../model/validate';
import { insertLayer, removeLayer, replaceLayer, withLayers } from '../model/validate';
import { emitRunEvent } from './runEvents';
import { presetForCurrent } from './datasetSelectors';
import { holdsWeights, isRunning, keyOf } from './selectors';
import { useAppStore } from './store';
import { commandWorker } from './worker';

const HISTORY_LIMIT = 200;
const COALESCE_MS = 1000;

const runActive = (): boolean => isRunning(useAppStore.getState());

/**
 * Run an edit (or Train from fresh weights, `kind` 'train') now, or — when the worker holds
 * trained weights for the current network — hold it until the user agrees to discard them (see
 * discardWeightsAndApply). One question for every action that would lose trained weights.
 */
export function guardedEdit(apply: () => void, kind: 'edit' | 'train' = 'edit'): void {
  const s = useAppStore.getState();
  if (!holdsWeights(s) && !runActive()) apply();
  else useAppStore.setState({ pendingEdit: { apply, kind } });
}

/** Replace the architecture as one undoable step (or merged into the previous one for `coalesceKey`). */
export function commitArchitecture(next: Architecture, coalesceKey?: string): void {
  const s = useAppStore.getState();
  if (next === s.architecture || s.locked) return;
  guardedEdit(() => setArchitecture(next, coalesceKey));
}

function setArchitecture(next: Architecture, coalesceKey?: string): void {
  useAppStore.setState((s) => {
    if (next === s.architecture) return s;
    const now = Date.now();
    const merge = coalesceKey !== undefined && s.lastEdit?.key === coalesceKey && now - s.lastEdit.at < COALESCE_MS;
    return {
      architecture: next,
      past: merge ? s.past : [...s.past, s.architecture].slice(-HISTORY_LIMIT),
      future: [],
      rejection: null,
      lastEdit: coalesceKey === undefined ? null : { key: coalesceKey, at: now },
    };
  });
}

const current = () => useAppStore.getState().architecture;

export function addLayer(type: LayerType, at = current().layers.length): void {
  commitArchitecture(insertLayer(current(), at, defaultLayer(type)));
}

export function updateLayer(index: number, layer: Layer, field: string): void {
  commitArchitecture(replaceLayer(current(), index, layer), `${index}:${field}`);
}

export function deleteLayer(index: number): void {
  commitArchitecture(removeLayer(current(), index));
}

export function moveLayer(from: number, to: number): void {
  const layers = current().layers.slice();
  if (from === to || to < 0 || to >= layers.length) return;
  const [moved] = layers.splice(from, 1);
  if (!moved) return;
  layers.splice(to, 0, moved);
  commitArchitecture(withLayers(current(), layers));
}

export function setInputSize(size: InputSize): void {
  const arch = current();
  commitArchitecture({ ...arch, input: { ...arch.input, height: size, width: size } });
}

/** Load a preset's network and its recipe (epochs, augmentation, schedule…) in one step. */
export function loadPreset(id: string): void {
  const preset = findPreset(id);
  if (!preset || useAppStore.getState().locked) return;
  const applyRecipe = () => useAppStore.setState((s) => ({ settings: withRecipe(s.settings, preset) }));
  // The preset for the dataset being trained on (its output layer follows the class count).
  const next = presetForCurrent(useAppStore.getState(), preset);
  if (next === current() || keyOf(next) === keyOf(current())) {
    if (!runActive()) applyRecipe();
    return;
  }
  guardedEdit(() => {
    setArchitecture(next);
    applyRecipe();
  });
}

export function applyFix(fix: Fix): void {
  commitArchitecture(fix.apply(current()));
}

export function undo(): void {
  const s = useAppStore.getState();
  if (s.past.length > 0 && !s.locked) guardedEdit(applyUndo);
}

export function redo(): void {
  const s = useAppStore.getState();
  if (s.future.length > 0 && !s.locked) guardedEdit(applyRedo);
}

/** Lock or unlock the network against edits (lesson links lock it). */
export function setLocked(locked: boolean): void {
  useAppStore.setState({ locked });
}

function applyUndo(): void {
  useAppStore.setState((s) => {
    const previous = s.past.at(-1);
    if (!previous) return s;
    return { architecture: previous, past: s.past.slice(0, -1), future: [...s.future, s.architecture], lastEdit: null };
  });
}

function applyRedo(): void {
  useAppStore.setState((s) => {
    const next = s.future.at(-1);
    if (!next) return s;
    return { architecture: next, future: s.future.slice(0, -1), past: [...s.past, s.architecture], lastEdit: null };
  });
}

/** A link or file could not be read: say why, change nothing else. */
export function rejectInput(message: string): void {
  useAppStore.setState({ rejection: message });
}

export function dismissRejection(): void {
  useAppStore.setState({ rejection: null });
}

/** The user agreed: stop any run, drop the trained weights, and make the held edit. */
export function discardWeightsAndApply(): void {
  const s = useAppStore.getState();
  const { pendingEdit, run } = s;
  if (!pendingEdit) return;
  commandWorker({ type: 'resetWeights' });
  // The history closes the run's record from the store as it is, before the run is forgotten.
  if (run && isRunning(s)) emitRunEvent({ type: 'ended', runId: run.id, how: 'discarded' });
  // Forgetting the run drops whatever the stopped run still sends.
  useAppStore.setState({ pendingEdit: null, trainedKey: null, run: null, evaluation: null, latestBatch: null });
  emitRunEvent({ type: 'discarded' });
  pendingEdit.apply();
}

export function keepWeights(): void {
  useAppStore.setState({ pendingEdit: null });
}
