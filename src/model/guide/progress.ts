// Progress through the guided lessons: the step reached and the steps done, per lesson, and its stored form.

import type { GuideLesson } from './types';

export interface LessonProgress {
  /** 0-based index of the step the learner is on. */
  step: number;
  /** Ids of the steps done: a task checked right, or a step to read that was passed. */
  done: string[];
}

export interface GuideProgress {
  lessons: Record<string, LessonProgress>;
  /** The lesson whose step card is showing, or null. */
  open: string | null;
}

export const PROGRESS_FORMAT = 'cnn-playground/guide-progress';

export const EMPTY_PROGRESS: GuideProgress = { lessons: {}, open: null };

const FRESH: LessonProgress = { step: 0, done: [] };

export function lessonProgress(p: GuideProgress, lessonId: string): LessonProgress {
  return p.lessons[lessonId] ?? FRESH;
}

function withLesson(p: GuideProgress, lessonId: string, lp: LessonProgress): GuideProgress {
  return { ...p, lessons: { ...p.lessons, [lessonId]: lp } };
}

export function openLesson(p: GuideProgress, lessonId: string): GuideProgress {
  return { ...p, open: lessonId };
}

export function closeLesson(p: GuideProgress): GuideProgress {
  return { ...p, open: null };
}

/** Is this step done? */
export function stepDone(p: GuideProgress, lesson: GuideLesson, index: number): boolean {
  const step = lesson.steps[index];
  return step !== undefined && lessonProgress(p, lesson.id).done.includes(step.id);
}

/** Mark the step with this id done (its check came out right). */
export function completeStep(p: GuideProgress, lesson: GuideLesson, stepId: string): GuideProgress {
  const lp = lessonProgress(p, lesson.id);
  if (lp.done.includes(stepId) || !lesson.steps.some((s) => s.id === stepId)) return p;
  return withLesson(p, lesson.id, { ...lp, done: [...lp.done, stepId] });
}

/** Next is open on a step to read, and on a step whose task is done. */
export function canAdvance(p: GuideProgress, lesson: GuideLesson): boolean {
  const lp = lessonProgress(p, lesson.id);
  const step = lesson.steps[lp.step];
  if (!step) return false;
  return !step.task || lp.done.includes(step.id);
}

/**
 * Move on from the current step: a step to read counts as done once passed. On the last step
 * the lesson stays there, done. No move when the task is not done yet.
 */
export function nextStep(p: GuideProgress, lesson: GuideLesson): GuideProgress {
  if (!canAdvance(p, lesson)) return p;
  const lp = lessonProgress(p, lesson.id);
  const step = lesson.steps[lp.step]!;
  const done = lp.done.includes(step.id) ? lp.done : [...lp.done, step.id];
  return withLesson(p, lesson.id, { step: Math.min(lp.step + 1, lesson.steps.length - 1), done });
}

/** Go back to an earlier step, or forward to one whose predecessors are all done. */
export function goToStep(p: GuideProgress, lesson: GuideLesson, index: number): GuideProgress {
  const lp = lessonProgress(p, lesson.id);
  if (!Number.isInteger(index) || index < 0 || index >= lesson.steps.length) return p;
  const reachable = lesson.steps.slice(0, index).every((s) => lp.done.includes(s.id));
  return reachable ? withLesson(p, lesson.id, { ...lp, step: index }) : p;
}

/** Forget this lesson's progress and start it again from its first step. */
export function restartLesson(p: GuideProgress, lessonId: string): GuideProgress {
  return withLesson(p, lessonId, FRESH);
}

/** Every step of the lesson is done. */
export function lessonDone(p: GuideProgress, lesson: GuideLesson): boolean {
  const lp = lessonProgress(p, lesson.id);
  return lesson.steps.every((s) => lp.done.includes(s.id));
}

/** The stored form: versioned, so a later version can tell it apart. */
export function serializeProgress(p: GuideProgress): string {
  return JSON.stringify({ format: PROGRESS_FORMAT, version: 1, lessons: p.lessons, open: p.open });
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Progress read back from storage, checked against the lessons this build has: unknown lessons
 * and step ids are dropped, the step index is clamped; anything unreadable is a fresh start.
 */
export function readProgress(text: string | null, lessons: readonly GuideLesson[]): GuideProgress {
  if (text === null || text.length > 100_000) return EMPTY_PROGRESS;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return EMPTY_PROGRESS;
  }
  if (!isObject(raw) || raw.format !== PROGRESS_FORMAT || raw.version !== 1 || !isObject(raw.lessons)) return EMPTY_PROGRESS;
  const out: Record<string, LessonProgress> = {};
  for (const lesson of lessons) {
    const lp = raw.lessons[lesson.id];
    if (!isObject(lp)) continue;
    const ids = new Set(lesson.steps.map((s) => s.id));
    const done = Array.isArray(lp.done) ? [...new Set(lp.done.filter((d): d is string => typeof d === 'string' && ids.has(d)))] : [];
    const step = typeof lp.step === 'number' && Number.isInteger(lp.step) ? Math.min(Math.max(lp.step, 0), lesson.steps.length - 1) : 0;
    out[lesson.id] = { step, done };
  }
  const open = typeof raw.open === 'string' && lessons.some((l) => l.id === raw.open) ? raw.open : null;
  return { lessons: out, open };
}
