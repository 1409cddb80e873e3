// Restoring the checkpoint shown as the live weights: one button, a question that says what it replaces, and Undo after.
import { useState } from 'react';
import { dismissRestoreNote, restorePlan, restoreShown, shownCheckpoint, undoRestore } from '../../state/replayActions';
import { isRunning } from '../../state/selectors';
import { useAppStore } from '../../state/store';
import { useModal } from '../useModal';

export function RestoreControls() {
  const shown = useAppStore(shownCheckpoint);
  const running = useAppStore(isRunning);
  const undo = useAppStore((s) => s.replay.undo);
  const error = useAppStore((s) => s.replay.error);
  const [asking, setAsking] = useState<{ restores: string; replaces: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useModal(asking !== null);
  const confirm = async () => {
    setBusy(true);
    await restoreShown();
    setBusy(false);
    setAsking(null);
  };
  return (
    <>
      {shown !== null && (
        <div className="restore-row">
          <button type="button" data-testid="restore-checkpoint" disabled={running} onClick={() => setAsking(restorePlan())} title={running ? 'Stop or finish the run first' : undefined}>
            Restore these weights…
          </button>
          <span className="hint">{running ? 'Restoring waits for the run to end.' : 'Makes this moment the network’s weights (undoable).'}</span>
        </div>
      )}
      {undo && (
        <p className="restore-note" role="status" data-testid="restore-note">
          Restored the weights of {undo.restored}, replacing {undo.replaced}. Continue, export, autosave and Models now use them.{' '}
          <button type="button" data-testid="restore-undo" onClick={() => void undoRestore()} disabled={running}>
            Undo
          </button>{' '}
          <button type="button" className="link-button" onClick={dismissRestoreNote}>
            Dismiss
          </button>
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <dialog ref={dialog} className="confirm" data-testid="restore-dialog" onCancel={() => setAsking(null)} aria-labelledby="restore-title">
        <h2 id="restore-title">Restore these weights?</h2>
        {asking && (
          <p>
            The network’s weights become those of <strong>{asking.restores}</strong>, replacing {asking.replaces}. The learning curves go back to
            that moment; Continue trains on from there, and export, autosave and Models use these weights. You can undo it.
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={() => setAsking(null)} autoFocus>
            Keep the weights of now
          </button>
          <button type="button" className="primary" data-testid="restore-confirm" disabled={busy} onClick={() => void confirm()}>
            Restore
          </button>
        </div>
      </dialog>
    </>
  );
}
