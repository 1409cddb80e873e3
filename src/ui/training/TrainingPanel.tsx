// The training panel: the run's buttons and live status first (it stays on screen beside the network), then backend and settings.
import { ChallengePanel } from '../guide/ChallengePanel';
import { PersistStatus } from '../persist/PersistStatus';
import { CurvesLink } from '../curves/CurvesLink';
import { DatasetPicker } from '../data/DatasetPicker';
import { selectDatasetInfo } from '../../state/datasetSelectors';
import { useAppStore } from '../../state/store';
import { BackendPicker } from './BackendPicker';
import { DataStatus } from './DataStatus';
import { EarlyStopNote } from './EarlyStopNote';
import { EpochLog } from './EpochLog';
import { MiniCurves } from './MiniCurves';
import { RunControls } from './RunControls';
import { RunStatus } from './RunStatus';
import { SettingsForm } from './SettingsForm';

export function TrainingPanel() {
  const name = useAppStore((s) => selectDatasetInfo(s).name);
  return (
    <section className="panel training" id="train" aria-labelledby="training-title">
      <h2 id="training-title">Train on {name === 'MNIST digits' ? 'MNIST' : name.replace(/^Your/, 'your')}</h2>
      <RunControls />
      <DataStatus />
      <RunStatus />
      <ChallengePanel />
      <MiniCurves />
      <CurvesLink />
      <EarlyStopNote />
      <DatasetPicker />
      <BackendPicker />
      <SettingsForm />
      <EpochLog />
      <PersistStatus />
    </section>
  );
}
