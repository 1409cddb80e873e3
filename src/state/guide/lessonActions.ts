// Lesson actions: open a lesson, check a step against the live app, move on, restart, and do "show me".

import type { Architecture } from '../../model/architecture';
import { findLesson } from '../../model/guide/lessons';
import { canAdvance, closeLesson, completeStep, goToStep, lessonProgress, nextStep, openLesson, restartLesson } from '../../model/guide/progress';
import { checkStep, needsSetup, replacesNetwork, showMeActions } from '../../model/guide/steps';
import type { GuideAction, GuideLesson, Step } from '../../model/guide/types';
import { findPresetId } from '../../model/presets';
import { commitArchitecture, discardWeightsAndApply, setInputSize } from '../builderActions';
import { selectUnit } from '../explainActions';
import { askFeatureMaps, askTestDigits, setInspectSource } from '../inspectActions';
import { saveCurrentAs } from '../models';
import { useAppStore } from '../store';
import { holdsWeights, isRunning, keyOf, weightsFit } from '../selectors';
import { startTraining, updateSettings } from '../trainingActions';
import type { GuideState } from './guideSlice';
import { guideSnapshot } from './snapshot';

export function patchGuide(p: Partial<GuideState> | ((g: GuideState) => Partial<GuideState>)): void {
  useAppStore.setState((s) => ({ guide: { ...s.guide, ...(typeof p === 'function' ? p(s.guide) : p) } }));
}

const guide = () => useAppStore.getState().guide;

/** The open lesson and its current step, when a step card is showing or minimised. */
export function openStep(g: GuideState = guide()): { lesson: GuideLesson; index: number; step: Step } | null {
  const lesson = g.progress.open ? findLesson(g.progress.open) : undefined;
  if (!lesson) return null;
  const index = lessonProgress(g.progress, lesson.id).step;
  const step = lesson.steps[index];
  return step ? { lesson, index, step } : null;
}

export function showLessonList(): void {
  patchGuide({ panel: 'list' });
}

export function closeGuide(): void {
  patchGuide((g) => ({ panel: 'closed', progress: closeLesson(g.progress) }));
}

export function minimizeGuide(minimized: boolean): void {
  patchGuide({ panel: minimized ? 'minimized' : 'step' });
}

/**
 * A network worth keeping before a lesson replaces it: trained, or the learner's own (not a
 * preset, not empty, not one the guide put there itself).
 */
function worthKeeping(): boolean {
  const s = useAppStore.getState();
  return weightsFit(s) || (s.architecture.layers.length > 0 && findPresetId(s.architecture) === undefined && !s.guide.placed.includes(keyOf(s.architecture)));
}

/** How many networks placed by the guide are remembered. */
const PLACED = 20;

/**
 * Put `architecture` in the builder for a lesson, keeping the learner's network in Models first
 * when it is worth keeping. Resolves with the sentence that says what happened.
 */
export async function replaceForLesson(architecture: Architecture, label: string): Promise<string> {
  const s = useAppStore.getState();
  if (keyOf(s.architecture) === keyOf(architecture)) return '';
  if (isRunning(s)) return 'A run is going: stop it first, then this step can put its own network in the builder.';
  if (s.locked) return 'The builder is locked by a lesson link: unlock it (the banner above the builder) to follow this step.';
  let kept = '';
  if (worthKeeping()) {
    const name = `Before ${label}, ${new Date().toLocaleTimeString('en-GB')}`;
    if (!(await saveCurrentAs(name))) return 'Your network could not be saved in Models, so the lesson left it in the builder. See the Models dialog for why.';
    kept = ` Your network was saved in Models as “${name}”.`;
  }
  // It is saved with its weights, so the learner need not be asked about discarding them.
  commitArchitecture(architecture);
  if (useAppStore.getState().pendingEdit) discardWeightsAndApply();
  patchGuide((g) => ({ placed: [...g.placed, keyOf(useAppStore.getState().architecture)].slice(-PLACED) }));
  return `${kept ? 'The lesson put its own network in the builder.' : 'The lesson put its own network in the builder (Undo brings yours back).'}${kept}`;
}

/** Entering a step: a fresh answer, and the step's own network when it needs one. */
async function enterStep(): Promise<void> {
  patchGuide({ answer: '', feedback: null, tries: 0, note: null });
  const open = openStep();
  if (!open || !needsSetup(open.step, guideSnapshot(useAppStore.getState()))) return liveCheck();
  const { setup } = open.step;
  const note = await replaceForLesson(setup!.architecture, `lesson ${open.lesson.number}`);
  if (setup!.settings) updateSettings(setup!.settings);
  patchGuide({ note: note ? `${setup!.why} ${note}` : null });
  liveCheck();
}

export function openGuideLesson(lessonId: string): Promise<void> {
  if (!findLesson(lessonId)) return Promise.resolve();
  patchGuide((g) => ({ panel: 'step', progress: openLesson(g.progress, lessonId) }));
  return enterStep();
}

