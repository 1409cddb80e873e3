// What the lesson checks and the challenge see of the live app: one plain snapshot built from the store.

import type { Analysis } from '../../model/analyze';
import { analyze } from '../../model/analyze';
import type { Architecture } from '../../model/architecture';
import { datasetOf } from '../../model/architecture';
import type { GuideSnapshot, RunFigures } from '../../model/guide/types';
import type { RunRecord } from '../history/record';
import type { AppState } from '../store';
import { isRunning, weightsFit } from '../selectors';

/** Analyses by architecture object: the builder's is replaced on every edit, so this never goes stale. */
const analyses = new WeakMap<Architecture, Analysis>();

function analysisOf(a: Architecture): Analysis {
  let found = analyses.get(a);
  if (!found) {
    found = analyze(a);
    analyses.set(a, found);
  }
  return found;
}

/** A history record's figures, when it was scored on the test set. */
export function runFigures(r: RunRecord): RunFigures | null {
  const last = r.epochs.at(-1);
  if (r.testError === null || !last) return null;
  return { architecture: r.architecture, settings: r.settings, epochs: last.epoch, testError: r.testError, seconds: r.epochs.reduce((sum, e) => sum + e.seconds, 0) };
}

/** The latest run scored on the test set (it survives a reload: the history keeps it). */
export function latestScoredRun(runs: readonly RunRecord[]): RunFigures | null {
  let best: RunRecord | null = null;
  for (const r of runs) if (r.testError !== null && r.epochs.length > 0 && (!best || r.number > best.number)) best = r;
  return best ? runFigures(best) : null;
}

export function guideSnapshot(s: AppState): GuideSnapshot {
  return {
    architecture: s.architecture,
    analysis: analysisOf(s.architecture),
    settings: s.settings,
    lastRun: latestScoredRun(s.history.runs),
    running: isRunning(s),
    weightsFit: weightsFit(s),
    selectedUnit: s.selectedUnit,
    inspected: s.inspectSource.kind === 'test' && s.guide.inspected?.index === s.inspectSource.index ? s.guide.inspected : null,
    answer: s.guide.answer,
    dataset: datasetOf(s.architecture),
  };
}
