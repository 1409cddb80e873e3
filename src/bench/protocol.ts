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

/** A diagnostic: how long the app's scoring (scoreSplit) takes over the test digits, on a fresh model. */
export interface EvaluateRequest {
  presetId: string;
  /** Test digits to score (the app scores all 10,000 after a run). */
  count: number;
  /** Timed repetitions after one untimed. */
  repeats: number;
  threads?: number;
}

export type EvaluateResult = { ok: true; seconds: number[]; threads: number } | { ok: false; error: string };

export type ToStockWorker =
  | { type: 'probe' }
  | { type: 'train'; request: StockRequest }
  | { type: 'profile'; request: ProfileRequest }
  | { type: 'evaluate'; request: EvaluateRequest };

export type FromStockWorker =
  | { type: 'probe'; backends: ProbeResult[] }
  | { type: 'train'; result: StockResult }
  | { type: 'profile'; result: ProfileResult }
  | { type: 'evaluate'; result: EvaluateResult };

/** A diagnostic: time training steps of one network in the browser, kernel by kernel (scripts/profile-browser.ts). */
export interface ProfileRequest {
  /** A preset id, or an architecture as JSON. */
  presetId?: string;
  architectureJson?: string;
  batchSize: number;
  /** Timed steps after 3 untimed ones. */
  steps: number;
  /** At most this many wasm threads (past tfjs's cap of half the cores). */
  threads?: number;
  /** 'plain': the single-threaded SIMD build even where threads could run. */
  build?: 'threaded' | 'plain';
  /** Which per-batch compute path the trainer would take. */
  path?: 'layers' | 'fused';
}

export interface KernelTime {
  name: string;
  ms: number;
  count: number;
}

export type ProfileResult =
  | { ok: true; stepMs: number[]; kernels: KernelTime[]; threads: number; build: string; path: string }
  | { ok: false; error: string };
