// Main-thread wrapper that owns the training worker (and the inference worker beside it): typed messages, and a restart if it crashes.
// Imports no tfjs: the workers load it, so the page's first load stays small.

import type { FromInferenceWorker, ToInferenceWorker } from './infer/protocol';
import type { FromWorker, ToWorker } from './protocol';

export type Listener = (message: FromWorker) => void;

type Answer = Extract<FromWorker, { requestId: number }>;
type Question = Extract<ToWorker, { requestId: number }>;
/** A question without its id; the client numbers it. */
type Ask = Question extends infer Q ? (Q extends Question ? Omit<Q, 'requestId'> : never) : never;

export class TrainingClient {
  private worker: Worker | null = null;
  /**
   * Answers the drawn digit's guess from weights the training worker shares with it, so a guess
   * never waits for a training step. Started with the first guess asked (a page nobody draws on
   * loads nothing more); until it is ready, or if it fails, the training worker answers.
   */
  private inference: { worker: Worker; ready: boolean } | 'failed' | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly pending = new Map<number, (answer: Answer) => void>();
  private nextRequestId = 1;

  /** `onCrash` hears about a worker that died; a fresh one is already running by then. */
  constructor(private readonly onCrash: (message: string) => void) {
    this.spawn();
  }

  private spawnInference(): void {
    const worker = new Worker(new URL('./infer/worker.ts', import.meta.url), { type: 'module', name: 'inference' });
    const inference = { worker, ready: false };
    worker.onmessage = (e: MessageEvent<FromInferenceWorker>) => {
      const message = e.data;
      if (message.type === 'ready') inference.ready = true;
      else if (message.type === 'failed') this.dropInference();
      else this.answer(message);
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.dropInference();
    };
    this.inference = inference;
    if (this.worker) this.connect(this.worker);
  }

  /** The inference worker failed: the training worker answers guesses, as before it existed. */
  private dropInference(): void {
    if (this.inference && this.inference !== 'failed') this.inference.worker.terminate();
    this.inference = 'failed';
  }

  /** Connect the two workers: the training worker shares its weights on one end of a fresh channel. */
  private connect(worker: Worker): void {
    if (!this.inference || this.inference === 'failed') return;
    const channel = new MessageChannel();
    const toInference: ToInferenceWorker = { type: 'weightsPort', port: channel.port1 };
    this.inference.worker.postMessage(toInference, [channel.port1]);
    worker.postMessage({ type: 'inferencePort', port: channel.port2 } satisfies ToWorker, [channel.port2]);
  }

  private answer(message: Answer): void {
    this.pending.get(message.requestId)?.(message);
    this.pending.delete(message.requestId);
  }

  private spawn(): void {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'training' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const message = e.data;
      if ('requestId' in message) {
        this.answer(message);
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
    this.connect(worker);
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

  /** Send a question and wait for the worker's answer to it (the drawn digit's guess: the inference worker's, once it is ready). */
  ask<T extends Answer['type']>(question: Ask & { type: T }, transfer: Transferable[] = []): Promise<Extract<Answer, { type: T }>> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, (answer) => resolve(answer as Extract<Answer, { type: T }>));
      const message = { ...question, requestId } as ToWorker;
      if (message.type === 'predict' && this.inference === null && typeof Worker !== 'undefined') this.spawnInference();
      const inference = this.inference !== 'failed' && this.inference?.ready ? this.inference.worker : null;
      if (message.type === 'predict' && inference) inference.postMessage(message satisfies ToInferenceWorker, transfer);
      else this.send(message, transfer);
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    if (this.inference && this.inference !== 'failed') this.inference.worker.terminate();
    this.inference = null;
    this.listeners.clear();
  }
}
