// The shared selectors: one key per network, one "a run is going", one "the weights fit".
import { beforeEach, describe, expect, it } from 'vitest';
import { architectureKey } from '../model/architecture';
import { findPreset } from '../model/presets';
import { runView } from './history/testRuns';
import { currentKey, holdsWeights, isRunning, isTraining, keyOf, weightsFit } from './selectors';
import { resetStore, useAppStore } from './store';

describe('selectors', () => {
  beforeEach(() => resetStore());

  it('keys a network by its content, not its object', () => {
    const arch = findPreset('seed-mlp')!.architecture;
    const copy = structuredClone(arch);
    expect(keyOf(copy)).toBe(keyOf(arch));
    expect(keyOf(arch)).toBe(architectureKey(arch));
    expect(keyOf(findPreset('seed-simple-cnn')!.architecture)).not.toBe(keyOf(arch));
  });

  it('says whether the weights fit the network being edited', () => {
    const s = () => useAppStore.getState();
    expect(weightsFit(s())).toBe(false);
    useAppStore.setState({ trainedKey: currentKey(s()) });
    expect([holdsWeights(s()), weightsFit(s())]).toEqual([true, true]);
    useAppStore.setState({ architecture: findPreset('seed-mlp')!.architecture });
    expect([holdsWeights(s()), weightsFit(s())]).toEqual([true, false]);
  });

  it('a run is going while loading, training or paused', () => {
    const states = ['loading', 'training', 'paused', 'done', 'error'] as const;
    expect(states.map((status) => isRunning({ run: runView('seed-mlp', { status }) }))).toEqual([true, true, true, false, false]);
    expect(states.map((status) => isTraining({ run: runView('seed-mlp', { status }) }))).toEqual([false, true, false, false, false]);
    expect(isRunning({ run: null })).toBe(false);
  });
});
