// The run history table: one row per run, sortable columns, tick boxes to overlay runs, open and delete.
import { memo, useMemo } from 'react';
import { groupDigits } from '../../model/format';
import { optimizerSummary } from '../../model/optimizers';
import { datasetInfo } from '../../model/datasets';
import type { Architecture } from '../../model/architecture';
import { deleteRun, openRunInBuilder, sortBy, toggleCompare } from '../../state/history/historyActions';
import type { RunRecord } from '../../state/history/record';
import { CUSTOM_NAME as CUSTOM, layerSummary } from '../../state/history/record';
import type { SortKey, SortOrder } from '../../state/history/sort';
import { sortRuns } from '../../state/history/sort';
import { useAppStore } from '../../state/store';
import { scrollToElement } from '../scroll';
import { ReplayRunButton } from './ReplayRunButton';

/** `narrow`: the column first hidden on narrow screens ('md' below 900 px, 'sm' below 640 px). */
const COLUMNS: readonly { key: SortKey; label: string; title: string; numeric?: boolean; narrow?: 'md' | 'sm' }[] = [
  { key: 'number', label: '#', title: 'Run number, in the order the runs started', numeric: true },
  { key: 'name', label: 'Network', title: 'The network and its training settings' },
  { key: 'params', label: 'Parameters', title: 'Weights and biases in the network', numeric: true, narrow: 'sm' },
  { key: 'connections', label: 'Connections', title: 'Weighted inputs, bias counted as one, as the crash course counts them', numeric: true, narrow: 'md' },
  { key: 'epochs', label: 'Epochs', title: 'Epochs trained', numeric: true, narrow: 'sm' },
  { key: 'backend', label: 'Backend', title: 'The tfjs backend that trained it', narrow: 'md' },
  { key: 'secondsPerEpoch', label: 's / epoch', title: 'Mean time per epoch', numeric: true, narrow: 'md' },
  { key: 'bestValAcc', label: 'Best val_acc', title: 'Highest validation accuracy over the epochs', numeric: true },
  { key: 'testError', label: 'Test error', title: 'Percent of the 10,000 test digits misclassified after training', numeric: true },
  { key: 'startedAt', label: 'Started', title: 'When the run started', narrow: 'md' },
];

const OUTCOME_LABEL: Record<RunRecord['outcome'], string> = { running: 'training…', done: '', stopped: 'stopped', error: 'error', interrupted: 'interrupted' };

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "14:05" today, "Nov 25" before: enough to tell runs apart; the full date is in the tooltip. */
function when(time: number): string {
  return new Date(time).toDateString() === new Date().toDateString() ? timeFormat.format(time) : dayFormat.format(time);
}

function scrollToBuilder() {
  scrollToElement(document.querySelector('.builder'));
}

function open(id: string) {
  // Only scroll when the network changed now; otherwise the discard question is showing.
  if (openRunInBuilder(id) && !useAppStore.getState().pendingEdit) scrollToBuilder();
}

type Column = (typeof COLUMNS)[number];
const cellClass = (c: Column, extra = '') => [c.numeric ? 'num' : '', c.narrow ? `hide-${c.narrow}` : '', extra].filter(Boolean).join(' ') || undefined;
const column = (key: SortKey) => COLUMNS.find((c) => c.key === key)!;
/** Props of a body cell in `key`'s column. */
const cell = (key: SortKey, extra?: string) => ({ className: cellClass(column(key), extra) });

