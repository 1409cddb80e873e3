// The benchmark page (bench.html): runs stock tfjs in a fresh worker per request, for scripts/bench.ts to call.

import type { EvaluateRequest, EvaluateResult, FromStockWorker, ProbeResult, ProfileRequest, ProfileResult, StockRequest, StockResult, ToStockWorker } from './protocol';

function ask<T extends FromStockWorker['type']>(message: ToStockWorker, type: T): Promise<Extract<FromStockWorker, { type: T }>> {
  // A fresh worker per request: a backend's state never carries over into the next measurement.
  const worker = new Worker(new URL('./stockWorker.ts', import.meta.url), { type: 'module', name: 'stock-tfjs' });
  return new Promise<Extract<FromStockWorker, { type: T }>>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<FromStockWorker>) => {
      if (e.data.type === type) resolve(e.data as Extract<FromStockWorker, { type: T }>);
    };
    worker.onerror = (e) => reject(new Error(e.message || 'the stock worker crashed'));
    worker.postMessage(message);
  }).finally(() => worker.terminate());
}

const api = {
  probe: async (): Promise<ProbeResult[]> => (await ask({ type: 'probe' }, 'probe')).backends,
  stock: async (request: StockRequest): Promise<StockResult> => (await ask({ type: 'train', request }, 'train')).result,
  profile: async (request: ProfileRequest): Promise<ProfileResult> => (await ask({ type: 'profile', request }, 'profile')).result,
  evaluate: async (request: EvaluateRequest): Promise<EvaluateResult> => (await ask({ type: 'evaluate', request }, 'evaluate')).result,
  crossOriginIsolated: () => self.crossOriginIsolated,
};

export type BenchApi = typeof api;
(window as unknown as { cnnBench: BenchApi }).cnnBench = api;
document.body.dataset.ready = 'true';
