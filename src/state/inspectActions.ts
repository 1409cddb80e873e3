// Drawing and inspection actions: keep the drawn digit, and ask the worker about the trained network.

import type { DigitSource, FeatureMaps, Filters, Maybe, Prediction, TestDigitQuery, TestDigits } from '../train/protocol';
import type { InspectSource } from './drawSlice';
import type { AppState } from './store';
import { useAppStore } from './store';

/**
 * How long to wait for the worker before giving up on an answer. A worker that crashes and is
 * replaced never answers; training on a slow backend can delay an answer by a batch or so.
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

/** Ask the worker client a question, giving up after ANSWER_TIMEOUT_MS with a reason. */
export function ask<T>(send: (client: NonNullable<AppState['client']>) => Promise<{ answer: Maybe<T> }>): Promise<Maybe<T>> {
  const client = useAppStore.getState().client;
  if (!client) return Promise.resolve({ ok: false, reason: 'The training worker is not running.' });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, reason: 'The training worker did not answer.' }), ANSWER_TIMEOUT_MS);
    void send(client).then(({ answer }) => {
      clearTimeout(timer);
      resolve(answer);
    });
  });
}

export function askPrediction(pixels: Uint8Array): Promise<Maybe<Prediction>> {
  return ask((c) => c.ask({ type: 'predict', pixels }));
}

export function askFeatureMaps(source: DigitSource): Promise<Maybe<FeatureMaps>> {
  return ask((c) => c.ask({ type: 'featureMaps', source }));
}

export function askFilters(): Promise<Maybe<Filters>> {
  return ask((c) => c.ask({ type: 'filters' }));
}

export function askTestDigits(query: TestDigitQuery, offset: number, limit: number): Promise<Maybe<TestDigits>> {
  return ask((c) => c.ask({ type: 'testDigits', query, offset, limit }));
}
