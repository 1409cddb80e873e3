// Says when early stopping ended the run, and whose weights the network now holds.
import { useAppStore } from '../../state/store';

export function EarlyStopNote() {
  const note = useAppStore((s) => (s.earlyStop && s.earlyStop.runId === s.run?.id ? s.earlyStop : null));
  const patience = useAppStore((s) => s.run?.settings.patience ?? 0);
  if (!note) return null;
  return (
    <p className="early-stop-note" data-testid="early-stop-note" data-best-epoch={note.bestEpoch} data-epoch={note.epoch}>
      Stopped early after epoch {note.epoch}: validation loss had not improved for {patience} epochs. The network holds the weights of epoch{' '}
      {note.bestEpoch} (validation loss {note.bestLoss.toFixed(4)}), and the test error above is theirs.
    </p>
  );
}
