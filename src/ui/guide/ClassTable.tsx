// The class table on the teacher's device: learners' result links, ranked by the challenge's measure, each network one click away.
import type { ChallengeGroup, ClassEntry } from '../../model/guide/classTable';
import { describeChallenge } from '../../model/guide/challenge';
import { groupDigits } from '../../model/format';
import { layerSummary } from '../../state/history/record';

export interface ClassTableProps {
  groups: readonly ChallengeGroup[];
  /** The entry being retrained here, if any. */
  retraining: string | null;
  /** Retraining cannot start now (a run is going, say): the reason. */
  retrainBlocked: string | null;
  onOpen: (entry: ClassEntry) => void;
  onRetrain: (entry: ClassEntry) => void;
  onRemove: (id: string) => void;
}

const MEASURE_NAME = { testError: 'test error', params: 'parameters', seconds: 'training time' } as const;

function Confirmed({ entry, retraining }: { entry: ClassEntry; retraining: boolean }) {
  if (retraining) return <span className="muted">retraining…</span>;
  const c = entry.confirmed;
  if (!c) return <span className="muted">not yet</span>;
  const gap = c.testError - entry.claim.run.testError;
  return (
    <span data-testid="class-confirmed" data-value={c.testError}>
      {c.testError.toFixed(2)}% <small className="muted">({gap >= 0 ? '+' : ''}{gap.toFixed(2)})</small>
    </span>
  );
}

export function ClassTable(p: ClassTableProps) {
  return (
    <div className="class-table" data-testid="class-table">
      <p className="hint">
        Each row is what a learner’s result link claims. Open puts the network in your builder; Retrain trains it here with the learner’s settings to confirm the figure (runs on this
        device vary by a few hundredths of a percent).
      </p>
      {p.retrainBlocked && <p className="muted">{p.retrainBlocked}</p>}
      {p.groups.map((g) => (
        <section key={g.challenge.title + g.challenge.id} className="class-group" aria-label={g.challenge.title}>
          <h3>{g.challenge.title}</h3>
          <p className="hint">
            {describeChallenge(g.challenge)}; ranked by {MEASURE_NAME[g.challenge.rankBy]}, entries that meet it first.
          </p>
          <div className="results-scroll">
            <table className="results-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">learner</th>
                  <th scope="col">claimed test error</th>
                  <th scope="col">parameters</th>
                  <th scope="col">epochs</th>
                  <th scope="col">meets it</th>
                  <th scope="col">retrained here</th>
                  <th scope="col">
                    <span className="visually-hidden">actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {g.rows.map(({ entry, judgement, params, rank }) => (
                  <tr key={entry.id} data-testid="class-row" data-rank={rank} data-name={entry.claim.name} data-test-error={entry.claim.run.testError} data-met={judgement.met}>
                    <td>{rank}</td>
                    <th scope="row">
                      {entry.claim.name}
                      <small>{layerSummary(entry.claim.run.architecture)}</small>
                    </th>
                    <td className="error-cell">{entry.claim.run.testError.toFixed(2)}%</td>
                    <td>{groupDigits(params)}</td>
                    <td>{entry.claim.run.epochs}</td>
                    <td title={judgement.items.filter((i) => !i.ok).map((i) => i.text).join('; ') || undefined}>{judgement.met ? '✓ yes' : '✗ no'}</td>
                    <td>
                      <Confirmed entry={entry} retraining={p.retraining === entry.id} />
                    </td>
                    <td className="class-actions">
                      <button type="button" data-testid="class-open" onClick={() => p.onOpen(entry)}>
                        Open
                      </button>
                      <button type="button" data-testid="class-retrain" disabled={p.retrainBlocked !== null || p.retraining !== null} onClick={() => p.onRetrain(entry)}>
                        Retrain
                      </button>
                      <button type="button" className="link-button" data-testid="class-remove" onClick={() => p.onRemove(entry.id)} aria-label={`Remove ${entry.claim.name}’s result`}>
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
