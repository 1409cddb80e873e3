// What autosave holds, what a reload restored, and persistence errors; then a check of the weights.
import { useAppStore } from '../../state/store';
import { ModelCheck } from './ModelCheck';
import './persist.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function PersistStatus() {
  const autosave = useAppStore((s) => s.autosave);
  const info = useAppStore((s) => s.persistInfo);
  const error = useAppStore((s) => (s.modelsOpen ? null : s.persistError));
  const trained = useAppStore((s) => s.trainedKey !== null && s.trainedKey === JSON.stringify(s.architecture));
  const weightsEpoch = trained ? autosave.weightsEpoch : null;
  return (
    <div className="persist-status">
      <p className="autosave" data-testid="autosave-status" data-state={autosave.state} data-weights-epoch={weightsEpoch ?? ''} data-saved-at={autosave.savedAt ?? ''}>
        {autosave.state === 'off' && 'Reading your saved work…'}
        {autosave.state !== 'off' && autosave.savedAt !== null && (
          <>
            Saved in this browser at {timeFormat.format(autosave.savedAt)}: the network
            {weightsEpoch !== null ? ` and its weights from epoch ${weightsEpoch}` : ''}.
          </>
        )}
      </p>
      {autosave.error && (
        <p className="notice" role="alert" data-testid="autosave-error">
          {autosave.error}
        </p>
      )}
      {info && (
        <p className="persist-info" role="status" data-testid="persist-info">
          {info}{' '}
          <button type="button" className="link-button" onClick={() => useAppStore.setState({ persistInfo: null })}>
            Dismiss
          </button>
        </p>
      )}
      {error && (
        <p className="notice" role="alert" data-testid="persist-error">
          {error}{' '}
          <button type="button" className="link-button" onClick={() => useAppStore.setState({ persistError: null })}>
            Dismiss
          </button>
        </p>
      )}
      <ModelCheck />
    </div>
  );
}
