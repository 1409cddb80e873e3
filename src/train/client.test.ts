// The worker client against a fake Worker: questions and answers, events, crashes, capped restarts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerStatus } from './client';
import { TrainingClient } from './client';
import { fakeWorkers } from './fakeWorker';
import type { WorkerEvent } from './protocol';

function setup(options: { maxRestarts?: number; backoffMs?: number; stableMs?: number } = {}) {
  const fakes = fakeWorkers();
  const workers = fakes.all;
  const events: WorkerEvent[] = [];
  const statuses: WorkerStatus[] = [];
  const client = new TrainingClient({
    create: fakes.create,
    onEvent: (e) => events.push(e),
    onStatus: (s) => statuses.push(s),
    ...options,
  });
  return { client, workers, events, statuses, last: () => workers.at(-1)! };
}

describe('training client', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('numbers questions, resolves each with its own answer, and passes events on', async () => {
    const { client, last, events } = setup();
    const pixels = new Float32Array(784);
    const a = client.ask('predictBatch', { pixels }, [pixels.buffer]);
    const b = client.ask('getWeights', {});
    const [qa, qb] = last().sent;
    expect(qa).toMatchObject({ type: 'question', name: 'predictBatch' });
    expect(last().transfers[0]).toEqual([pixels.buffer]);
    if (qa?.type !== 'question' || qb?.type !== 'question') throw new Error('expected two questions');
    expect(qa.id).not.toBe(qb.id);
    // Answered out of order; an event in between is not an answer.
    last().emit({ type: 'answer', id: qb.id, result: { ok: false, error: 'There are no trained weights yet.' } });
    last().emit({ type: 'dataProgress', dataset: 'mnist', loadedBytes: 1, totalBytes: 2 });
    last().emit({ type: 'answer', id: qa.id, result: { ok: true, value: new Float32Array(10) } });
    await expect(b).resolves.toEqual({ ok: false, error: 'There are no trained weights yet.' });
    const answerA = await a;
    expect(answerA.ok && answerA.value.length).toBe(10);
    expect(events).toEqual([{ type: 'dataProgress', dataset: 'mnist', loadedBytes: 1, totalBytes: 2 }]);
  });

  it('a question pending when the worker crashes is answered with an error', async () => {
    const { client, last } = setup();
    let settled = false;
    const answer = client.ask('getWeights', {}).then((r) => {
      settled = true;
      return r;
    });
    last().crash('simulated crash');
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
    const result = await answer;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('simulated crash');
    // A late answer from the dead worker changes nothing.
    expect(() => last().emit({ type: 'answer', id: 1, result: { ok: true, value: null } })).not.toThrow();
  });

  it('restarts a crashing worker a limited number of times', async () => {
    const { client, workers, statuses, last } = setup({ maxRestarts: 3, backoffMs: 500 });
    for (let i = 0; i < 20; i++) {
      last().crash();
      await vi.advanceTimersByTimeAsync(60_000);
    }
    // The first worker and three replacements; then it gives up.
    expect(workers.length).toBe(4);
    expect(workers.every((w) => w.terminated)).toBe(true);
    const delays = statuses.flatMap((s) => (s.state === 'restarting' ? [s.delayMs] : []));
    expect(delays).toEqual([500, 1000, 2000]);
    expect(statuses.at(-1)).toEqual({ state: 'failed', reason: 'boom', attempts: 4 });
    // Given up: questions are answered at once, commands are refused, and Restart starts afresh.
    await expect(client.ask('memory', {})).resolves.toMatchObject({ ok: false, error: expect.stringContaining('restart it') });
    expect(client.command({ type: 'loadData', data: { dataset: 'mnist' } })).toBe(false);
    client.restart();
    expect(workers.length).toBe(5);
    expect(statuses.at(-1)).toEqual({ state: 'running', generation: 5 });
    expect(client.command({ type: 'loadData', data: { dataset: 'mnist' } })).toBe(true);
  });

  it('waits before a restart, and answers questions asked meanwhile with an error', async () => {
    const { client, workers, last } = setup({ backoffMs: 500 });
    last().crash();
    expect(workers.length).toBe(1);
    await expect(client.ask('memory', {})).resolves.toMatchObject({ ok: false, error: expect.stringContaining('restarting') });
    await vi.advanceTimersByTimeAsync(499);
    expect(workers.length).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(workers.length).toBe(2);
  });

  it('a worker that ran long before crashing starts the count afresh', async () => {
    const { workers, statuses, last } = setup({ maxRestarts: 1, backoffMs: 100, stableMs: 10_000 });
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(20_000);
      last().crash();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(workers.length).toBe(6);
    expect(statuses.some((s) => s.state === 'failed')).toBe(false);
  });

  it('terminate answers open questions and stops the worker', async () => {
    const { client, last } = setup();
    const pending = client.ask('filters', {});
    client.terminate();
    expect(last().terminated).toBe(true);
    await expect(pending).resolves.toMatchObject({ ok: false });
  });

  it('names its worker in the errors that settle questions (the inference worker has a client of its own)', async () => {
    const fakes = fakeWorkers();
    const client = new TrainingClient({ create: fakes.create, name: 'inference worker', onEvent: () => {}, onStatus: () => {} });
    const pending = client.ask('predict', { pixels: new Uint8Array(784) });
    fakes.last().crash();
    await expect(pending).resolves.toEqual({ ok: false, error: 'The inference worker stopped before answering (boom).' });
    await expect(client.ask('predict', { pixels: new Uint8Array(784) })).resolves.toMatchObject({ ok: false, error: expect.stringContaining('The inference worker is restarting') });
    client.terminate();
  });
});
