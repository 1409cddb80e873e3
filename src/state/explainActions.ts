// Looking inside one input: pick a unit or a class to explain, ask the worker, and the selectors the views share.

import type { Explanation } from '../model/explanation';
import type { ReceptiveField } from '../model/receptiveField';
import { receptiveField } from '../model/receptiveField';
import type { UnitRef } from '../model/units';
import { sameUnit } from '../model/units';
import type { DigitSource, ExplainQuestion, Result } from '../train/protocol';
import { ask } from './inspectActions';
import { shownCheckpoint, weightsRef } from './replayActions';
import type { AppState } from './store';
import { className } from './datasetSelectors';
import { useAppStore } from './store';

/** Open the detail of `unit` (or close it); lessons and views read it from the store. */
export function selectUnit(unit: UnitRef | null): void {
  if (!sameUnit(unit, useAppStore.getState().selectedUnit)) useAppStore.setState({ selectedUnit: unit });
}

/** Explain class `target` ("why not 1?"), or null for the network's own guess. */
export function setExplainTarget(target: number | null): void {
  useAppStore.setState({ explainTarget: target });
}

/** The views got a newer explanation of the input shown. */
export function showExplanation(entry: { key: string; value: Explanation } | null): void {
  useAppStore.setState({ explanation: entry });
}

export function askExplanation(question: ExplainQuestion): Promise<Result<Explanation>> {
  return ask('explain', question);
}

/**
 * The input the explanation views show and a name for it: the drawn digit, a test digit picked in
 * the view, or, while nothing is drawn, the first test digit (so a run has something to show).
 */
export function shownInput(s: AppState): { source: DigitSource; key: string; fallback: boolean } {
  if (s.inspectSource.kind === 'test') return { source: s.inspectSource, key: `test ${s.inspectSource.index}`, fallback: false };
  if (s.drawn) return { source: { kind: 'drawn', pixels: s.drawn.pixels }, key: `drawn ${s.drawn.version}`, fallback: false };
  return { source: { kind: 'test', index: 0 }, key: 'test 0', fallback: true };
}

/** The question the views ask now, and a key that changes whenever its answer could. */
export function explainQuestion(s: AppState): { question: ExplainQuestion; key: string } {
  const { source, key } = shownInput(s);
  const unit = s.selectedUnit;
  // The replay's scrubber picks the weights: a checkpoint's while it shows one, else the live ones.
  const weights = weightsRef(shownCheckpoint(s));
  return { question: { source, unit, target: s.explainTarget, weights }, key: `${key}|${JSON.stringify(unit)}|${s.explainTarget}|${JSON.stringify(weights)}` };
}

/** The receptive field of the selected unit in the network the explanation shows; null when there is none. */
export function selectedField(s: AppState): ReceptiveField | null {
  const shown = s.explanation?.value;
  return shown && s.selectedUnit ? receptiveField(shown.architecture, s.selectedUnit) : null;
}

/** One name per class of the network's output: the dataset's names (`known`), "class n" past them. */
export function classNames(count: number, known: readonly string[]): string[] {
  return Array.from({ length: count }, (_, i) => className(known, i));
}
