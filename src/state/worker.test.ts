// The store's one path to the worker, against a fake Worker: a crash settles questions, ends the
// run, says so in the notice, and the replacement gets the backend choice and a workerBack event.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeWorker } from '../train/fakeWorker';
import { fakeWorkers } from '../train/fakeWorker';
import type { RunEvent } from './runEvents';
import { onRunEvent } from './runEvents';
import { resetStore, useAppStore } from './store';
import { startTraining } from './trainingActions';
import { askWorker, connectWorker, restartWorker } from './worker';

describe('the path to the worker', () => {
  let workers: FakeWorker[] = [];
  const events: RunEvent[] = [];
  let disconnect = () => {};
  let stopListening = () => {};
  const last = () => workers.at(-1)!;

  beforeEach(() => {
    vi.useFakeTimers();
    resetStore();
    const fakes = fakeWorkers();
    workers = fakes.all;
    events.length = 0;
    stopListening = onRunEvent((e) => events.push(e));
    disconnect = connectWorker(fakes.create);
  });
  afterEach(() => {
    disconnect();
    stopListening();
    vi.useRealTimers();
  });

  it('starts a run through a command and folds its events into the store', () => {
    expect(last().sent[0]).toEqual({ type: 'setBackend', choice: 'auto' });
    startTraining();
    const start = last().sent.at(-1)!;
    expect(start).toMatchObject({ type: 'start', runId: 1, keepWeights: false });
    last().emit({ type: 'runState', runId: 1, state: 'training', epoch: 0 });
    expect(useAppStore.getState().run?.status).toBe('training');
    expect(useAppStore.getState().trainedKey).toBe(useAppStore.getState().run?.architectureKey);
    expect(events.map((e) => e.type)).toEqual(['started', 'progress']);
  });

  it('a run that diverged with nothing to keep leaves no trained network in the store', () => {
    startTraining();
    last().emit({ type: 'runState', runId: 1, state: 'training', epoch: 0 });
    expect(useAppStore.getState().trainedKey).not.toBeNull();
    last().emit({ type: 'runState', runId: 1, state: 'error', epoch: 0, keptEpochs: null, message: 'Training diverged…' });
    expect(useAppStore.getState().trainedKey).toBeNull();
    expect(events.at(-1)).toEqual({ type: 'ended', runId: 1, how: 'error' });
  });

  it('a crash answers open questions, ends the run, says so, and the replacement is told the backend', async () => {
    useAppStore.setState({ backendChoice: 'wasm' });
    startTraining();
    last().emit({ type: 'runState', runId: 1, state: 'training', epoch: 0 });
    const question = askWorker('getWeights', {});
    last().crash('simulated crash');
    await expect(question).resolves.toMatchObject({ ok: false, error: expect.stringContaining('simulated crash') });
    const s = useAppStore.getState();
    expect(s.run).toMatchObject({ status: 'error', message: 'The training worker crashed.' });
    expect(s.trainedKey).toBeNull();
    expect(s.notice).toContain('stopped unexpectedly (simulated crash)');
    expect(s.notice).toContain('The run in progress was lost');
    expect(s.notice).toMatch(/restarts in 0\.5 s \(attempt 1 of 3\)/);
    expect(events.slice(-2)).toEqual([
      { type: 'ended', runId: 1, how: 'error' },
      { type: 'workerLost', reason: 'simulated crash' },
    ]);
    await vi.advanceTimersByTimeAsync(500);
    expect(workers).toHaveLength(2);
    expect(last().sent[0]).toEqual({ type: 'setBackend', choice: 'wasm' });
    expect(useAppStore.getState().notice).toContain('It was restarted.');
    expect(events.at(-1)).toEqual({ type: 'workerBack' });
  });

  it('gives up after three crashes in a row, says so, and Restart brings a worker back', async () => {
    for (let i = 0; i < 4; i++) {
      last().crash('simulated crash');
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect(workers).toHaveLength(4);
    expect(useAppStore.getState().workerStatus.state).toBe('failed');
    expect(useAppStore.getState().notice).toContain('failed 4 times in a row, so it was not restarted again');
    restartWorker();
    expect(workers).toHaveLength(5);
    expect(useAppStore.getState().workerStatus).toEqual({ state: 'running', generation: 5 });
  });
});
