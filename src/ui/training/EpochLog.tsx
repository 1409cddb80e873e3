// The per-epoch log, printed the way Keras prints it in the seed's listings.
import { useAppStore } from '../../state/store';
import { PenaltyNote } from '../common/PenaltyNote';

export function EpochLog() {
  const epochs = useAppStore((s) => s.epochs);
  const total = useAppStore((s) => s.run?.settings.epochs ?? 0);
  // Keras prints the rate only when a callback changes it; so do we.
  const scheduled = useAppStore((s) => (s.run?.settings.schedule ?? 'none') !== 'none');
  if (epochs.length === 0) return null;
  return (
    <>
      <PenaltyNote />
      {/* Focusable: the log scrolls once it outgrows its box, and keyboard users scroll it too. */}
      <pre className="epoch-log" data-testid="epoch-log" aria-label="Epoch log" tabIndex={0}>
        {epochs.map((e) => (
          <span key={e.epoch} data-testid="epoch-row" data-epoch={e.epoch} data-num-tensors={e.numTensors} data-val-acc={e.valAcc}>
            {`Epoch ${e.epoch}/${total} - ${Math.round(e.seconds)}s - loss: ${e.loss.toFixed(4)} - acc: ${e.acc.toFixed(4)} - val_loss: ${e.valLoss.toFixed(4)} - val_acc: ${e.valAcc.toFixed(4)}${scheduled ? ` - lr: ${e.learningRate.toPrecision(3)}` : ''}\n`}
          </span>
        ))}
      </pre>
    </>
  );
}
