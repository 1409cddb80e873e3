// What autosave holds, what a reload restored, and persistence errors; then a check of the weights.
import { useAppStore } from '../../state/store';
import { takeOverSaving } from '../../state/autosave';
import { weightsFit } from '../../state/selectors';
import { formatBytes } from '../../model/format';
import { ModelCheck } from './ModelCheck';
import './persist.css';

/** A report the learner can dismiss: what was restored or opened, or what failed. */
function Note({ text, kind, onDismiss }: { text: string | null; kind: 'info' | 'error'; onDismiss: () => void }) {
  if (!text) return null;
  return (
    <p className={kind === 'info' ? 'persist-info' : 'notice'} role={kind === 'info' ? 'status' : 'alert'} data-testid={`persist-${kind}`}>
      {text}{' '}
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </p>
  );
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** Another tab owns the autosave: say so, and offer to save this tab's work instead. */
function OtherTab() {
  const follower = useAppStore((s) => s.tab.role === 'follower');
  if (!follower) return null;
  return (
    <p className="notice" role="status" data-testid="tab-follower">
      Another tab of CNN Playground is saving your work, so what you change in this tab is not saved.{' '}
      <button type="button" data-testid="tab-takeover" onClick={takeOverSaving}>
        Save this tab instead
      </button>
    </p>
  );
}

/** How much this origin stores, how much is left, and whether the browser may clear it. */
function StorageUse() {
  const storage = useAppStore((s) => s.storage);
  if (!storage) return null;
  const left = Math.max(0, storage.quota - storage.used);
  return (
    <p className="muted small" data-testid="storage-usage" data-used={storage.used} data-quota={storage.quota} data-persisted={storage.persisted}>
      Storage: {formatBytes(storage.used)} used, {formatBytes(left)} left
      {storage.persisted ? ' (kept until you delete it)' : ' (the browser may clear it when the disk runs short)'}.
    </p>
  );
}

export function PersistStatus() {
  const autosave = useAppStore((s) => s.autosave);
  const info = useAppStore((s) => s.persistInfo);
  const error = useAppStore((s) => (s.modelsOpen ? null : s.persistError));
  const trained = useAppStore(weightsFit);
  const weightsEpoch = trained ? autosave.weightsEpoch : null;
  return (
    <div className="persist-status advanced">
      <p className="autosave" data-testid="autosave-status" data-state={autosave.state} data-weights-epoch={weightsEpoch ?? ''} data-saved-at={autosave.savedAt ?? ''}>
        {autosave.state === 'off' && 'Reading your saved work…'}
        {autosave.state !== 'off' && autosave.savedAt !== null && (
          <>
            Saved in this browser at {timeFormat.format(autosave.savedAt)}: the network
            {weightsEpoch !== null ? ` and its weights from epoch ${weightsEpoch}` : ''}.
          </>
        )}
      </p>
      <OtherTab />
      {autosave.error && (
        <p className="notice" role="alert" data-testid="autosave-error">
          {autosave.error}
        </p>
      )}
      <Note text={info} kind="info" onDismiss={() => useAppStore.setState({ persistInfo: null })} />
      <Note text={error} kind="error" onDismiss={() => useAppStore.setState({ persistError: null })} />
      <StorageUse />
      <ModelCheck />
    </div>
  );
}
