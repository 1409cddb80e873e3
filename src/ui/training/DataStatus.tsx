// Dataset loading: progress in percent and megabytes, a clear error with Retry, counts when ready.
import { formatBytes, groupDigits } from '../../model/format';
import { retryDataset } from '../../state/trainingActions';
import { useAppStore } from '../../state/store';

export function DataStatus() {
  const data = useAppStore((s) => s.data);
  if (data.status === 'idle') return null;
  if (data.status === 'error') {
    return (
      <div className="data-status error-text" role="alert" data-testid="data-error">
        <p>{data.error}</p>
        <button type="button" data-testid="data-retry" onClick={retryDataset}>
          Retry
        </button>
      </div>
    );
  }
  if (data.status === 'loading') {
    const pct = data.totalBytes > 0 ? Math.floor((100 * data.loadedBytes) / data.totalBytes) : 0;
    return (
      <div className="data-status" data-testid="data-progress" data-value={pct}>
        <label>
          Loading MNIST: {pct}% ({formatBytes(data.loadedBytes)} of {data.totalBytes > 0 ? formatBytes(data.totalBytes) : '…'})
          <progress max={100} value={pct} />
        </label>
      </div>
    );
  }
  const info = data.info;
  return (
    <p className="data-status muted" data-testid="data-ready" data-seconds={info?.seconds} data-from-cache={info?.fromCache}>
      MNIST ready: {groupDigits(info?.trainCount ?? 0)} training and {groupDigits(info?.testCount ?? 0)} test digits
      {info && ` (${info.fromCache ? 'from the browser cache' : 'downloaded'} in ${info.seconds.toFixed(1)} s)`}.
    </p>
  );
}
