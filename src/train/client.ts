// Main-thread wrapper that owns a worker: commands, questions answered once, events, and a capped
// restart with back-off when the worker dies. One instance owns the training worker, a second the
// inference worker (same protocol, see protocol.ts). Imports no tfjs (only protocol types): the
// workers load it, so the page's first load stays small; tests run it against a fake Worker.

import type { Answer, Ask, Command, FromWorker, QuestionName, Reply, Result, ToWorker, WorkerEvent } from './protocol';

/** What the client needs of a Worker (a real one, or a fake in tests). */
export interface WorkerLike {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
  postMessage(message: ToWorker, transfer: Transferable[]): void;
  terminate(): void;
}

/** Where the worker stands: running, waiting to restart after a crash, or given up on. */
export type WorkerStatus =
  /** None started yet (before the page connects one; in unit tests of the store). */
  | { state: 'off' }
  /** `generation` counts the workers started: 1 for the first, more after restarts. */
  | { state: 'running'; generation: number }
  | { state: 'restarting'; reason: string; attempt: number; maxAttempts: number; delayMs: number }
  | { state: 'failed'; reason: string; attempts: number };

export interface ClientOptions {
  /** Starts a worker; the app's default is the training worker. */
  create?: () => WorkerLike;
  /** What the worker is called in the errors that settle its questions (default "training worker"). */
  name?: string;
  onEvent: (event: WorkerEvent) => void;
  onStatus: (status: WorkerStatus) => void;
  /** Crashes in a row restarted before giving up (default 3). */
  maxRestarts?: number;
  /** Wait before the first restart; each further one waits twice as long (default 500 ms). */
  backoffMs?: number;
  /** A worker that ran this long before crashing starts the count afresh (default 60 s). */
  stableMs?: number;
}

/** The app's training worker. The `new Worker(new URL(...))` form is what Vite bundles. */
export function spawnTrainingWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'training' }) as unknown as WorkerLike;
}

/** The inference worker, which answers the drawn digit's guess beside the training worker (train/infer). */
export function spawnInferenceWorker(): WorkerLike {
  return new Worker(new URL('./infer/worker.ts', import.meta.url), { type: 'module', name: 'inference' }) as unknown as WorkerLike;
}

type Pending = (result: Result<unknown>) => void;

export class TrainingClient {
  private worker: WorkerLike | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private generation = 0;
  /** Crashes since the last worker that ran long enough to count as healthy. */
  private crashes = 0;
  private startedAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private status: WorkerStatus = { state: 'off' };
  private readonly create: () => WorkerLike;
  private readonly maxRestarts: number;
  private readonly backoffMs: number;
  private readonly stableMs: number;
  private readonly name: string;

  constructor(private readonly options: ClientOptions) {
    this.create = options.create ?? spawnTrainingWorker;
    this.name = options.name ?? 'training worker';
    this.maxRestarts = options.maxRestarts ?? 3;
    this.backoffMs = options.backoffMs ?? 500;
    this.stableMs = options.stableMs ?? 60_000;
    this.spawn();
  }

  get current(): WorkerStatus {
    return this.status;
  }

  /** Send a one-way command; dropped (false) while there is no worker to take it. */
  command(command: Command, transfer: Transferable[] = []): boolean {
    if (!this.worker) return false;
    this.worker.postMessage(command, transfer);
    return true;
  }

  /**
   * Ask the worker a question. Always settles: with its answer, or with an error when the worker
   * cannot take it or dies before answering. `transfer`: buffers of `args` to move, not copy.
   */
  ask<N extends QuestionName>(name: N, args: Ask<N>, transfer: Transferable[] = []): Promise<Result<Reply<N>>> {
    if (!this.worker) return Promise.resolve({ ok: false, error: this.unavailable() });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as Pending);
      this.worker!.postMessage({ type: 'question', id, name, args } as ToWorker, transfer);
    });
  }

  /** After giving up: start a fresh worker now, with a fresh count (the learner asked to try again). */
  restart(): void {
    if (this.status.state !== 'failed') return;
    this.crashes = 0;
    this.spawn();
  }

  /** Stop for good (the page is done with it); open questions are answered with an error. */
  terminate(): void {
    this.stopWorker('the page closed it');
    this.status = { state: 'off' };
  }

  private unavailable(): string {
    const s = this.status;
    return s.state === 'failed'
      ? `The ${this.name} has stopped; restart it (see the notice) and ask again.`
      : `The ${this.name} is restarting; try again in a moment.`;
  }

  private spawn(): void {
    this.timer = null;
    const worker = this.create();
    worker.onmessage = (e) => this.receive(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.crashed(e.message || `the ${this.name} crashed`);
    };
    worker.onmessageerror = () => this.crashed(`a message from the ${this.name} could not be read`);
    this.worker = worker;
    this.startedAt = Date.now();
    this.generation += 1;
    this.setStatus({ state: 'running', generation: this.generation });
  }

  private receive(message: FromWorker): void {
    if (message.type === 'answer') {
      this.settle(message);
      return;
    }
    this.options.onEvent(message);
  }

  private settle(answer: Answer): void {
    const resolve = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    resolve?.(answer.result);
  }

  /** Drop the worker and answer every open question: it will never answer them itself. */
  private stopWorker(reason: string): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.worker?.terminate();
    this.worker = null;
    const error = `The ${this.name} stopped before answering (${reason}).`;
    const open = [...this.pending.values()];
    this.pending.clear();
    open.forEach((resolve) => resolve({ ok: false, error }));
  }

  private crashed(reason: string): void {
    if (!this.worker) return;
    // A crash after a long healthy run is a new problem, not one more of a series.
    if (Date.now() - this.startedAt >= this.stableMs) this.crashes = 0;
    this.crashes += 1;
    this.stopWorker(reason);
    if (this.crashes > this.maxRestarts) {
      this.setStatus({ state: 'failed', reason, attempts: this.crashes });
      return;
    }
    const delayMs = this.backoffMs * 2 ** (this.crashes - 1);
    this.setStatus({ state: 'restarting', reason, attempt: this.crashes, maxAttempts: this.maxRestarts, delayMs });
    this.timer = setTimeout(() => this.spawn(), delayMs);
  }

  private setStatus(status: WorkerStatus): void {
    this.status = status;
    this.options.onStatus(status);
  }
}
