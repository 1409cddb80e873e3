// The active challenge and whether the latest finished run meets it, item by item; the way to send a result.
import type { Challenge, Judgement } from '../../model/guide/challenge';

export interface ChallengeStatusProps {
  challenge: Challenge;
  /** The latest finished run judged against it; null before any. */
  judgement: Judgement | null;
  /** Set when the challenge came in a teacher's link. */
  fromTeacher: boolean;
  onSend: () => void;
  onLeave: () => void;
}

export function ChallengeStatus(p: ChallengeStatusProps) {
  const met = p.judgement?.met ?? false;
  return (
    <section className={`challenge-status ${p.judgement ? (met ? 'met' : 'missed') : 'waiting'}`} data-testid="challenge-status" data-met={met} aria-labelledby="challenge-title">
      <h3 id="challenge-title">
        <span className="muted">{p.fromTeacher ? 'Your teacher’s challenge' : 'Challenge'}:</span> {p.challenge.title}
      </h3>
      {p.judgement ? (
        <>
          <p className="challenge-verdict" role="status">
            {met ? '✓ Your latest run meets the challenge.' : '✗ Your latest run does not meet the challenge yet.'}
          </p>
          <ul className="challenge-items">
            {p.judgement.items.map((i) => (
              <li key={i.text} className={i.ok ? 'ok' : 'not-ok'}>
                <span aria-hidden="true">{i.ok ? '✓' : '✗'}</span> {i.text}
                <span className="visually-hidden">{i.ok ? ' (met)' : ' (not met)'}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">Train a network to the end: its test score is checked against the challenge.</p>
      )}
      <div className="challenge-actions">
        {p.judgement && (
          <button type="button" data-testid="result-send" onClick={p.onSend}>
            Send my result…
          </button>
        )}
        <button type="button" className="link-button" data-testid="challenge-leave" onClick={p.onLeave}>
          Leave the challenge
        </button>
      </div>
    </section>
  );
}
