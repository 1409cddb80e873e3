// Dataset loading: progress in percent and megabytes, a clear error with Retry, counts when ready.
import { formatBytes, groupDigits } from '../../model/format';
import { retryDataset } from '../../state/trainingActions';
import { selectDatasetInfo } from '../../state/datasetSelectors';
import { useAppStore } from '../../state/store';

export function DataStatus() {
  const data = useAppStore((s) => s.data);
  const info = useAppStore(selectDatasetInfo);
  const title = info.id === 'mnist' ? 'MNIST' : info.name;
  const nouns = `${info.noun}s`;
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
          Loading {title}: {pct}% ({formatBytes(data.loadedBytes)} of {data.totalBytes > 0 ? formatBytes(data.totalBytes) : '…'})
          <progress max={100} value={pct} />
        </label>
      </div>
    );
  }
  const ready = data.info;
  const origin = ready && info.id !== 'custom' ? ` (${ready.fromCache ? 'from the browser cache' : 'downloaded'} in ${ready.seconds.toFixed(1)} s)` : '';
  return (
    <p className="data-status muted" data-testid="data-ready" data-seconds={ready?.seconds} data-from-cache={ready?.fromCache}>
      {title} ready: {groupDigits(ready?.trainCount ?? 0)} training and {groupDigits(ready?.testCount ?? 0)} test {nouns}
      {origin}.
    </p>
  );
}
