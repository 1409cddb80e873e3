// Training actions against a fake worker: Train never throws trained weights away without asking.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeWorker } from '../train/fakeWorker';
import { fakeWorkers } from '../train/fakeWorker';
import { discardWeightsAndApply, keepWeights } from './builderActions';
import type { RunEvent } from './runEvents';
import { onRunEvent } from './runEvents';
import { currentKey } from './selectors';
import { resetStore, useAppStore } from './store';
import { startTraining, stepTraining } from './trainingActions';
import { connectWorker } from './worker';

describe('training actions', () => {
  let worker: () => FakeWorker;
  let disconnect = () => {};
  let stopListening = () => {};
  const events: RunEvent[] = [];
  const starts = () => worker().sent.filter((m) => m.type === 'start');

  beforeEach(() => {
    resetStore();
    const fakes = fakeWorkers();
    worker = fakes.last;
    disconnect = connectWorker(fakes.create);
    events.length = 0;
    stopListening = onRunEvent((e) => events.push(e));
    // The worker holds trained weights for the network being edited.
    useAppStore.setState({ trainedKey: currentKey(useAppStore.getState()) });
  });
  afterEach(() => {
    disconnect();
    stopListening();
  });

  it('Train on a network with trained weights asks before starting from fresh weights', () => {
    startTraining(false);
    expect(starts()).toEqual([]);
    expect(useAppStore.getState().pendingEdit).toMatchObject({ kind: 'train' });
    // Keeping them changes nothing.
    keepWeights();
    expect(starts()).toEqual([]);
    expect(useAppStore.getState().trainedKey).not.toBeNull();
    // Agreeing discards them (autosave forgets its copy on this event) and trains afresh.
    startTraining(false);
    discardWeightsAndApply();
    expect(events.map((e) => e.type)).toEqual(['discarded', 'started']);
    expect(starts()).toEqual([expect.objectContaining({ type: 'start', keepWeights: false })]);
  });

  it('Continue and step mode go on from the trained weights without asking', () => {
    startTraining(true);
    expect(starts()).toEqual([expect.objectContaining({ keepWeights: true })]);
    useAppStore.setState({ run: null });
    stepTraining('batch');
    expect(starts().at(-1)).toMatchObject({ keepWeights: true, step: 'batch' });
    expect(useAppStore.getState().pendingEdit).toBeNull();
  });
});
