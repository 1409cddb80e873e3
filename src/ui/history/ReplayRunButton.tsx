// "Replay" on a history row whose checkpoints were kept: brings back the run's network, weights and checkpoints for Watch it learn.
import { formatBytes } from '../../model/format';
import { replayRun } from '../../state/replayHistory';
import { isRunning } from '../../state/selectors';
import { useAppStore } from '../../state/store';

export function ReplayRunButton({ id, number }: { id: string; number: number }) {
  const kept = useAppStore((s) => s.replay.index[id]);
  const running = useAppStore(isRunning);
  if (!kept) return null;
  return (
    <button
      type="button"
      className="link-button"
      data-testid="history-replay"
      disabled={running}
      title={`Its ${kept.count} checkpoints (${formatBytes(kept.bytes)}) are kept: load the run's network and weights and watch it learn again`}
      aria-label={`Replay run #${number}`}
      onClick={() => void replayRun(id)}
    >
      Replay
    </button>
  );
}
