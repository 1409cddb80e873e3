// The training panel: the run's buttons and live status first (it stays on screen beside the network), then backend and settings.
import { PersistStatus } from '../persist/PersistStatus';
import { CurvesLink } from '../curves/CurvesLink';
import { BackendPicker } from './BackendPicker';
import { DataStatus } from './DataStatus';
import { EarlyStopNote } from './EarlyStopNote';
import { EpochLog } from './EpochLog';
import { MiniCurves } from './MiniCurves';
import { RunControls } from './RunControls';
import { RunStatus } from './RunStatus';
import { SettingsForm } from './SettingsForm';

export function TrainingPanel() {
  return (
    <section className="panel training" id="train" aria-labelledby="training-title">
      <h2 id="training-title">Train on MNIST</h2>
      <RunControls />
      <DataStatus />
      <RunStatus />
      <MiniCurves />
      <CurvesLink />
      <EarlyStopNote />
      <BackendPicker />
      <SettingsForm />
      <EpochLog />
      <PersistStatus />
    </section>
  );
}
