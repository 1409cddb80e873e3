// The confusion matrix of the test set as a heat map with per-class accuracy; a click opens a cell's examples.
import { useState } from 'react';
import { groupDigits } from '../../model/format';
import { askEvaluation } from '../../state/replayActions';
import { className, selectClassNames, selectDatasetInfo } from '../../state/datasetSelectors';
import { useAppStore } from '../../state/store';
import { DigitList } from './DigitList';
import { useLatest, useShownWeights } from './hooks';
import { ShownMoment } from './ShownMoment';

/** Right answers in blue by their share of the row; mistakes in red, on a square-root scale so rare ones show. */
function cellColour(count: number, rowTotal: number, maxMistakes: number, diagonal: boolean): { background: string } {
  if (count === 0) return { background: 'transparent' };
  const strength = diagonal ? count / Math.max(rowTotal, 1) : Math.sqrt(count / Math.max(maxMistakes, 1));
  const alpha = 0.12 + 0.88 * strength;
  // The count sits on a chip of the panel's colour (see .count-chip), so it reads at full
  // contrast in either theme whatever the shade around it.
  return { background: diagonal ? `rgb(29 78 216 / ${alpha.toFixed(3)})` : `rgb(185 28 28 / ${alpha.toFixed(3)})` };
}

export function ConfusionMatrix() {
  const liveEvaluation = useAppStore((s) => s.evaluation);
  const shown = useShownWeights(2000);
  const past = useLatest(shown.checkpoint === null ? null : shown.key, () => askEvaluation(shown.ref));
  const pastFresh = past !== null && past.key === shown.key;
  // While a moment's scores are on their way, the last matrix stays (marked busy): scrubbing never tears the table down.
  const pastEvaluation = past?.value.ok ? past.value.value : null;
  const evaluation = shown.checkpoint === null ? liveEvaluation : (pastEvaluation ?? liveEvaluation);
  const weights = shown.checkpoint === null ? 'live' : pastFresh ? `checkpoint:${shown.checkpoint}` : 'pending';
  const names = useAppStore(selectClassNames);
  const noun = useAppStore((s) => selectDatasetInfo(s).noun);
  const [cell, setCell] = useState<{ t: number; p: number } | null>(null);
  if (!evaluation) {
    return (
      <section className="inspect-panel confusion" aria-labelledby="confusion-title">
        <h3 id="confusion-title">Confusion matrix</h3>
        <ShownMoment checkpoint={shown.checkpoint} />
        <p className="muted">
          {shown.checkpoint === null ? `The test ${noun}s are scored when a run ends; the matrix appears then.` : `Scoring the test ${noun}s with the weights of that moment…`}
        </p>
      </section>
    );
  }
  const { confusion, perClassAccuracy } = evaluation;
  const n = evaluation.classes;
  const CLASSES = Array.from({ length: n }, (_, d) => d);
  const name = (d: number) => className(names, d);
  // Names longer than a digit sit on the row heads and, turned, on the column heads.
  const named = CLASSES.some((d) => name(d).length > 2);
  const rowTotals = CLASSES.map((t) => CLASSES.reduce((sum, p) => sum + confusion[t * n + p]!, 0));
  const maxMistakes = Math.max(1, ...confusion.filter((_, i) => i % (n + 1) !== 0));
  return (
    <section className="inspect-panel confusion" aria-labelledby="confusion-title" data-testid="confusion-panel" data-weights={weights} aria-busy={weights === 'pending'}>
      <h3 id="confusion-title">Confusion matrix</h3>
      <ShownMoment checkpoint={shown.checkpoint} />
      {pastFresh && !past.value.ok && <p className="error-text">{past.value.error}</p>}
      <p className="hint">
        Rows: the true {noun === 'digit' ? 'digit' : 'class'}; columns: the network&apos;s guess. Click a cell to see its {noun}s.
      </p>
      <div className="confusion-body">
        <div className="confusion-scroll">
          <table className={named ? 'confusion-table named' : 'confusion-table'} data-testid="confusion-matrix" data-classes={JSON.stringify(CLASSES.map(name))}>
            <thead>
              <tr>
                <th scope="col" className="corner">
                  true ↓ guess →
                </th>
                {CLASSES.map((p) => (
                  <th key={p} scope="col" data-testid="confusion-col" title={name(p)}>
                    <span>{name(p)}</span>
                  </th>
                ))}
                <th scope="col" className="acc-head">
                  accuracy
                </th>
              </tr>
            </thead>
            <tbody>
              {CLASSES.map((t) => (
                <tr key={t}>
                  <th scope="row" data-testid="confusion-row">
                    {name(t)}
                  </th>
                  {CLASSES.map((p) => {
                    const count = confusion[t * n + p]!;
                    const selected = cell?.t === t && cell.p === p;
                    return (
                      <td key={p}>
                        <button
                          type="button"
                          className={`confusion-cell${selected ? ' selected' : ''}`}
                          data-testid="confusion-cell"
                          data-true={t}
                          data-predicted={p}
                          data-count={count}
                          aria-pressed={selected}
                          aria-label={`true ${name(t)}, guessed ${name(p)}: ${count} ${noun}s`}
                          style={cellColour(count, rowTotals[t]!, maxMistakes, t === p)}
                          onClick={() => setCell(selected ? null : { t, p })}
                        >
                          {count > 0 && <span className="count-chip">{count}</span>}
                        </button>
                      </td>
                    );
                  })}
                  <td className="acc-cell" data-testid="class-accuracy" data-digit={t} data-value={perClassAccuracy[t]!.toFixed(4)}>
                    <span className="acc-bar" style={{ width: `${perClassAccuracy[t]! * 100}%` }} />
                    <span>{(perClassAccuracy[t]! * 100).toFixed(1)}%</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {cell ? (
          <div className="cell-digits" data-testid="cell-digits-panel">
            <h4>
              True {name(cell.t)}, guessed {name(cell.p)}
            </h4>
            <DigitList
              key={`${cell.t}-${cell.p}-${shown.checkpoint ?? 'live'}`}
              query={{ kind: 'cell', trueDigit: cell.t, predicted: cell.p }}
              weights={shown.ref}
              pageSize={40}
              testId="cell-digits"
              describe={(total) =>
                total === 0
                  ? `No test ${noun}s here.`
                  : cell.t === cell.p
                    ? `${groupDigits(total)} right answers, least confident first (percent: the network's confidence).`
                    : `${groupDigits(total)} mistakes, most confident first (percent: the network's confidence in its wrong guess).`
              }
            />
          </div>
        ) : (
          <p className="muted cell-digits">Click a cell to see its {noun}s: the mistakes the network was surest of come first.</p>
        )}
      </div>
    </section>
  );
}
