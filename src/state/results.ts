// Which runs the results panel lists: every run in the history that was scored on the test set.

import type { FinishedRun } from '../model/results';
import type { RunRecord } from './history/record';

/** How many runs the panel lays beside the seed's three; the history keeps the rest. */
export const RESULT_RUNS = 8;

/** The latest scored runs, oldest first, with the figures the results table needs. */
export function selectRunRecords(runs: readonly RunRecord[]): FinishedRun[] {
  return runs
    .filter((r) => r.testError !== null && r.epochs.length > 0)
    .sort((a, b) => a.number - b.number)
    .slice(-RESULT_RUNS)
    .map((r) => ({
      id: r.id,
      architecture: r.architecture,
      settings: r.settings,
      epochs: r.epochs.at(-1)!.epoch,
      testError: r.testError!,
      seconds: r.epochs.reduce((sum, e) => sum + e.seconds, 0),
      backend: r.backend || null,
      ...(r.bestEpoch !== null ? { bestEpoch: r.bestEpoch } : {}),
    }));
}
