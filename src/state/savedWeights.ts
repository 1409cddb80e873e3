// Trained weights kept in IndexedDB, and handing saved weights to the worker so the network works at once.

import type { Architecture } from '../model/architecture';
import { parseArchitecture, serializeArchitecture } from '../model/parse';
import type { WeightsData } from '../train/protocol';
import { nonFiniteProblem } from '../model/finite';
import { dbPut, STORES } from './db';
import { keyOf } from './selectors';
import { useAppStore } from './store';
import { askWorker } from './worker';

/** Key of the autosaved weights in the weights store; named models use `model:<id>`. */
export const CURRENT_WEIGHTS = 'current';
export const modelWeightsKey = (id: string) => `model:${id}`;

export interface StoredWeights {
  architecture: Architecture;
  epochsDone: number;
  values: Float32Array[];
  shapes: number[][];
  savedAt: number;
}

/** The architecture in its one written form, to tell whether two describe the same network. */
export function canonical(arch: Architecture): string | null {
  const parsed = parseArchitecture(serializeArchitecture(arch));
  return parsed.ok ? serializeArchitecture(parsed.architecture) : null;
}

export function sameNetwork(a: Architecture, b: Architecture): boolean {
  const ca = canonical(a);
  return ca !== null && ca === canonical(b);
}

export function weightsBytes(w: Pick<StoredWeights, 'values'>): number {
  return w.values.reduce((n, v) => n + v.byteLength, 0);
}

/** A record read back from IndexedDB, checked: storage is input too (an older version, another tab). */
export function readStoredWeights(value: unknown): StoredWeights | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Partial<StoredWeights>;
  if (!Array.isArray(r.values) || !Array.isArray(r.shapes) || r.values.length !== r.shapes.length) return null;
  if (!r.values.every((v) => v instanceof Float32Array)) return null;
  const sized = r.shapes.every((s, i) => Array.isArray(s) && s.reduce((a: number, b: number) => a * b, 1) === r.values![i]!.length);
  const parsed = r.architecture ? parseArchitecture(JSON.stringify(r.architecture)) : null;
  if (!sized || !parsed?.ok || typeof r.epochsDone !== 'number') return null;
  return { architecture: parsed.architecture, epochsDone: r.epochsDone, values: r.values, shapes: r.shapes, savedAt: Number(r.savedAt) || 0 };
}

export function putWeights(key: string, w: StoredWeights): Promise<void> {
  return dbPut(STORES.weights, key, w);
}

/**
 * Give the worker `weights` for `architecture` (which must be the store's architecture object, so
 * the keys agree). On success the store says the worker holds trained weights for it, and the
 * figures of an earlier run, which belong to other weights, make way for a finished run of
 * `epochsDone` epochs, which Continue trains on from. Returns why not, or null.
 */
export async function adoptWeights(architecture: Architecture, weights: WeightsData, epochsDone: number): Promise<string | null> {
  // Storage and files are input: weights a diverged run could have left never reach the worker.
  const problem = nonFiniteProblem(weights.values);
  if (problem) return problem;
  // Copied, not transferred: the caller may still write these to IndexedDB.
  const answer = await askWorker('loadWeights', { architecture, weights, epochsDone });
  if (!answer.ok) return answer.error;
  // The learner may have opened another network while the weights were on their way.
  if (!sameNetwork(useAppStore.getState().architecture, architecture)) return 'the network was changed while its weights were loading.';
  useAppStore.setState((s) => ({
    trainedKey: keyOf(architecture),
    weightsVersion: s.weightsVersion + 1,
    run: {
      id: s.run?.id ?? 0,
      status: 'done',
      stopped: epochsDone < s.settings.epochs,
      epoch: epochsDone,
      message: null,
      architectureKey: keyOf(architecture),
      settings: s.settings,
      backend: null,
      startedAt: Date.now(),
    },
    epochs: [],
    batchPoints: [],
    latestBatch: null,
    evaluation: null,
  }));
  return null;
}
