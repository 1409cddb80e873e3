// The client's routing with fake workers: guesses go to the inference worker once it is ready, everything else to the training worker.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TrainingClient } from './client';

/** Records what the page posts to it; `reply` plays a message from the worker. */
class FakeWorker {
  static all: FakeWorker[] = [];
  readonly posted: { message: unknown; transfer: Transferable[] }[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  constructor(
    readonly url: URL,
    readonly options: { name?: string },
  ) {
    FakeWorker.all.push(this);
  }
  postMessage(message: unknown, transfer: Transferable[] = []) {
    this.posted.push({ message, transfer });
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: unknown) {
    this.onmessage?.({ data: message } as MessageEvent);
  }
  types(): string[] {
    return this.posted.map((p) => (p.message as { type: string }).type);
  }
}

const named = (name: string) => FakeWorker.all.filter((w) => w.options.name === name);
const pixels = () => new Uint8Array(784);

beforeEach(() => {
  FakeWorker.all = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

describe('TrainingClient', () => {
  it('starts the inference worker with the first guess, connects it to the training worker, and asks it once it is ready', async () => {
    const client = new TrainingClient(() => undefined);
    const [training] = named('training');
    expect(named('inference')).toHaveLength(0); // nothing more loads until someone draws

    const first = client.ask({ type: 'predict', pixels: pixels() });
    const [inference] = named('inference');
    // The two workers share a channel: one port each.
    expect(inference!.types()).toEqual(['weightsPort']);
    expect(training!.types()).toEqual(['inferencePort', 'predict']);
    expect(inference!.posted[0]!.transfer).toHaveLength(1);
    // Not ready yet: the training worker answered this one.
    const id1 = (training!.posted[1]!.message as { requestId: number }).requestId;
    training!.reply({ type: 'predict', requestId: id1, answer: { ok: false, reason: 'from training' } });
    expect((await first).answer).toEqual({ ok: false, reason: 'from training' });

    inference!.reply({ type: 'ready', backend: 'wasm' });
    const second = client.ask({ type: 'predict', pixels: pixels() });
    expect(inference!.types()).toEqual(['weightsPort', 'predict']);
    const id2 = (inference!.posted[1]!.message as { requestId: number }).requestId;
    inference!.reply({ type: 'predict', requestId: id2, answer: { ok: false, reason: 'from inference' } });
    expect((await second).answer).toEqual({ ok: false, reason: 'from inference' });

    // Other questions stay with the training worker.
    void client.ask({ type: 'filters' });
    expect(training!.types().at(-1)).toBe('filters');
    client.terminate();
    expect(inference!.terminated && training!.terminated).toBe(true);
  });

  it('leaves guesses to the training worker when the inference worker fails, and reconnects a restarted training worker', () => {
    const crashes: string[] = [];
    const client = new TrainingClient((m) => crashes.push(m));
    void client.ask({ type: 'predict', pixels: pixels() });
    const [inference] = named('inference');
    inference!.reply({ type: 'ready', backend: 'wasm' });
    // The training worker crashes: its replacement gets a fresh port, the inference worker the other end.
    named('training')[0]!.onerror?.({ message: 'boom', preventDefault: () => undefined } as unknown as ErrorEvent);
    const restarted = named('training')[1]!;
    expect(crashes).toEqual(['boom']);
    expect(restarted.types()).toEqual(['inferencePort']);
    expect(inference!.types()).toEqual(['weightsPort', 'weightsPort']);

    inference!.reply({ type: 'failed', message: 'no backend could start' });
    expect(inference!.terminated).toBe(true);
    void client.ask({ type: 'predict', pixels: pixels() });
    expect(restarted.types()).toEqual(['inferencePort', 'predict']);
    expect(named('inference')).toHaveLength(1); // not started again
    client.terminate();
  });
});
