// The live status of a run: state, epoch and batch progress, loss, accuracy, speed, time left, result.
import { groupDigits } from '../../model/format';
import { selectDatasetInfo } from '../../state/datasetSelectors';
import { useAppStore } from '../../state/store';
import { dismissNotice } from '../../state/trainingActions';
import { restartWorker } from '../../state/worker';

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '—';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.ceil(seconds - m * 60)} s`;
}

const STATE_LABEL = { idle: 'Not trained yet', loading: 'Loading…', training: 'Training', paused: 'Paused', done: 'Done', error: 'Stopped by an error' };

export function RunStatus() {
  const run = useAppStore((s) => s.run);
  const batch = useAppStore((s) => s.latestBatch);
  const lastEpoch = useAppStore((s) => s.epochs.at(-1));
  const evaluation = useAppStore((s) => s.evaluation);
  const noun = useAppStore((s) => selectDatasetInfo(s).noun);
  const comparability = useAppStore((s) => selectDatasetInfo(s).comparabilityNote);
  const notice = useAppStore((s) => s.notice);
  const workerFailed = useAppStore((s) => s.workerStatus.state === 'failed');
  const status = run?.status ?? 'idle';
  const epochs = run?.settings.epochs ?? 0;
  const fraction = batch && epochs > 0 ? ((batch.epoch - 1) * batch.batchesPerEpoch + batch.batch) / (epochs * batch.batchesPerEpoch) : status === 'done' ? 1 : 0;
  const label = status === 'done' && run?.stopped ? 'Stopped (weights kept)' : STATE_LABEL[status];
  return (
    <div className="run-status">
      {notice && (
        <p className="notice" role="alert" data-testid="notice">
          {notice}{' '}
          {workerFailed && (
            <button type="button" data-testid="worker-restart" onClick={restartWorker}>
              Restart the worker
            </button>
          )}{' '}
          <button type="button" className="link-button" onClick={dismissNotice}>
            Dismiss
          </button>
        </p>
      )}
      <p data-testid="train-status" data-state={status} data-epoch={run?.epoch ?? 0} aria-live="polite">
        <strong>{label}</strong>
        {run && ` · epoch ${Math.min(batch?.epoch ?? run.epoch, epochs)} of ${epochs}`}
        {batch && status !== 'done' && ` · batch ${batch.batch} of ${batch.batchesPerEpoch}`}
        {status === 'training' && batch && ` · about ${duration(batch.secondsLeft)} left`}
      </p>
      {run && <progress className="run-progress" max={1} value={fraction} aria-label="Training progress" />}
      {run?.message && (
        <p className="error-text" role="alert" data-testid="train-message">
          {run.message}
        </p>
      )}
      <dl className="live-metrics">
        <div>
          <dt>loss</dt>
          <dd data-testid="live-loss">{batch ? batch.loss.toFixed(4) : '—'}</dd>
        </div>
        <div>
          <dt>accuracy</dt>
          <dd data-testid="live-acc">{batch ? `${(batch.acc * 100).toFixed(2)}%` : '—'}</dd>
        </div>
        <div>
          <dt>val_loss / val_acc</dt>
          <dd>{lastEpoch ? `${lastEpoch.valLoss.toFixed(4)} / ${(lastEpoch.valAcc * 100).toFixed(2)}%` : '—'}</dd>
        </div>
        <div>
          <dt>examples / s</dt>
          <dd data-testid="throughput" data-value={lastEpoch ? Math.round(lastEpoch.examplesPerSecond) : batch ? Math.round(batch.examplesPerSecond) : ''}>
            {lastEpoch ? groupDigits(Math.round(lastEpoch.examplesPerSecond)) : batch ? groupDigits(Math.round(batch.examplesPerSecond)) : '—'}
          </dd>
        </div>
      </dl>
      {evaluation && (
        <p className="test-error" data-testid="test-error" data-value={evaluation.testError.toFixed(2)}>
          {evaluation.networkKind === 'cnn' ? 'CNN' : 'Baseline'} Error: {evaluation.testError.toFixed(2)}%
          <small>
            {' '}
            on the {groupDigits(evaluation.testCount)} {run?.testSet ?? `test ${noun}s`}
          </small>
        </p>
      )}
      {evaluation && comparability && !run?.testSet && (
        <p className="hint" data-testid="test-error-note">
          {comparability}
        </p>
      )}
    </div>
  );
}
