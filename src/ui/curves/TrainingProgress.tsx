// The run's progress bar: how far through all epochs, with epoch, batch, speed and time left beside it.
import { formatDuration, groupDigits } from '../../model/format';
import { useAppStore } from '../../state/store';

export function TrainingProgress() {
  const run = useAppStore((s) => s.run);
  const batch = useAppStore((s) => s.latestBatch);
  const lastEpoch = useAppStore((s) => s.epochs.at(-1));
  if (!run) return null;
  const epochs = run.settings.epochs;
  const finished = run.status === 'done' && !run.stopped;
  const fraction = finished ? 1 : batch && epochs > 0 ? Math.min(1, ((batch.epoch - 1) * batch.batchesPerEpoch + batch.batch) / (epochs * batch.batchesPerEpoch)) : 0;
  const pct = Math.round(fraction * 1000) / 10;
  const active = run.status === 'training' || run.status === 'paused';
  const speed = active && batch ? batch.examplesPerSecond : lastEpoch?.examplesPerSecond;
  const parts = [
    `Epoch ${Math.max(1, Math.min(batch?.epoch ?? run.epoch, epochs))} of ${epochs}`,
    batch && active ? `batch ${groupDigits(batch.batch)} of ${groupDigits(batch.batchesPerEpoch)}` : null,
    speed ? `${groupDigits(Math.round(speed))} examples/s` : null,
    run.status === 'training' && batch ? `about ${formatDuration(batch.secondsLeft)} left` : null,
    run.status === 'paused' ? 'paused' : null,
    run.status === 'loading' ? 'getting ready…' : null,
    run.status === 'done' ? (run.stopped ? 'stopped' : 'finished') : null,
  ].filter((x): x is string => x !== null);
  return (
    <div className="progress" data-testid="train-progress" data-value={fraction.toFixed(4)} data-state={run.status}>
      <div className="progress-track" role="progressbar" aria-label="Training progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={parts.join(', ')}>
        <div className={`progress-fill${run.status === 'paused' ? ' paused' : ''}`} style={{ transform: `scaleX(${fraction})` }} />
        {epochs > 1 && epochs <= 50 && Array.from({ length: epochs - 1 }, (_, i) => <span key={i} className="progress-tick" style={{ left: `${((i + 1) / epochs) * 100}%` }} />)}
      </div>
      <p className="progress-text">
        <strong>{pct.toFixed(pct < 10 ? 1 : 0)}%</strong> · {parts.join(' · ')}
      </p>
    </div>
  );
}