export function setGuideAnswer(text: string): void {
  patchGuide({ answer: text.slice(0, 200) });
}

/** Check the open step against the app as it is now; a wrong try opens the hint. */
export function checkGuideStep(): void {
  const open = openStep();
  if (!open) return;
  const result = checkStep(open.step, guideSnapshot(useAppStore.getState()));
  patchGuide((g) => ({
    feedback: result,
    tries: result.ok ? g.tries : g.tries + 1,
    progress: result.ok ? completeStep(g.progress, open.lesson, open.step.id) : g.progress,
  }));
}

/**
 * Tasks done in the app (build, train, explore) are checked as the app changes, so the step
 * turns right the moment it is; only a press of Check shows what is still off.
 */
export function liveCheck(): void {
  const g = guide();
  const open = openStep(g);
  if (!open || !open.step.task || open.step.task.kind === 'answer' || g.progress.lessons[open.lesson.id]?.done.includes(open.step.id)) return;
  const result = checkStep(open.step, guideSnapshot(useAppStore.getState()));
  if (result.ok) patchGuide((st) => ({ feedback: result, progress: completeStep(st.progress, open.lesson, open.step.id) }));
  else if (g.feedback && !g.feedback.ok && g.feedback.message !== result.message) patchGuide({ feedback: result });
}

export function nextGuideStep(): Promise<void> {
  const open = openStep();
  if (!open || !canAdvance(guide().progress, open.lesson)) return Promise.resolve();
  const last = open.index === open.lesson.steps.length - 1;
  patchGuide((g) => {
    const progress = nextStep(g.progress, open.lesson);
    return last ? { panel: 'list', progress: closeLesson(progress) } : { progress };
  });
  return last ? Promise.resolve() : enterStep();
}

export function goToGuideStep(index: number): Promise<void> {
  const open = openStep();
  if (!open || index === open.index) return Promise.resolve();
  const before = guide().progress;
  patchGuide((g) => ({ progress: goToStep(g.progress, open.lesson, index) }));
  return guide().progress === before ? Promise.resolve() : enterStep();
}

export function restartGuideLesson(): Promise<void> {
  const open = openStep();
  if (!open) return Promise.resolve();
  patchGuide((g) => ({ progress: restartLesson(g.progress, open.lesson.id) }));
  return enterStep();
}

/** Show the first test digit the network gets wrong, most confident first. */
async function inspectFirstMistake(): Promise<void> {
  const answer = await askTestDigits({ kind: 'mistakes' }, 0, 1);
  const index = answer.ok ? answer.value.indices[0] : undefined;
  if (index === undefined) {
    patchGuide({ note: answer.ok ? 'The network gets every test digit right: nothing to show.' : `No mistakes to show yet: ${answer.error}` });
    return;
  }
  setInspectSource({ kind: 'test', index });
}

async function perform(action: GuideAction, label: string): Promise<void> {
  switch (action.type) {
    case 'setArchitecture': {
      const note = await replaceForLesson(action.architecture, label);
      if (note) patchGuide({ note });
      return;
    }
    case 'setInput':
      setInputSize(action.size);
      return;
    case 'setSettings':
      updateSettings(action.settings);
      return;
    case 'train':
      startTraining();
      return;
    case 'fillAnswer':
      setGuideAnswer(action.text);
      return;
    case 'selectUnit':
      selectUnit(action.unit);
      return;
    case 'inspectMistake':
      return inspectFirstMistake();
  }
}

/** "Show me": do the step for the learner, one action after another, then look again. */
export async function showMeGuideStep(): Promise<void> {
  const open = openStep();
  if (!open?.step.task) return;
  const actions = showMeActions(open.step.task, guideSnapshot(useAppStore.getState()));
  const label = `lesson ${open.lesson.number}`;
  if (replacesNetwork(actions)) patchGuide({ note: null });
  for (const a of actions) await perform(a, label);
  liveCheck();
}

/** Keep the label and guess of the test digit shown in "Look inside", for checks that need them. */
export async function refreshInspected(): Promise<void> {
  const s = useAppStore.getState();
  const source = s.inspectSource;
  if (source.kind !== 'test' || !holdsWeights(s)) {
    if (s.guide.inspected) patchGuide({ inspected: null });
    return;
  }
  const answer = await askFeatureMaps(source);
  if (!answer.ok || answer.value.label === null) return;
  const probabilities = answer.value.layers.at(-1)?.values;
  if (!probabilities) return;
  let guess = 0;
  for (let d = 1; d < probabilities.length; d++) if (probabilities[d]! > probabilities[guess]!) guess = d;
  const now = useAppStore.getState().inspectSource;
  if (now.kind === 'test' && now.index === source.index) patchGuide({ inspected: { index: source.index, label: answer.value.label, guess } });
}
