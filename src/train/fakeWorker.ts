// Test helper: a stand-in for the training worker that records what it is sent and can answer,
// report events and crash. No tfjs: the client and the store are tested against it.

import type { WorkerLike } from './client';
import type { FromWorker, ToWorker } from './protocol';

export class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  sent: ToWorker[] = [];
  transfers: Transferable[][] = [];
  terminated = false;
  postMessage(message: ToWorker, transfer: Transferable[] = []) {
    this.sent.push(message);
    this.transfers.push(transfer);
  }
  terminate() {
    this.terminated = true;
  }
  emit(message: FromWorker) {
    this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }
  crash(message = 'boom') {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

/** A factory for the client's `create` option that keeps every worker it made. */
export function fakeWorkers(): { create: () => FakeWorker; all: FakeWorker[]; last: () => FakeWorker } {
  const all: FakeWorker[] = [];
  return {
    all,
    create: () => {
      const w = new FakeWorker();
      all.push(w);
      return w;
    },
    last: () => all.at(-1)!,
  };
}
