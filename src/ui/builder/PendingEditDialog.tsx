// Asks before an edit, or Train from fresh weights, discards trained weights.
import { discardWeightsAndApply, keepWeights } from '../../state/builderActions';
import { isRunning } from '../../state/selectors';
import { useAppStore } from '../../state/store';
import { useModal } from '../useModal';

export function PendingEditDialog() {
  const pending = useAppStore((s) => s.pendingEdit);
  const train = pending?.kind === 'train';
  const training = useAppStore(isRunning);
  const dialog = useModal(pending !== null);
  return (
    <dialog ref={dialog} className="confirm" data-testid="discard-dialog" onCancel={keepWeights} aria-labelledby="discard-title">
      <h2 id="discard-title">{train ? 'Train from fresh weights?' : 'Change the network?'}</h2>
      {train ? (
        <p>
          This network has trained weights. Train starts again from fresh, random weights and discards them (the saved copy too). To train them
          further, press <strong>Continue</strong> instead.
        </p>
      ) : (
        <p>
          {training ? 'This network is training. ' : 'This network has trained weights. '}
          Changing it {training ? 'stops the run and ' : ''}discards the weights, because they only fit the network as it is.
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={keepWeights} autoFocus>
          Keep the trained network
        </button>
        <button type="button" className="danger" data-testid="discard-confirm" onClick={discardWeightsAndApply}>
          {train ? 'Discard weights and train afresh' : 'Discard weights and change it'}
        </button>
      </div>
    </dialog>
  );
}
