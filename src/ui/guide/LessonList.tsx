// The list of guided lessons with each one's progress, and the challenges a learner can take on.
import type { Challenge } from '../../model/guide/challenge';
import type { GuideLesson } from '../../model/guide/types';

export interface LessonListProps {
  lessons: readonly GuideLesson[];
  /** Per lesson id: steps done and whether all are. */
  progress: Record<string, { done: number; finished: boolean }>;
  challenges: readonly Challenge[];
  /** The challenge in force, built in or from a teacher's link. */
  active: Challenge | null;
  classCount: number;
  onOpen: (lessonId: string) => void;
  onChallenge: (challenge: Challenge | null) => void;
  onClassTable: () => void;
  onClose: () => void;
}

export function LessonList(p: LessonListProps) {
  const activeIsBuiltIn = p.active !== null && p.challenges.some((c) => c.id === p.active?.id && c.title === p.active.title);
  return (
    <div className="guide-list" data-testid="guide-list-panel">
      <header className="guide-card-head">
        <h2 className="guide-list-title" tabIndex={-1}>
          Guided lessons
        </h2>
        <button type="button" data-testid="guide-close" onClick={p.onClose} aria-label="Close the lessons">
          ✕
        </button>
      </header>
      <p className="hint">Eight short lessons that follow the crash course and its Keras project. Each step points at the part of the app it is about and checks what you did.</p>
      <ol className="guide-items">
        {p.lessons.map((l) => {
          const pr = p.progress[l.id] ?? { done: 0, finished: false };
          return (
            <li key={l.id}>
              <button type="button" className={`guide-item${pr.finished ? ' finished' : ''}`} data-testid="guide-item" data-lesson={l.id} data-done={pr.finished} onClick={() => p.onOpen(l.id)}>
                <span className="guide-item-number" aria-hidden="true">
                  {pr.finished ? '✓' : l.number}
                </span>
                <span className="guide-item-text">
                  <strong>
                    {l.number}. {l.title}
                  </strong>
                  <small>{l.summary}</small>
                </span>
                <span className="guide-item-progress">
                  {pr.finished ? 'done' : pr.done > 0 ? `${pr.done} of ${l.steps.length}` : `${l.steps.length} steps`}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <h3 className="guide-subtitle">Challenges</h3>
      <p className="hint">A goal with limits. Every run you finish is checked against the one you choose.</p>
      <label className="field guide-challenge-field">
        <span>Challenge</span>
        <select
          data-testid="challenge-select"
          value={p.active === null ? '' : activeIsBuiltIn ? p.active.id : 'teacher'}
          onChange={(e) => p.onChallenge(e.target.value === '' ? null : e.target.value === 'teacher' ? p.active : (p.challenges.find((c) => c.id === e.target.value) ?? null))}
        >
          <option value="">none</option>
          {p.active !== null && !activeIsBuiltIn && <option value="teacher">Your teacher’s: {p.active.title}</option>}
          {p.challenges.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      {p.classCount > 0 && (
        <p>
          <button type="button" className="link-button" data-testid="class-table-open" onClick={p.onClassTable}>
            Class results ({p.classCount})
          </button>
        </p>
      )}
    </div>
  );
}
