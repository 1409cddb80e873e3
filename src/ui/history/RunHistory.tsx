// The run history section: every run kept in the browser, a sortable table, CSV export, and overlaid curves.
import { useMemo } from 'react';
import '../curves/curves.css';
import './history.css';
import { dismissHistoryError, setCompare, undoDelete } from '../../state/history/historyActions';
import { historyCsv } from '../../state/history/csv';
import { sortRuns } from '../../state/history/sort';
import { useAppStore } from '../../state/store';
import { runStyle, useChartTheme } from '../curves/theme';
import { downloadBlob } from '../download';
import { CompareCharts } from './CompareCharts';
import { HistoryTable } from './HistoryTable';

function exportCsv() {
  const { runs, sort } = useAppStore.getState().history;
  const stamp = new Date().toISOString().slice(0, 10);
  // The byte-order mark tells spreadsheet programs the file is UTF-8 (the layer column has × and →).
  downloadBlob(new Blob(['\uFEFF', historyCsv(sortRuns(runs, sort))], { type: 'text/csv;charset=utf-8' }), `cnn-playground-runs-${stamp}.csv`);
}

export function RunHistory() {
  const theme = useChartTheme();
  const runs = useAppStore((s) => s.history.runs);
  const status = useAppStore((s) => s.history.status);
  const error = useAppStore((s) => s.history.error);
  const deleted = useAppStore((s) => s.history.deleted);
  const compare = useAppStore((s) => s.history.compare);
  const saving = useAppStore((s) => s.history.saving);
  const picked = useMemo(() => compare.map((id) => runs.find((r) => r.id === id)).filter((r) => r !== undefined), [compare, runs]);
  // Colours follow the order runs were picked, so a run keeps its colour while others come and go.
  const styles = useMemo(() => new Map(picked.map((r, i) => [r.id, runStyle(theme, i)])), [picked, theme]);
  const swatches = useMemo(() => new Map([...styles].map(([id, s]) => [id, s.color])), [styles]);
  return (
    <section className="panel history" id="run-history" data-testid="run-history" data-status={status} data-saving={saving} aria-labelledby="history-title">
      <div className="history-head">
        <h2 id="history-title">Run history</h2>
        <div className="history-tools">
          {picked.length > 0 && (
            <button type="button" data-testid="history-clear-compare" onClick={() => setCompare([])}>
              Clear overlay
            </button>
          )}
          <button type="button" data-testid="history-export-csv" disabled={runs.length === 0} onClick={exportCsv} title="Download every run as a CSV file for a spreadsheet">
            Export CSV
          </button>
        </div>
      </div>
      {error && (
        <p className="notice" role="alert" data-testid="history-error">
          {error}{' '}
          <button type="button" className="link-button" onClick={dismissHistoryError}>
            Dismiss
          </button>
        </p>
      )}
      {deleted && (
        <p className="muted" data-testid="history-deleted">
          Run #{deleted.number} was deleted.{' '}
          <button type="button" className="link-button" data-testid="history-undo-delete" onClick={() => void undoDelete()}>
            Undo
          </button>
        </p>
      )}
      {runs.length === 0 ? (
        <p className="muted" data-testid="history-empty">
          {status === 'loading' ? 'Reading the runs kept in this browser…' : 'Every run you train is kept here, in this browser, with its network, settings and results.'}
        </p>
      ) : (
        <>
          <p className="hint">Tick two or more runs to overlay their curves, for example the seed's MLP against its CNN. Click a column to sort.</p>
          <HistoryTable colours={swatches} />
        </>
      )}
      {picked.length > 0 && <CompareCharts runs={picked} theme={theme} colours={styles} />}
    </section>
  );
}
