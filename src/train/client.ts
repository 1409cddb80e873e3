// Main-thread wrapper that owns the training worker: typed messages, and a restart if it crashes.
// Imports no tfjs: the worker loads it, so the page's first load stays small.

import type { FromWorker, ToWorker } from './protocol';

export type Listener = (message: FromWorker) => void;

type Answer = Extract<FromWorker, { requestId: number }>;
type Question = Extract<ToWorker, { requestId: number }>;
/** A question without its id; the client numbers it. */
type Ask = Question extends infer Q ? (Q extends Question ? Omit<Q, 'requestId'> : never) : never;

export class TrainingClient {
  private worker: Worker | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly pending = new Map<number, (answer: Answer) => void>();
  private nextRequestId = 1;

  /** `onCrash` hears about a worker that died; a fresh one is already running by then. */
  constructor(private readonly onCrash: (message: string) => void) {
    this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'training' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const message = e.data;
      if ('requestId' in message) {
        this.pending.get(message.requestId)?.(message);
        this.pending.delete(message.requestId);
        return;
      }
      this.listeners.forEach((l) => l(message));
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.restart(e.message || 'the training worker crashed');
    };
    worker.onmessageerror = () => this.restart('a message from the training worker could not be read');
    this.worker = worker;
  }

  private restart(reason: string): void {
    this.worker?.terminate();
    this.pending.clear();
    this.spawn();
    this.onCrash(reason);
  }

  /** `transfer`: buffers to move rather than copy (the sender must not use them afterwards). */
  send(message: ToWorker, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }

  /** Send a question and wait for the worker's answer to it. */
  ask<T extends Answer['type']>(question: Ask & { type: T }, transfer: Transferable[] = []): Promise<Extract<Answer, { type: T }>> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, (answer) => resolve(answer as Extract<Answer, { type: T }>));
      this.send({ ...question, requestId } as ToWorker, transfer);
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.listeners.clear();
  }
}
