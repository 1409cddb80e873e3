// Settings beyond the seed's: augmentation with its preview, a learning-rate schedule, early stopping.
import { AUGMENT_LIMITS, SCHEDULES } from '../../model/training';
import type { ScheduleName, TrainSettings } from '../../model/training';
import { updateSettings } from '../../state/trainingActions';
import { NumberField } from '../builder/NumberField';
import { AugmentPreview } from './AugmentPreview';

const SCHEDULE_LABEL: Record<ScheduleName, string> = { none: 'constant', step: 'step decay', cosine: 'cosine decay', onecycle: 'one-cycle' };

type NumberKey = 'shiftPixels' | 'rotationDegrees' | 'zoomPercent' | 'stepEvery' | 'stepFactor' | 'patience';

function Check({ label, checked, testId, onChange }: { label: string; checked: boolean; testId: string; onChange: (v: boolean) => void }) {
  return (
    <label className="field inline">
      <input type="checkbox" data-testid={testId} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

export function RecipeSettings({ settings }: { settings: TrainSettings }) {
  const num = (label: string, key: NumberKey, testId: string, extra: { step?: number; min?: number; max?: number } = {}) => (
    <NumberField label={label} value={settings[key]} testId={testId} onChange={(v) => updateSettings({ [key]: v })} {...extra} />
  );
  return (
    <div className="recipe">
      <div className="recipe-block">
        <Check label="augment training digits (random shifts, rotations, zooms)" checked={settings.augment} testId="train-augment" onChange={(augment) => updateSettings({ augment })} />
        {settings.augment && (
          <div className="fields">
            {num('shift ± pixels', 'shiftPixels', 'train-shift', { min: 0, max: AUGMENT_LIMITS.shiftPixels, step: 0.5 })}
            {num('rotation ± degrees', 'rotationDegrees', 'train-rotation', { min: 0, max: AUGMENT_LIMITS.rotationDegrees })}
            {num('zoom ± %', 'zoomPercent', 'train-zoom', { min: 0, max: AUGMENT_LIMITS.zoomPercent })}
          </div>
        )}
        {settings.augment && <AugmentPreview ranges={settings} />}
      </div>
      <div className="recipe-block">
        <div className="fields">
          <label className="field">
            <span>learning-rate schedule</span>
            <select data-testid="train-schedule" value={settings.schedule} onChange={(e) => updateSettings({ schedule: e.target.value as ScheduleName })}>
              {SCHEDULES.map((s) => (
                <option key={s} value={s}>
                  {SCHEDULE_LABEL[s]}
                </option>
              ))}
            </select>
          </label>
          {settings.schedule === 'step' && num('every N epochs', 'stepEvery', 'train-step-every', { min: 1 })}
          {settings.schedule === 'step' && num('multiply by', 'stepFactor', 'train-step-factor', { min: 0, max: 1, step: 0.1 })}
        </div>
        {settings.schedule === 'cosine' && <span className="muted hint">The rate falls smoothly from the one above to 0 by the last epoch.</span>}
        {settings.schedule === 'onecycle' && <span className="muted hint">The rate climbs from a tenth of the one above to it over the first fifth of the run, then falls smoothly to 0 by the last epoch.</span>}
      </div>
      <div className="recipe-block">
        <Check label="stop early on validation loss" checked={settings.earlyStop} testId="train-early-stop" onChange={(earlyStop) => updateSettings({ earlyStop })} />
        {settings.earlyStop && (
          <div className="fields">
            {num('patience (epochs)', 'patience', 'train-patience', { min: 1, max: 50 })}
            <span className="muted hint">
              Stops when validation loss has not improved for that many epochs, and keeps the best epoch’s weights
              {settings.validation === 'test' ? ' (picked on the test set, so its test error flatters a little).' : '.'}
            </span>
          </div>
        )}
      </div>
    </div>
  );
}
