// The replay's panels wired to the store: histograms and gradients of the run, each asking the worker only while on screen.
import { useCallback, useMemo, useState } from 'react';
import type { Architecture } from '../../model/architecture';
import type { Moment } from '../../model/checkpoints';
import { formatEpoch, shortLabel } from '../../model/checkpoints';
import { gradientNotes } from '../../model/gradients';
import { askHistograms, showMoment } from '../../state/replayActions';
import type { AppState } from '../../state/store';
import { useAppStore } from '../../state/store';
import { isTraining } from '../../state/selectors';
import { useThrottledStore } from '../curves/useThrottledStore';
import { useVisible } from '../curves/useVisible';
import { useLatest, useWeightsTick } from '../inspect/hooks';
import { GradientChart } from './GradientChart';
import { GradientNotes } from './GradientNotes';
import { nearestMoment } from './useMoments';
import { WeightHistograms } from './WeightHistograms';

/** The network the worker's weights belong to (its key is its JSON), or the last run's when it left none. */
export function useTrainedArchitecture(): Architecture | null {
  const key = useAppStore((s) => s.trainedKey ?? s.run?.architectureKey ?? null);
  return useMemo(() => (key ? (JSON.parse(key) as Architecture) : null), [key]);
}

/** While training, histograms of the live weights are asked for again this often (ms). */
const LIVE_MS = 3000;

export function HistogramsPanel({ moments, shown }: { moments: readonly Moment[]; shown: number }) {
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const visible = useVisible(root);
  const timeline = useAppStore((s) => s.replay.timeline);
  const training = useAppStore(isTraining);
  const tick = useWeightsTick(LIVE_MS);
  const arch = useTrainedArchitecture();
  const ids = timeline?.checkpoints.map((c) => c.id).join(',');
  const key = visible && timeline && tick ? `${ids}:${training ? tick : `${timeline.live.step}:${timeline.live.label ?? ''}`}` : null;
  const answer = useLatest(key, askHistograms);
  const tensors = answer?.value.ok ? answer.value.value : null;
  const columns = useMemo(() => tensors?.[0]?.ids ?? [], [tensors]);
  const labels = useMemo(
    () =>
      columns.map((id, c) => {
        const m = id === null ? moments.at(-1) : moments.find((x) => x.id === id);
        return m ? shortLabel(m, c === 0) : '';
      }),
    // The columns change with the answer; the moments' labels with the timeline.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [answer, moments],
  );
  const m = moments[shown];
  const live = columns.indexOf(null);
  const selected = m ? (m.live && live >= 0 ? live : columns.indexOf(m.id)) : -1;
  const select = useCallback(
    (c: number) => {
      const id = columns[c];
      showMoment(id === null || id === undefined ? moments.at(-1) : moments.find((x) => x.id === id));
    },
    [columns, moments],
  );
  return (
    <div ref={setRoot} className="replay-col">
      {answer && !answer.value.ok && <p className="error-text">{answer.value.error}</p>}
      {tensors && arch ? (
        <WeightHistograms tensors={tensors} layers={arch.layers} selected={selected} labels={labels} onSelect={select} />
      ) : (
        !answer && <p className="muted">Drawing the histograms…</p>
      )}
    </div>
  );
}

const selectGradients = (s: AppState) => s.replay.gradients;

export function GradientsPanel({ moments, shown }: { moments: readonly Moment[]; shown: number }) {
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const visible = useVisible(root);
  // The chart redraws about once a second however fast samples arrive, and not at all off screen.
  const samples = useThrottledStore(selectGradients, 1000, visible);
  const arch = useTrainedArchitecture();
  const settings = useAppStore((s) => s.run?.settings ?? s.settings);
  const m = moments[shown];
  const past = m !== undefined && !m.live;
  // Scrubbed back, the notes say what the gradients said by then.
  const upTo = useMemo(() => (past ? samples.filter((x) => x.step <= m.step) : samples), [past, samples, m]);
  const notes = useMemo(() => (arch ? gradientNotes(upTo, arch.layers, settings) : []), [upTo, arch, settings]);
  return (
    <div ref={setRoot} className="replay-col">
      {arch && (
        <GradientChart
          samples={samples}
          layers={arch.layers}
          markerStep={m ? m.step : null}
          markerLabel={m ? (m.live ? 'now' : `epoch ${formatEpoch(m.epoch)}`) : undefined}
          onPickStep={(step) => showMoment(nearestMoment(moments, step))}
        />
      )}
      {arch && <GradientNotes notes={notes} sampled={upTo.length > 0} />}
    </div>
  );
}
