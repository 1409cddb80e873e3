// The optimiser picker, its learning rate and its own settings (advanced: hidden in presenter mode).
import type { OptimizerField, OptimizerName } from '../../model/optimizers';
import { FIELD_LABEL, OPTIMIZER_INFO, OPTIMIZERS, withOptimizer } from '../../model/optimizers';
import type { TrainSettings } from '../../model/training';
import { updateSettings } from '../../state/trainingActions';
import { NumberField } from '../builder/NumberField';

const TEST_ID: Record<OptimizerField, string> = {
  momentum: 'train-momentum',
  nesterov: 'train-nesterov',
  beta1: 'train-beta1',
  beta2: 'train-beta2',
  rho: 'train-rho',
  initialAccumulator: 'train-initial-accumulator',
  epsilon: 'train-epsilon',
};

const STEP: Record<Exclude<OptimizerField, 'nesterov'>, number> = { momentum: 0.05, beta1: 0.01, beta2: 0.001, rho: 0.01, initialAccumulator: 0.05, epsilon: 1e-7 };

export function OptimizerFields({ settings }: { settings: TrainSettings }) {
  const info = OPTIMIZER_INFO[settings.optimizer];
  return (
    <>
      <label className="field advanced">
        <span>optimiser</span>
        <select data-testid="train-optimizer" value={settings.optimizer} onChange={(e) => updateSettings(withOptimizer(settings, e.target.value as OptimizerName))}>
          {OPTIMIZERS.map((o) => (
            <option key={o} value={o}>
              {OPTIMIZER_INFO[o].label}
            </option>
          ))}
        </select>
      </label>
      <NumberField label="learning rate" value={settings.learningRate} testId="train-learning-rate" step={0.0005} min={0} className="advanced" onChange={(learningRate) => updateSettings({ learningRate })} />
      {info.fields.map((field) =>
        field === 'nesterov' ? (
          <label key={field} className="field inline advanced">
            <input type="checkbox" data-testid={TEST_ID[field]} checked={settings.nesterov} onChange={(e) => updateSettings({ nesterov: e.target.checked })} />
            Nesterov
          </label>
        ) : (
          <NumberField
            key={field}
            label={FIELD_LABEL[field].label}
            value={settings[field]}
            testId={TEST_ID[field]}
            step={STEP[field]}
            min={0}
            max={field === 'initialAccumulator' ? 100 : 1}
            className="advanced"
            onChange={(v) => updateSettings({ [field]: v })}
          />
        ),
      )}
    </>
  );
}
