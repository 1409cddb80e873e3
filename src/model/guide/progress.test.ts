import { describe, expect, it } from 'vitest';
import { LESSONS, findLesson } from './lessons';
import {
  EMPTY_PROGRESS,
  canAdvance,
  closeLesson,
  completeStep,
  goToStep,
  lessonDone,
  lessonProgress,
  nextStep,
  openLesson,
  readProgress,
  restartLesson,
  serializeProgress,
  stepDone,
} from './progress';
import type { GuideLesson } from './types';

const conv = findLesson('conv')!;
/** Do every step of a lesson, as a learner who gets each right. */
const finish = (lesson: GuideLesson) => {
  let p = openLesson(EMPTY_PROGRESS, lesson.id);
  for (const step of lesson.steps) p = nextStep(completeStep(p, lesson, step.id), lesson);
  return p;
};

describe('lesson progress', () => {
  it('holds the learner at a step until its task is done', () => {
    let p = openLesson(EMPTY_PROGRESS, 'conv');
    expect(p.open).toBe('conv');
    expect(canAdvance(p, conv)).toBe(false);
    expect(nextStep(p, conv)).toBe(p);
    p = completeStep(p, conv, 'add-conv');
    expect(stepDone(p, conv, 0)).toBe(true);
    expect(canAdvance(p, conv)).toBe(true);
    p = nextStep(p, conv);
    expect(lessonProgress(p, 'conv')).toEqual({ step: 1, done: ['add-conv'] });
  });

  it('counts a lesson done when every step is, and stays on the last step', () => {
    const p = finish(conv);
    expect(lessonDone(p, conv)).toBe(true);
    expect(lessonProgress(p, 'conv').step).toBe(conv.steps.length - 1);
    expect(lessonDone(p, findLesson('pool')!)).toBe(false);
  });

  it('goes back freely, forward only past done steps', () => {
    let p = completeStep(openLesson(EMPTY_PROGRESS, 'conv'), conv, 'add-conv');
    p = nextStep(p, conv);
    expect(lessonProgress(goToStep(p, conv, 0), 'conv').step).toBe(0);
    expect(goToStep(p, conv, 3)).toBe(p);
    expect(goToStep(p, conv, 99)).toBe(p);
    expect(goToStep(p, conv, -1)).toBe(p);
  });

  it('ignores unknown steps and repeated completions', () => {
    const p = completeStep(EMPTY_PROGRESS, conv, 'add-conv');
    expect(completeStep(p, conv, 'add-conv')).toBe(p);
    expect(completeStep(p, conv, 'no-such-step')).toBe(p);
  });

  it('restarts one lesson and leaves the others', () => {
    const p = finish(findLesson('images')!);
    const both = finish(conv);
    const merged = { ...both, lessons: { ...both.lessons, ...p.lessons } };
    const restarted = restartLesson(merged, 'conv');
    expect(lessonProgress(restarted, 'conv')).toEqual({ step: 0, done: [] });
    expect(lessonDone(restarted, findLesson('images')!)).toBe(true);
    expect(closeLesson(restarted).open).toBeNull();
  });

  it('survives a round trip through storage', () => {
    const p = finish(conv);
    expect(readProgress(serializeProgress(p), LESSONS)).toEqual(p);
  });

  it('reads back only what this build knows: unknown lessons and steps dropped, the step clamped', () => {
    const stored = JSON.stringify({
      format: 'cnn-playground/guide-progress',
      version: 1,
      open: 'gone',
      lessons: { conv: { step: 40, done: ['add-conv', 'removed-step', 7, 'add-conv'] }, gone: { step: 1, done: [] }, pool: 'x', images: { step: -3, done: 'all' } },
    });
    expect(readProgress(stored, LESSONS)).toEqual({ open: null, lessons: { conv: { step: conv.steps.length - 1, done: ['add-conv'] }, images: { step: 0, done: [] } } });
  });

  it('starts afresh on anything unreadable', () => {
    for (const text of [null, '', 'not json', '[]', '{"format":"other","version":1,"lessons":{}}', '{"format":"cnn-playground/guide-progress","version":2,"lessons":{}}', 'x'.repeat(200_000)]) {
      expect(readProgress(text, LESSONS)).toEqual(EMPTY_PROGRESS);
    }
  });
});
