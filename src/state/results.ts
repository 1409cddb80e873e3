// Which finished runs the results panel shows: for now the current run, once it has been scored.

import type { RunRecord } from '../model/results';
import type { AppState } from './store';

export type RunResultsSource = Pick<AppState, 'run' | 'evaluation' | 'epochs' | 'earlyStop'>;

/**
 * The runs to lay beside the seed's table. Reads only the current run today; a stored run history
 * can take its place without the panel changing.
 */
export function selectRunRecords(s: RunResultsSource): RunRecord[] {
  const { run, evaluation, epochs } = s;
  if (!run || !evaluation || epochs.length === 0) return [];
  const early = s.earlyStop?.runId === run.id ? s.earlyStop : null;
  return [
    {
      id: String(run.id),
      architecture: JSON.parse(run.architectureKey),
      settings: run.settings,
      epochs: epochs.at(-1)!.epoch,
      testError: evaluation.testError,
      seconds: epochs.reduce((sum, e) => sum + e.seconds, 0),
      backend: run.backend,
      ...(early ? { bestEpoch: early.bestEpoch } : {}),
    },
  ];
}
