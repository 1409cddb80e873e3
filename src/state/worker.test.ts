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

// The drawn digit's guess beside training: the inference worker, a second client on the same path.
describe('the path to the inference worker', () => {
  let training: FakeWorker[] = [];
  let inference: FakeWorker[] = [];
  let disconnect = () => {};
  const pixels = () => new Uint8Array(784);
  const types = (w: FakeWorker) => w.sent.map((m) => (m.type === 'question' ? m.name : m.type));
  const questionId = (w: FakeWorker) => {
    const q = w.sent.at(-1)!;
    if (q.type !== 'question') throw new Error(`expected a question, not ${q.type}`);
    return q.id;
  };
  /** Let the awaits inside askWorker run (one answer, then possibly the second ask). */
  const settle = () => vi.advanceTimersByTimeAsync(0);

  beforeEach(() => {
    vi.useFakeTimers();
    resetStore();
    const t = fakeWorkers();
    const i = fakeWorkers();
    training = t.all;
    inference = i.all;
    disconnect = connectWorker(t.create, i.create);
  });
  afterEach(() => {
    disconnect();
    vi.useRealTimers();
  });

  it('starts with the first guess, links the two workers by a channel, and is asked once its backend is up', async () => {
    expect(inference).toHaveLength(0); // nothing more loads until someone draws
    const first = askWorker('predict', { pixels: pixels() });
    expect(inference).toHaveLength(1);
    const [infer] = inference;
    const [train] = training;
    // The two workers share a channel: one port each, transferred.
    expect(types(infer!)).toEqual(['receiveWeights']);
    expect(infer!.transfers[0]).toHaveLength(1);
    expect(types(train!)).toEqual(['setBackend', 'shareWeights', 'predict']);
    expect(train!.transfers[1]).toHaveLength(1);
    // Not ready yet: the training worker answers this one.
    train!.emit({ type: 'answer', id: questionId(train!), result: { ok: false, error: 'from training' } });
    await expect(first).resolves.toEqual({ ok: false, error: 'from training' });

    infer!.emit({ type: 'backend', name: 'wasm', reason: 'inference', threads: 1 });
    const second = askWorker('predict', { pixels: pixels() });
    expect(types(infer!)).toEqual(['receiveWeights', 'predict']);
    const guess = { probabilities: new Float32Array(10), epochsDone: 2, seq: 5 };
    infer!.emit({ type: 'answer', id: questionId(infer!), result: { ok: true, value: guess } });
    await expect(second).resolves.toEqual({ ok: true, value: guess });
    expect(types(train!).filter((t) => t === 'predict')).toHaveLength(1);

    // Other questions stay with the training worker.
    void askWorker('filters', {});
    expect(types(train!).at(-1)).toBe('filters');
    expect(types(infer!).at(-1)).toBe('predict');
    disconnect();
    expect(infer!.terminated && train!.terminated).toBe(true);
  });

  it('a guess it cannot give (no weights yet) is asked of the training worker', async () => {
    void askWorker('predict', { pixels: pixels() });
    const [infer] = inference;
    const [train] = training;
    train!.emit({ type: 'answer', id: questionId(train!), result: { ok: false, error: 'none' } });
    infer!.emit({ type: 'backend', name: 'wasm', reason: 'inference', threads: 1 });
    const guess = askWorker('predict', { pixels: pixels() });
    infer!.emit({ type: 'answer', id: questionId(infer!), result: { ok: false, error: 'No network has been trained yet.' } });
    await settle();
    expect(types(train!).at(-1)).toBe('predict');
    const value = { probabilities: new Float32Array(10), epochsDone: 1, seq: 1 };
    train!.emit({ type: 'answer', id: questionId(train!), result: { ok: true, value } });
    await expect(guess).resolves.toEqual({ ok: true, value });
  });

  it('a restarted training worker is linked again: a fresh port each end', async () => {
    void askWorker('predict', { pixels: pixels() });
    const [infer] = inference;
    infer!.emit({ type: 'backend', name: 'wasm', reason: 'inference', threads: 1 });
    training[0]!.crash('boom');
    await vi.advanceTimersByTimeAsync(500);
    expect(training).toHaveLength(2);
    expect(types(training[1]!)).toEqual(['setBackend', 'shareWeights']);
    expect(training[1]!.transfers[1]).toHaveLength(1);
    expect(types(infer!)).toEqual(['receiveWeights', 'receiveWeights']);
    expect(useAppStore.getState().notice).toContain('training worker stopped unexpectedly (boom)');
  });

  it('a crash settles its open guess (the training worker answers it), restarts it, capped, and links it again', async () => {
    void askWorker('predict', { pixels: pixels() });
    inference[0]!.emit({ type: 'backend', name: 'wasm', reason: 'inference', threads: 1 });
    const guess = askWorker('predict', { pixels: pixels() });
    inference[0]!.crash('inference boom');
    await settle();
    // Its open question was settled with an error, so the training worker was asked instead.
    const train = training[0]!;
    expect(types(train).at(-1)).toBe('predict');
    const value = { probabilities: new Float32Array(10), epochsDone: 3, seq: 9 };
    train.emit({ type: 'answer', id: questionId(train), result: { ok: true, value } });
    await expect(guess).resolves.toEqual({ ok: true, value });
    // The training worker's notice is not about the inference worker.
    expect(useAppStore.getState().notice ?? '').not.toContain('inference boom');
    await vi.advanceTimersByTimeAsync(500);
    expect(inference).toHaveLength(2);
    expect(types(inference[1]!)).toEqual(['receiveWeights']);
    expect(types(train).filter((t) => t === 'shareWeights')).toHaveLength(2);
    // Crashing again and again: given up on after three restarts; guesses stay with training.
    for (let i = 0; i < 6; i++) {
      inference.at(-1)!.crash('again');
      await vi.advanceTimersByTimeAsync(60_000);
    }
    expect(inference).toHaveLength(4);
    const before = types(train).filter((t) => t === 'predict').length;
    void askWorker('predict', { pixels: pixels() });
    expect(types(train).filter((t) => t === 'predict')).toHaveLength(before + 1);
    expect(inference).toHaveLength(4);
    expect(inference.every((w) => w.terminated)).toBe(true);
  });

  it('one whose backend fails to start is never asked', () => {
    void askWorker('predict', { pixels: pixels() });
    inference[0]!.emit({ type: 'workerError', message: 'The inference worker could not start a backend.' });
    void askWorker('predict', { pixels: pixels() });
    expect(types(inference[0]!)).toEqual(['receiveWeights']);
    expect(types(training[0]!).filter((t) => t === 'predict')).toHaveLength(2);
    expect(inference).toHaveLength(1); // not started again
  });

  it('a guess on a checkpoint (replay) goes to the training worker, which holds the checkpoints', () => {
    void askWorker('predict', { pixels: pixels() });
    inference[0]!.emit({ type: 'backend', name: 'wasm', reason: 'inference', threads: 1 });
    void askWorker('predict', { pixels: pixels(), weights: { kind: 'checkpoint', id: 3 } });
    expect(types(inference[0]!)).toEqual(['receiveWeights']);
    expect(training[0]!.sent.at(-1)).toMatchObject({ type: 'question', name: 'predict', args: { weights: { kind: 'checkpoint', id: 3 } } });
    void askWorker('predict', { pixels: pixels(), weights: { kind: 'live' } });
    expect(types(inference[0]!)).toEqual(['receiveWeights', 'predict']);
  });
});
