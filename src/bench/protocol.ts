// Messages between the benchmark page and its stock-tfjs worker (the app's own worker is measured through the app).

import type { BackendName } from '../train/protocol';

export interface StockRequest {
  backend: BackendName;
  /** A preset id from src/model/presets.ts. */
  presetId: string;
  batchSize: number;
  /** Batches run first and not timed: kernel set-up, shader compilation, JIT. */
  warmupBatches: number;
  /** Training examples in the timed part. */
  examples: number;
  /** Register our wasm kernels too (a diagnostic: model.fit on them); default false, tfjs as shipped. */
  kernels?: boolean;
  /** At most this many wasm threads (default: one per logical core, as the app uses). */
  threads?: number;
}

export type StockResult =
  | { ok: true; examplesPerSecond: number; examples: number; seconds: number; threads: number }
  | { ok: false; error: string };

export interface ProbeResult {
  name: BackendName;
  available: boolean;
  software: boolean;
  detail: string;
}

export type ToStockWorker = { type: 'probe' } | { type: 'train'; request: StockRequest };

export type FromStockWorker = { type: 'probe'; backends: ProbeResult[] } | { type: 'train'; result: StockResult };
