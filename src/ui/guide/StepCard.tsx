// The open lesson step: its text, its task with the answer field and Check, feedback, hint, "show me", and Next.
import { useEffect, useRef } from 'react';
import type { CheckResult, GuideLesson } from '../../model/guide/types';

export interface StepCardProps {
  lesson: GuideLesson;
  /** 0-based index of the step showing. */
  index: number;
  /** Per step: done or not. */
  done: readonly boolean[];
  answer: string;
  feedback: CheckResult | null;
  /** Wrong tries on this step: the hint and "show me" appear after the first. */
  tries: number;
  /** What the lesson did to the builder on entering the step ("Your network was saved in Models as …"). */
  note: string | null;
  onAnswer: (text: string) => void;
  onCheck: () => void;
  onNext: () => void;
  onGoTo: (index: number) => void;
  onShowMe: () => void;
  onRestart: () => void;
  onList: () => void;
  onMinimize: () => void;
}

export function StepCard(p: StepCardProps) {
  const step = p.lesson.steps[p.index]!;
  const task = step.task;
  const last = p.index === p.lesson.steps.length - 1;
  const thisDone = p.done[p.index] === true;
  const canNext = !task || thisDone;
  const heading = useRef<HTMLHeadingElement>(null);
  const stepKey = `${p.lesson.id}/${step.id}`;
  // A new step is announced by moving focus to its title (only when focus was in the card).
  useEffect(() => {
    const card = heading.current?.closest('.guide-card');
    if (card?.contains(document.activeElement)) heading.current?.focus({ preventScroll: true });
  }, [stepKey]);
  const answerId = `guide-answer-${stepKey}`;
  return (
    <div
      className="guide-card"
      data-testid="guide-step"
      data-lesson={p.lesson.id}
      data-step={p.index + 1}
      data-steps={p.lesson.steps.length}
      data-done={thisDone}
    >
      <header className="guide-card-head">
        <button type="button" className="link-button" data-testid="guide-list" onClick={p.onList}>
          ‹ Lessons
        </button>
        <span className="guide-crumb">
          Lesson {p.lesson.number}: {p.lesson.title}
        </span>
        <ol className="guide-dots" aria-label="Steps">
          {p.lesson.steps.map((s, i) => {
            const reachable = p.lesson.steps.slice(0, i).every((_, j) => p.done[j]);
            return (
              <li key={s.id}>
                <button
                  type="button"
                  className={`guide-dot${i === p.index ? ' current' : ''}${p.done[i] ? ' done' : ''}`}
                  aria-label={`Step ${i + 1}: ${s.title}${p.done[i] ? ' (done)' : ''}`}
                  aria-current={i === p.index ? 'step' : undefined}
                  disabled={!reachable}
                  onClick={() => p.onGoTo(i)}
                >
                  {p.done[i] ? '✓' : i + 1}
                </button>
              </li>
            );
          })}
        </ol>
        <button type="button" data-testid="guide-minimize" onClick={p.onMinimize} aria-label="Make the lesson small" title="Make the lesson small">
          ▾
        </button>
      </header>
      <h3 className="guide-title" ref={heading} tabIndex={-1}>
        {p.index + 1}. {step.title}
      </h3>
      {p.note && (
        <p className="guide-note" data-testid="guide-note" role="status">
          {p.note}
        </p>
      )}
      {step.text.map((t) => (
        <p key={t} className="guide-text">
          {t}
        </p>
      ))}
      {task && (
        <div className="guide-task">
          <p className="guide-prompt">
            <label htmlFor={task.kind === 'answer' ? answerId : undefined}>{task.prompt}</label>
          </p>
          <div className="guide-task-row">
            {task.kind === 'answer' && (
              <input
                id={answerId}
                data-testid="guide-answer"
                value={p.answer}
                placeholder={task.placeholder}
                autoComplete="off"
                spellCheck={false}
                aria-describedby={p.feedback ? 'guide-feedback' : undefined}
                onChange={(e) => p.onAnswer(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') p.onCheck();
                }}
              />
            )}
            <button type="button" data-testid="guide-check" onClick={p.onCheck}>
              Check
            </button>
            {p.tries > 0 && !thisDone && (
              <button type="button" data-testid="guide-show-me" onClick={p.onShowMe}>
                Show me
              </button>
            )}
          </div>
          <div aria-live="polite">
            {p.feedback && (
              <p id="guide-feedback" className={`guide-feedback ${p.feedback.ok ? 'right' : 'wrong'}`} data-testid="guide-feedback" data-correct={p.feedback.ok}>
                <span aria-hidden="true">{p.feedback.ok ? '✓ ' : '✗ '}</span>
                {p.feedback.message || (p.feedback.ok ? 'Done.' : '')}
              </p>
            )}
            {p.tries > 0 && !thisDone && (
              <p className="guide-hint" data-testid="guide-hint">
                <strong>Hint:</strong> {task.hint}
              </p>
            )}
          </div>
        </div>
      )}
      <footer className="guide-card-foot">
        <button type="button" className="link-button" data-testid="guide-restart" onClick={p.onRestart}>
          Restart lesson
        </button>
        <span className="guide-source">{p.lesson.source}</span>
        {p.index > 0 && (
          <button type="button" data-testid="guide-back" onClick={() => p.onGoTo(p.index - 1)}>
            Back
          </button>
        )}
        <button type="button" className="primary" data-testid="guide-next" disabled={!canNext} onClick={p.onNext} title={canNext ? undefined : 'Do the task first'}>
          {last ? 'Finish' : 'Next'}
        </button>
      </footer>
    </div>
  );
}
