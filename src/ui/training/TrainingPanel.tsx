// The training panel: backend, settings, the run's buttons, and its live status.
import { ChallengePanel } from '../guide/ChallengePanel';
import { PersistStatus } from '../persist/PersistStatus';
import { CurvesLink } from '../curves/CurvesLink';
import { BackendPicker } from './BackendPicker';
import { DataStatus } from './DataStatus';
import { EarlyStopNote } from './EarlyStopNote';
import { EpochLog } from './EpochLog';
import { RunControls } from './RunControls';
import { RunStatus } from './RunStatus';
import { SettingsForm } from './SettingsForm';

export function TrainingPanel() {
  return (
    <section className="panel training" id="train" aria-labelledby="training-title">
      <h2 id="training-title">Train on MNIST</h2>
      <BackendPicker />
      <SettingsForm />
      <RunControls />
      <DataStatus />
      <RunStatus />
      <ChallengePanel />
      <EarlyStopNote />
      <EpochLog />
      <PersistStatus />
      <CurvesLink />
    </section>
  );
}
