// Train, pause/resume, stop, continue and reset: the buttons that drive a run.
import { isRunning, weightsFit } from '../../state/selectors';
import {
  pauseTraining,
  resetWeights,
  resumeTraining,
  startTraining,
  stepTraining,
  stopTraining,
  whyCannotTrain,
} from '../../state/trainingActions';
import { useAppStore } from '../../state/store';

export function RunControls() {
  const status = useAppStore((s) => s.run?.status);
  const canContinue = useAppStore(weightsFit);
  const blocked = useAppStore(whyCannotTrain);
  const running = useAppStore(isRunning);
  return (
    <div className="run-controls">
      <button type="button" className="primary" data-testid="train-start" disabled={running || blocked !== null} title={blocked ?? 'Train from fresh weights'} onClick={() => startTraining(false)}>
        ▶ Train
      </button>
      {status === 'paused' ? (
        <button type="button" data-testid="train-pause" onClick={resumeTraining}>
          ▶ Resume
        </button>
      ) : (
        <button type="button" data-testid="train-pause" disabled={status !== 'training'} onClick={pauseTraining}>
          ❚❚ Pause
        </button>
      )}
      <button type="button" data-testid="train-stop" disabled={!running} onClick={stopTraining}>
        ■ Stop
      </button>
      <button type="button" data-testid="train-continue" disabled={running || !canContinue || blocked !== null} title="Train more epochs from the current weights" onClick={() => startTraining(true)}>
        ↻ Continue
      </button>
      <span className="step-controls" role="group" aria-label="Step mode">
        <button type="button" data-testid="train-step-batch" disabled={status === 'training' || status === 'loading' || blocked !== null} title="Train one batch, then pause" onClick={() => stepTraining('batch')}>
          +1 batch
        </button>
        <button type="button" data-testid="train-step-epoch" disabled={status === 'training' || status === 'loading' || blocked !== null} title="Train one epoch, then pause" onClick={() => stepTraining('epoch')}>
          +1 epoch
        </button>
      </span>
      <button type="button" data-testid="train-reset" disabled={running || !canContinue} onClick={resetWeights}>
        Reset weights
      </button>
    </div>
  );
}
