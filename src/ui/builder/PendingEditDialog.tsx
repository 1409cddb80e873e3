// Asks before an edit discards trained weights (the network they belong to would change).
import { discardWeightsAndApply, keepWeights } from '../../state/builderActions';
import { isRunning } from '../../state/selectors';
import { useAppStore } from '../../state/store';
import { useModal } from '../useModal';

export function PendingEditDialog() {
  const pending = useAppStore((s) => s.pendingEdit);
  const training = useAppStore(isRunning);
  const dialog = useModal(pending !== null);
  return (
    <dialog ref={dialog} className="confirm" data-testid="discard-dialog" onCancel={keepWeights} aria-labelledby="discard-title">
      <h2 id="discard-title">Change the network?</h2>
      <p>
        {training ? 'This network is training. ' : 'This network has trained weights. '}
        Changing it {training ? 'stops the run and ' : ''}discards the weights, because they only fit the network as it is.
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={keepWeights} autoFocus>
          Keep the trained network
        </button>
        <button type="button" className="danger" data-testid="discard-confirm" onClick={discardWeightsAndApply}>
          Discard weights and change it
        </button>
      </div>
    </dialog>
  );
}
