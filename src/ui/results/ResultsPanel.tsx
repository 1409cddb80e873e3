// The seed's results table with the user's runs beside it: network, parameters, epochs, test error, time.
import { useMemo } from 'react';
import { groupDigits } from '../../model/format';
import type { ResultRow } from '../../model/results';
import { runRow, seedRows } from '../../model/results';
import { selectRunRecords } from '../../state/results';
import { useAppStore } from '../../state/store';

const SEED_ROWS = seedRows();

function useRunRows(): ResultRow[] {
  const runs = useAppStore((s) => s.history.runs);
  return useMemo(() => selectRunRecords(runs).map(runRow), [runs]);
}

function time(seconds: number, epochs: number): string {
  const total = seconds < 120 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`;
  return epochs > 0 ? `${total} (${Math.round(seconds / epochs)} s/epoch)` : total;
}

function Row({ row, best }: { row: ResultRow; best: boolean }) {
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
    </tr>
  );
}

export function ResultsPanel() {
  const seed = SEED_ROWS;
  const runs = useRunRows();
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
            </tr>
          </thead>
          <tbody>
            <tr className="group">
              <th colSpan={5} scope="rowgroup">
                The seed (Keras on a 2016 CPU, test set as validation)
              </th>
            </tr>
            {seed.map((r) => (
              <Row key={r.key} row={r} best={r.testError === lowest} />
            ))}
            <tr className="group">
              <th colSpan={5} scope="rowgroup">
                Your runs (in this browser)
              </th>
            </tr>
            {runs.map((r) => (
              <Row key={r.key} row={r} best={r.testError === lowest} />
            ))}
            {runs.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
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
