// The challenge part of the Lesson link dialog: none, a built-in one, or the teacher's own goal and limits.
import { useState } from 'react';
import type { Challenge, ChallengeDataset, Constraint } from '../../model/guide/challenge';
import { DATASETS } from '../../model/datasets';
import { BUILTIN_CHALLENGES, CHALLENGE_DATASETS, MAX_TITLE, describeChallenge, readChallenge } from '../../model/guide/challenge';

interface Custom {
  title: string;
  goal: 'errorBelow' | 'accuracyAtLeast';
  percent: string;
  params: string;
  epochs: string;
  noHiddenDense: boolean;
  noAugmentation: boolean;
  rankBy: Challenge['rankBy'];
  dataset: ChallengeDataset;
}

const START: Custom = { title: '', goal: 'errorBelow', percent: '1.5', params: '50000', epochs: '3', noHiddenDense: false, noAugmentation: false, rankBy: 'testError', dataset: 'mnist' };

/** The custom form as a challenge, checked exactly as a link's challenge is checked when it arrives. */
function build(c: Custom): ReturnType<typeof readChallenge> {
  const constraints: Constraint[] = [];
  const whole = (text: string) => Number(text.replace(/[,\s]/g, ''));
  if (c.params.trim() !== '') constraints.push({ kind: 'paramsBelow', value: whole(c.params) });
  if (c.epochs.trim() !== '') constraints.push({ kind: 'epochsAtMost', value: whole(c.epochs) });
  if (c.noHiddenDense) constraints.push({ kind: 'noHiddenDense' });
  if (c.noAugmentation) constraints.push({ kind: 'noAugmentation' });
  return readChallenge({ id: 'custom', title: c.title, goal: { kind: c.goal, percent: Number(c.percent) }, constraints, rankBy: c.rankBy, dataset: c.dataset });
}

export function ChallengeEditor({ onChange }: { onChange: (challenge: Challenge | null) => void }) {
  const [mode, setMode] = useState<string>('');
  const [custom, setCustom] = useState<Custom>(START);
  const built = build(custom);
  const choose = (m: string, c: Custom = custom) => {
    setMode(m);
    setCustom(c);
    if (m === '') onChange(null);
    else if (m === 'custom') {
      const read = build(c);
      onChange(read.ok ? read.challenge : null);
    } else onChange(BUILTIN_CHALLENGES.find((b) => b.id === m) ?? null);
  };
  const edit = (patch: Partial<Custom>) => choose('custom', { ...custom, ...patch });
  return (
    <fieldset className="settings challenge-editor">
      <legend>Challenge for the class</legend>
      <label className="field">
        <span>Challenge</span>
        <select data-testid="lesson-challenge" value={mode} onChange={(e) => choose(e.target.value)}>
          <option value="">none</option>
          {BUILTIN_CHALLENGES.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
          <option value="custom">your own…</option>
        </select>
      </label>
      {mode === 'custom' && (
        <div className="fields challenge-fields">
          <label className="field">
            <span>Title (optional)</span>
            <input data-testid="challenge-title" value={custom.title} maxLength={MAX_TITLE} onChange={(e) => edit({ title: e.target.value })} />
          </label>
          <label className="field">
            <span>Test set</span>
            <select data-testid="challenge-dataset" value={custom.dataset} onChange={(e) => edit({ dataset: e.target.value as ChallengeDataset })}>
              {CHALLENGE_DATASETS.map((d) => (
                <option key={d} value={d}>
                  {DATASETS[d].name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Goal</span>
            <select data-testid="challenge-goal" value={custom.goal} onChange={(e) => edit({ goal: e.target.value as Custom['goal'] })}>
              <option value="errorBelow">test error under</option>
              <option value="accuracyAtLeast">accuracy of at least</option>
            </select>
          </label>
          <label className="field">
            <span>%</span>
            <input data-testid="challenge-percent" inputMode="decimal" value={custom.percent} onChange={(e) => edit({ percent: e.target.value })} />
          </label>
          <label className="field">
            <span>Fewer parameters than (blank: any)</span>
            <input data-testid="challenge-params" inputMode="numeric" value={custom.params} onChange={(e) => edit({ params: e.target.value })} />
          </label>
          <label className="field">
            <span>At most epochs (blank: any)</span>
            <input data-testid="challenge-epochs" inputMode="numeric" value={custom.epochs} onChange={(e) => edit({ epochs: e.target.value })} />
          </label>
          <label className="field inline">
            <input type="checkbox" checked={custom.noHiddenDense} onChange={(e) => edit({ noHiddenDense: e.target.checked })} /> no Dense layer but the output
          </label>
          <label className="field inline">
            <input type="checkbox" checked={custom.noAugmentation} onChange={(e) => edit({ noAugmentation: e.target.checked })} /> no augmentation
          </label>
          <label className="field">
            <span>Rank the class by</span>
            <select data-testid="challenge-rank" value={custom.rankBy} onChange={(e) => edit({ rankBy: e.target.value as Custom['rankBy'] })}>
              <option value="testError">test error</option>
              <option value="params">parameters</option>
              <option value="seconds">training time</option>
            </select>
          </label>
          {built.ok ? (
            <p className="hint" data-testid="challenge-preview">
              {describeChallenge(built.challenge)}.
            </p>
          ) : (
            <p className="error-text" role="alert" data-testid="challenge-error">
              {built.error} The link carries no challenge until this is fixed.
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