function SortHeader({ column, sort }: { column: Column; sort: SortOrder }) {
  const active = sort.key === column.key;
  return (
    <th scope="col" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={cellClass(column)}>
      <button type="button" className="sort-button" data-testid={`sort-${column.key}`} title={`${column.title}. Click to sort.`} onClick={() => sortBy(column.key)}>
        {column.label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

const HistoryRow = memo(function HistoryRow({ run, selected, colour }: { run: RunRecord; selected: boolean; colour: string | undefined }) {
  const s = run.settings;
  const best = run.bestValAcc;
  const status = OUTCOME_LABEL[run.outcome];
  return (
    <tr
      data-testid="history-row"
      data-run-id={run.id}
      data-number={run.number}
      data-outcome={run.outcome}
      data-epochs={run.epochs.length}
      data-test-error={run.testError?.toFixed(2) ?? ''}
      className={selected ? 'selected' : undefined}
    >
      <td className="pick">
        <input type="checkbox" checked={selected} data-testid="history-compare" aria-label={`Overlay the curves of run #${run.number}`} onChange={() => toggleCompare(run.id)} />
        {colour && <span className="swatch" style={{ background: colour }} aria-hidden="true" />}
      </td>
      <td {...cell('number')}>{run.number}</td>
      <td {...cell('name', 'network')}>
        <span className="network-name" title={layerSummary(run.architecture)}>
          {run.name}
        </span>
        {run.name === CUSTOM && <small className="layers">{layerSummary(run.architecture)}</small>}
        {status && (
          <span className={`outcome outcome-${run.outcome}`} title={run.message ?? undefined}>
            {status}
          </span>
        )}
        <small>
          {datasetNote(run.architecture)}
          {optimizerSummary(s)} · batch {s.batchSize} · {groupDigits(s.subset)} {datasetInfo(run.architecture.dataset).noun}s ·{' '}
          {s.validation === 'test' ? 'val: test' : 'val: 10% held out'}
        </small>
        <span className="row-actions">
          <button type="button" className="link-button" data-testid="history-open" title="Load this network into the builder (Undo brings yours back)" onClick={() => open(run.id)}>
            Open in builder
          </button>
          <ReplayRunButton id={run.id} number={run.number} />
          <button type="button" className="link-button delete" data-testid="history-delete" disabled={run.outcome === 'running'} title={run.outcome === 'running' ? 'This run is still training' : 'Delete this run from the history'} aria-label={`Delete run #${run.number}`} onClick={() => void deleteRun(run.id)}>
            Delete
          </button>
        </span>
      </td>
      <td {...cell('params')} data-value={run.params}>
        {groupDigits(run.params)}
      </td>
      <td {...cell('connections')} data-value={run.connections}>
        {groupDigits(run.connections)}
      </td>
      <td {...cell('epochs')}>{run.epochs.length}</td>
      <td {...cell('backend')}>{run.backend || '—'}</td>
      <td {...cell('secondsPerEpoch')}>{run.secondsPerEpoch === null ? '—' : run.secondsPerEpoch.toFixed(1)}</td>
      <td {...cell('bestValAcc')} data-value={best ?? ''}>
        {best === null ? '—' : `${(best * 100).toFixed(2)}%`}
      </td>
      <td {...cell('testError')} data-testid="history-test-error" data-value={run.testError?.toFixed(2) ?? ''}>
        {run.testError === null ? '—' : `${run.testError.toFixed(2)}%`}
      </td>
      <td {...cell('startedAt', 'date')} title={fullFormat.format(run.startedAt)}>
        {when(run.startedAt)}
      </td>
    </tr>
  );
});

/** "Fashion-MNIST · ": which data a run trained on, said for every dataset but MNIST. */
function datasetNote(arch: Architecture): string {
  return arch.dataset ? `${datasetInfo(arch.dataset).name} · ` : '';
}

export function HistoryTable({ colours }: { colours: ReadonlyMap<string, string> }) {
  const runs = useAppStore((s) => s.history.runs);
  const sort = useAppStore((s) => s.history.sort);
  const compare = useAppStore((s) => s.history.compare);
  const sorted = useMemo(() => sortRuns(runs, sort), [runs, sort]);
  return (
    <div className="table-scroll">
      <table className="history-table" data-testid="history-table">
        <thead>
          <tr>
            <th scope="col" className="pick">
              <span className="visually-hidden">Overlay</span>
            </th>
            {COLUMNS.map((c) => (
              <SortHeader key={c.key} column={c} sort={sort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <HistoryRow key={r.id} run={r} selected={compare.includes(r.id)} colour={colours.get(r.id)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
