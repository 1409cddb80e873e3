// What the step card asks of a step: whether it needs its network set up, what "show me" does, its check.

import { analyze } from '../analyze';
import type { Architecture } from '../architecture';
import { DEFAULT_SETTINGS } from '../training';
import type { CheckResult, GuideAction, GuideSnapshot, Step, Task } from './types';

/** The step needs its own network put in the builder (the learner's is saved first). */
export function needsSetup(step: Step, s: GuideSnapshot): boolean {
  return step.setup !== undefined && !(step.setup.keep?.(s) ?? false);
}

export function showMeActions(task: Task, s: GuideSnapshot): GuideAction[] {
  return typeof task.showMe === 'function' ? task.showMe(s) : task.showMe;
}

/** Actions that would replace the learner's network: the UI keeps the current one in Models first. */
export function replacesNetwork(actions: readonly GuideAction[]): boolean {
  return actions.some((a) => a.type === 'setArchitecture');
}

/** The check of a step's task; a step to read is always done. */
export function checkStep(step: Step, s: GuideSnapshot): CheckResult {
  return step.task ? step.task.check(s) : { ok: true, message: '' };
}

/** A snapshot of a network with nothing else going on: what the checks see of a fresh page. */
export function snapshotOf(architecture: Architecture, extra: Partial<Omit<GuideSnapshot, 'architecture' | 'analysis'>> = {}): GuideSnapshot {
  return {
    architecture,
    analysis: analyze(architecture),
    settings: DEFAULT_SETTINGS,
    lastRun: null,
    running: false,
    weightsFit: false,
    selectedUnit: null,
    inspected: null,
    answer: '',
    dataset: 'mnist',
    ...extra,
  };
}
