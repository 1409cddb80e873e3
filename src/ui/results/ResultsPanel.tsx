// The seed's results table with the user's runs beside it: network, parameters, epochs, test error, time;
// each marked against the active challenge, if there is one.
import { useMemo } from 'react';
import { groupDigits } from '../../model/format';
import type { Judgement } from '../../model/guide/challenge';
import { judgeRun } from '../../model/guide/challenge';
import type { FinishedRun, ResultRow } from '../../model/results';
import { SEED_EPOCHS, SEED_RESULTS, runRow, seedRows } from '../../model/results';
import { findPreset } from '../../model/presets';
import { DEFAULT_SETTINGS } from '../../model/training';
import { selectRunRecords } from '../../state/results';
import { useAppStore } from '../../state/store';

const SEED_ROWS = seedRows();

/** The seed's three runs as finished runs, so a challenge can judge them too. */
const SEED_RUNS: FinishedRun[] = SEED_RESULTS.map((r) => ({
  id: r.presetId,
  architecture: findPreset(r.presetId)!.architecture,
  settings: DEFAULT_SETTINGS,
  epochs: SEED_EPOCHS,
  testError: r.testError,
  seconds: r.secondsPerEpoch * SEED_EPOCHS,
  backend: null,
}));

function useRuns(): { rows: ResultRow[]; marks: Map<string, Judgement> | null } {
  const runs = useAppStore((s) => s.history.runs);
  const challenge = useAppStore((s) => s.guide.challenge?.challenge ?? null);
  return useMemo(() => {
    const finished = selectRunRecords(runs);
    const marks = challenge
      ? new Map([...SEED_RUNS.map((r) => [`seed:${r.id}`, judgeRun(challenge, r)] as const), ...finished.map((r) => [`run:${r.id}`, judgeRun(challenge, r)] as const)])
      : null;
    return { rows: finished.map(runRow), marks };
  }, [runs, challenge]);
}

function Mark({ judgement }: { judgement: Judgement | undefined }) {
  if (!judgement) return <td />;
  const missed = judgement.items.filter((i) => !i.ok).map((i) => i.text);
  return (
    <td className="challenge-mark" data-testid="result-challenge" data-met={judgement.met} title={missed.length > 0 ? `Misses: ${missed.join('; ')}` : 'Meets the challenge'}>
      {judgement.met ? '✓' : '✗'}
      <span className="visually-hidden">{judgement.met ? ' meets the challenge' : ` misses the challenge: ${missed.join('; ')}`}</span>
    </td>
  );
}

function time(seconds: number, epochs: number): string {
  const total = seconds < 120 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`;
  return epochs > 0 ? `${total} (${Math.round(seconds / epochs)} s/epoch)` : total;
}

function Row({ row, best, marks }: { row: ResultRow; best: boolean; marks: Map<string, Judgement> | null }) {
  return (
    <tr
      data-testid="result-row"
      data-source={row.source}
      data-test-error={row.testError.toFixed(2)}
      data-epochs={row.epochs}
      data-seconds={Math.round(row.seconds)}
      data-dataset={row.dataset}
      className={best ? 'best' : undefined}
    >
      <th scope="row">
        {row.network}
        <small>{row.detail}</small>
        {row.dataset !== 'mnist' && <small className="muted">Another dataset: not comparable with the seed’s MNIST figures.</small>}
      </th>
      <td>{groupDigits(row.params)}</td>
      <td>{row.epochs}</td>
      <td className="error-cell">{row.testError.toFixed(2)}%</td>
      <td>{time(row.seconds, row.epochs)}</td>
      {marks && <Mark judgement={marks.get(row.key)} />}
    </tr>
  );
}

export function ResultsPanel() {
  const seed = SEED_ROWS;
  const { rows: runs, marks } = useRuns();
  const columns = marks ? 6 : 5;
  // Only MNIST runs compete with the seed: another dataset's error measures something else.
  const lowest = Math.min(...[...seed, ...runs].filter((r) => r.dataset === 'mnist').map((r) => r.testError));
  return (
    <section className="panel results" aria-labelledby="results-title" data-testid="results-panel">
      <h2 id="results-title">Results beside the seed’s</h2>
      <div className="results-scroll">
        <table className="results-table">
          <thead>
            <tr>
              <th scope="col">network</th>
              <th scope="col">parameters</th>
              <th scope="col">epochs</th>
              <th scope="col">test error</th>
              <th scope="col">training time</th>
              {marks && (
                <th scope="col" title="Against the active challenge">
                  challenge
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            <tr className="group">
              <th colSpan={columns} scope="rowgroup">
                The seed (Keras on a 2016 CPU, test set as validation)
              </th>
            </tr>
            {seed.map((r) => (
              <Row key={r.key} row={r} best={r.testError === lowest} marks={marks} />
            ))}
            <tr className="group">
              <th colSpan={columns} scope="rowgroup">
                Your runs (in this browser)
              </th>
            </tr>
            {runs.map((r) => (
              <Row key={r.key} row={r} best={r.testError === lowest} marks={marks} />
            ))}
            {runs.length === 0 && (
              <tr>
                <td colSpan={columns} className="muted">
                  Train a network to see its test error here. The seed’s recipe is 10 epochs, batch 200, Adam, on all 60,000 digits.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
