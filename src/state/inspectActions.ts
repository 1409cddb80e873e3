// Drawing and inspection actions: keep the drawn digit, and ask the worker about the trained network.

import type { Ask, DigitSource, FeatureMaps, Filters, Prediction, QuestionName, Reply, Result, TestDigitQuery, TestDigits, WeightsRef } from '../train/protocol';
import type { InspectSource } from './drawSlice';
import type { AppState } from './store';
import { useAppStore } from './store';
import { askWorker } from './worker';

/**
 * How long to wait for the worker before giving up on an answer. A worker that dies answers at
 * once (with an error); training on a slow backend can delay an answer by a batch or so.
 */
const ANSWER_TIMEOUT_MS = 60_000;

export function setDrawnDigit(pixels: Uint8Array | null): void {
  const version = (useAppStore.getState().drawn?.version ?? 0) + 1;
  useAppStore.setState({ drawn: pixels ? { pixels, version } : null });
}

export function setInspectSource(source: InspectSource): void {
  useAppStore.setState({ inspectSource: source });
}

/** Input side (28 or 32) of the network the worker holds weights for; null when there is none. */
export function trainedSide(s: AppState = useAppStore.getState()): number | null {
  if (!s.trainedKey) return null;
  try {
    const side = (JSON.parse(s.trainedKey) as { input?: { height?: unknown } }).input?.height;
    return typeof side === 'number' ? side : null;
  } catch {
    return null;
  }
}

/** Ask, giving up after ANSWER_TIMEOUT_MS: a read on a GPU that was lost can wait for ever. */
export function ask<N extends QuestionName>(name: N, args: Ask<N>): Promise<Result<Reply<N>>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, error: 'The training worker did not answer.' }), ANSWER_TIMEOUT_MS);
    void askWorker(name, args).then((answer) => {
      clearTimeout(timer);
      resolve(answer);
    });
  });
}

/** `weights`, here and below: the live weights unless the replay shows a checkpoint. */
export function askPrediction(pixels: Uint8Array, weights?: WeightsRef): Promise<Result<Prediction>> {
  return ask('predict', { pixels, weights });
}

export function askFeatureMaps(source: DigitSource, weights?: WeightsRef): Promise<Result<FeatureMaps>> {
  return ask('featureMaps', { source, weights });
}

export function askFilters(weights?: WeightsRef): Promise<Result<Filters>> {
  return ask('filters', { weights });
}

export function askTestDigits(query: TestDigitQuery, offset: number, limit: number, weights?: WeightsRef): Promise<Result<TestDigits>> {
  return ask('testDigits', { query, offset, limit, weights });
}
