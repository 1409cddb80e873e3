// Training settings: epochs, batch size, optimiser and its own settings, learning rate, subset, validation, seed, and the recipe.
import { settingsProblems } from '../../model/training';
import type { TrainSettings } from '../../model/training';
import { updateSettings } from '../../state/trainingActions';
import { useAppStore } from '../../state/store';
import { batchTooLarge, isRunning } from '../../state/selectors';
import { selectTrainCount } from '../../state/datasetSelectors';
import { NumberField } from '../builder/NumberField';
import { OptimizerFields } from './OptimizerFields';
import { RecipeSettings } from './RecipeSettings';

export function SettingsForm() {
  const settings = useAppStore((s) => s.settings);
  const running = useAppStore(isRunning);
  const available = useAppStore(selectTrainCount);
  const batchProblem = useAppStore(batchTooLarge);
  const problems = [...settingsProblems(settings, available), ...(batchProblem ? [batchProblem] : [])];
  const num = (label: string, key: keyof TrainSettings, testId: string, extra: { step?: number; min?: number; max?: number; className?: string } = {}) => (
    <NumberField label={label} value={settings[key] as number} testId={testId} onChange={(v) => updateSettings({ [key]: v })} {...extra} />
  );
  return (
    <fieldset className="settings" disabled={running}>
      <legend>Settings</legend>
      <div className="fields">
        {num('epochs', 'epochs', 'train-epochs', { min: 1, max: 200 })}
        {num('batch size', 'batchSize', 'train-batch-size', { min: 1, max: 2048 })}
        {num('training examples', 'subset', 'train-subset', { min: 10, max: available, step: available > 10_000 ? 1000 : 1 })}
        <OptimizerFields settings={settings} />
        <label className="field advanced">
          <span>validate on</span>
          <select data-testid="train-validation" value={settings.validation} onChange={(e) => updateSettings({ validation: e.target.value as TrainSettings['validation'] })}>
            <option value="test">test set (as the seed)</option>
            <option value="holdout">10% held out of training</option>
          </select>
        </label>
        {num('random seed', 'seed', 'train-seed', { min: 0, className: 'advanced' })}
      </div>
      <RecipeSettings settings={settings} />
      {problems.length > 0 && (
        <ul className="error-text" data-testid="settings-error" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
