// What happened to runs and to the worker's weights, said explicitly where it happens (the
// training actions), so autosave and the run history subscribe instead of guessing from the store.

import type { TrainedWeights } from '../train/protocol';

export type RunEnd = 'done' | 'stopped' | 'error' | 'discarded';

export type RunEvent =
  /** Train, Continue or a step pressed; `continuing`: the run goes on from the weights (and curves) so far. */
  | { type: 'started'; runId: number; continuing: boolean }
  /** The run's state, epochs or evaluation changed in the store. */
  | { type: 'progress'; runId: number }
  /** The run ended; `discarded`: the learner changed the network and threw its weights away mid-run. */
  | { type: 'ended'; runId: number; how: RunEnd }
  /** Weights of the run at the end of an epoch or a stop, to keep. */
  | { type: 'weights'; runId: number; trained: TrainedWeights }
  /** The learner threw the trained weights away (an edit, Reset weights). */
  | { type: 'discarded' }
  /** The worker died and its weights with it; any run was ended (as an error) just before. */
  | { type: 'workerLost'; reason: string }
  /** A replacement worker is running: saved weights can go back into it. */
  | { type: 'workerBack' };

type Listener = (event: RunEvent) => void;

const listeners = new Set<Listener>();

/** Hear every run event from now on; returns the function that stops listening. */
export function onRunEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitRunEvent(event: RunEvent): void {
  listeners.forEach((l) => l(event));
}
