// The guide docked at the foot of the page: the lesson list, the open step, or that step made small.
import type { KeyboardEvent } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { BUILTIN_CHALLENGES } from '../../model/guide/challenge';
import { LESSONS } from '../../model/guide/lessons';
import { lessonDone, lessonProgress, stepDone } from '../../model/guide/progress';
import { setChallenge, showClassTable } from '../../state/guide/challengeActions';
import {
  checkGuideStep,
  closeGuide,
  goToGuideStep,
  minimizeGuide,
  nextGuideStep,
  openGuideLesson,
  openStep,
  restartGuideLesson,
  setGuideAnswer,
  showLessonList,
  showMeGuideStep,
} from '../../state/guide/lessonActions';
import { useAppStore } from '../../state/store';
import { scrollToElement } from '../scroll';
import { LessonList } from './LessonList';
import { StepCard } from './StepCard';
import { useDockHeight } from './useDockHeight';
import { useHighlight } from './useHighlight';
import './guide.css';

function List() {
  const progress = useAppStore((s) => s.guide.progress);
  const active = useAppStore((s) => s.guide.challenge?.challenge ?? null);
  const classCount = useAppStore((s) => s.guide.classTable.entries.length);
  const summary = useMemo(
    () => Object.fromEntries(LESSONS.map((l) => [l.id, { done: lessonProgress(progress, l.id).done.length, finished: lessonDone(progress, l) }])),
    [progress],
  );
  return (
    <LessonList
      lessons={LESSONS}
      progress={summary}
      challenges={BUILTIN_CHALLENGES}
      active={active}
      classCount={classCount}
      onOpen={(id) => void openGuideLesson(id)}
      onChallenge={(c) => setChallenge(c, c !== null && !BUILTIN_CHALLENGES.includes(c))}
      onClassTable={() => {
        showClassTable(true);
        requestAnimationFrame(() => scrollToElement(document.getElementById('class-table')));
      }}
      onClose={closeGuide}
    />
  );
}

/** Keyboard users land in the dock when it opens (not when a reload brings it back small). */
function useFocusOnOpen(el: HTMLElement | null, panel: string, lessonId: string | null) {
  useEffect(() => {
    if (panel !== 'list' && panel !== 'step') return;
    if (!el || el.contains(document.activeElement)) return;
    el.querySelector<HTMLElement>('.guide-title, .guide-list-title')?.focus({ preventScroll: true });
  }, [el, panel, lessonId]);
}

/** Esc makes the step small (or closes the list) and gives the keyboard back to the Lessons button. */
function onDockKey(e: KeyboardEvent, panel: string) {
  if (e.key !== 'Escape' || e.defaultPrevented) return;
  e.preventDefault();
  if (panel === 'step') minimizeGuide(true);
  else closeGuide();
  document.querySelector<HTMLElement>('[data-testid="guide-open"]')?.focus();
}

export function GuideDock() {
  const g = useAppStore((s) => s.guide);
  const open = g.panel === 'step' || g.panel === 'minimized' ? openStep(g) : null;
  const stepKey = open ? `${open.lesson.id}/${open.step.id}` : '';
  useHighlight(open ? open.step.target : null, stepKey, g.panel === 'step');
  const [el, dock] = useState<HTMLElement | null>(null);
  useDockHeight(el);
  useFocusOnOpen(el, g.panel, g.progress.open);
  if (g.panel === 'closed') return null;
  if (g.panel === 'list' || !open) {
    return (
      <aside ref={dock} className="guide-dock list" aria-label="Guided lessons" onKeyDown={(e) => onDockKey(e, g.panel)}>
        <List />
      </aside>
    );
  }
  if (g.panel === 'minimized') {
    return (
      <aside ref={dock} className="guide-dock small" aria-label="Guided lesson">
        <button type="button" className="guide-expand" data-testid="guide-expand" onClick={() => minimizeGuide(false)}>
          <span aria-hidden="true">▴</span> Lesson {open.lesson.number}, step {open.index + 1} of {open.lesson.steps.length}: {open.step.title}
          {stepDone(g.progress, open.lesson, open.index) ? ' ✓' : ''}
        </button>
      </aside>
    );
  }
  return (
    <aside ref={dock} className="guide-dock" aria-label="Guided lesson" onKeyDown={(e) => onDockKey(e, g.panel)}>
      <StepCard
        lesson={open.lesson}
        index={open.index}
        done={open.lesson.steps.map((_, i) => stepDone(g.progress, open.lesson, i))}
        answer={g.answer}
        feedback={g.feedback}
        tries={g.tries}
        note={g.note}
        onAnswer={setGuideAnswer}
        onCheck={checkGuideStep}
        onNext={() => void nextGuideStep()}
        onGoTo={(i) => void goToGuideStep(i)}
        onShowMe={() => void showMeGuideStep()}
        onRestart={() => void restartGuideLesson()}
        onList={showLessonList}
        onMinimize={() => minimizeGuide(true)}
      />
    </aside>
  );
}
