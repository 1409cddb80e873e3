// The live charts of the current run: loss and accuracy per batch (smoothed over raw) and per epoch (train and validation).
import { useCallback, useMemo, useState } from 'react';
import { epochPoint } from '../../state/history/record';
import type { AppState } from '../../state/store';
import { useAppStore } from '../../state/store';
import type { SeriesSpec } from './MetricChart';
import { MetricChart } from './MetricChart';
import { batchRows, epochAxis, epochRows } from './rows';
import { useChartTheme } from './theme';
import { useThrottledStore } from './useThrottledStore';
import { useVisible } from './useVisible';
import { showNearest } from '../../state/replayActions';
import { CurveCursor } from './CurveCursor';

/** Charts redraw at most this often, however fast metrics stream in. */
const REDRAW_MS = 1000;
const selectBatchPoints = (s: AppState) => s.batchPoints;
const selectEpochs = (s: AppState) => s.epochs;

export function LiveCharts() {
  const theme = useChartTheme();
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  // Off-screen charts do not redraw; they catch up when scrolled into view.
  const visible = useVisible(root);
  const points = useThrottledStore(selectBatchPoints, REDRAW_MS, visible);
  const epochs = useThrottledStore(selectEpochs, REDRAW_MS, visible);
  const planned = useAppStore((s) => s.run?.settings.epochs ?? 1);
  const [smoothing, setSmoothing] = useState(0.6);

  const rows = useMemo(() => batchRows(points, smoothing), [points, smoothing]);
  const perEpoch = useMemo(() => epochRows(epochs.map(epochPoint)), [epochs]);
  const perBatch = points.at(-1)?.batchesPerEpoch ?? 0;
  const lastEpoch = Math.max(planned, epochs.at(-1)?.epoch ?? 0);
  const batchDomain = useMemo((): [number, number] | undefined => (perBatch > 0 ? [0, lastEpoch * perBatch] : undefined), [perBatch, lastEpoch]);
  const markers = useMemo(
    () => (perBatch > 0 && lastEpoch <= 20 ? Array.from({ length: lastEpoch - 1 }, (_, i) => ({ x: (i + 1) * perBatch, label: `epoch ${i + 2}` })) : []),
    [perBatch, lastEpoch],
  );
  const axis = useMemo(() => epochAxis(lastEpoch), [lastEpoch]);
  const describeBatch = useCallback((x: number) => (perBatch > 0 ? `batch ${x} (epoch ${Math.max(1, Math.ceil(x / perBatch))})` : `batch ${x}`), [perBatch]);
  const describeEpoch = useCallback((x: number) => `epoch ${x}`, []);
  // Replay: a cursor where the scrubber is, and a click on a curve jumps to the nearest checkpoint.
  const hasReplay = useAppStore((s) => s.replay.timeline !== null);
  const pickBatch = useCallback((x: number) => showNearest(x), []);
  const pickEpoch = useCallback((x: number) => showNearest(x, true), []);
  const batchCursor = useMemo(() => (hasReplay && batchDomain ? <CurveCursor axis="step" domain={batchDomain} /> : undefined), [hasReplay, batchDomain]);
  const epochCursor = useMemo(() => (hasReplay ? <CurveCursor axis="epoch" domain={axis.domain} /> : undefined), [hasReplay, axis]);

  const series = useMemo(() => {
    const raw = (key: string, name: string): SeriesSpec => ({ key, name, color: theme.train, faint: true });
    const line = (key: string, name: string, color: string, dashed = false): SeriesSpec => ({ key, name, color, dashed, dots: true });
    return {
      loss: [raw('loss', 'loss'), { key: 'loss_smooth', name: 'loss (smoothed)', color: theme.train }],
      acc: [raw('acc', 'acc'), { key: 'acc_smooth', name: 'acc (smoothed)', color: theme.train }],
      epochLoss: [line('loss', 'loss', theme.train), line('val_loss', 'val_loss', theme.val, true)],
      epochAcc: [line('acc', 'acc', theme.train), line('val_acc', 'val_acc', theme.val, true)],
    };
  }, [theme]);

  const waiting = 'Waiting for the first batches…';
  const firstEpoch = 'Drawn when the first epoch ends.';
  return (
    <div ref={setRoot} className="live-charts" data-testid="live-charts" data-drawing={visible}>
      <div className="curves-tools">
        <label className="field inline smoothing">
          <span>Smoothing</span>
          <input type="range" min={0} max={0.95} step={0.05} value={smoothing} data-testid="chart-smoothing" onChange={(e) => setSmoothing(Number(e.target.value))} />
          <output>{smoothing.toFixed(2)}</output>
        </label>
        <p className="hint">Faint lines: loss and accuracy as reported a few times a second (each the mean of the batches since the last report). Bold: the same, smoothed.{hasReplay && ' The orange line is the moment Watch it learn shows (grey and dashed while it shows now); click a curve to go there.'}</p>
      </div>
      <div className="chart-grid">
        <MetricChart testId="chart-loss" title="Training loss per batch" data={rows} series={series.loss} theme={theme} xLabel="batch" yLabel="loss" xDomain={batchDomain} describeX={describeBatch} markers={markers} placeholder={waiting} filename="training-loss-per-batch" onPickX={hasReplay ? pickBatch : undefined} overlay={batchCursor} />
        <MetricChart testId="chart-acc" title="Training accuracy per batch" data={rows} series={series.acc} theme={theme} xLabel="batch" yLabel="accuracy" xDomain={batchDomain} percent describeX={describeBatch} markers={markers} placeholder={waiting} filename="training-accuracy-per-batch" onPickX={hasReplay ? pickBatch : undefined} overlay={batchCursor} />
        <MetricChart testId="chart-epoch-loss" title="Loss per epoch: loss and val_loss" data={perEpoch} series={series.epochLoss} theme={theme} xLabel="epoch" yLabel="loss" xDomain={axis.domain} xTicks={axis.ticks} integerX describeX={describeEpoch} placeholder={firstEpoch} filename="loss-per-epoch" onPickX={hasReplay ? pickEpoch : undefined} overlay={epochCursor} />
        <MetricChart testId="chart-epoch-acc" title="Accuracy per epoch: acc and val_acc" data={perEpoch} series={series.epochAcc} theme={theme} xLabel="epoch" yLabel="accuracy" xDomain={axis.domain} xTicks={axis.ticks} integerX percent describeX={describeEpoch} placeholder={firstEpoch} filename="accuracy-per-epoch" onPickX={hasReplay ? pickEpoch : undefined} overlay={epochCursor} />
      </div>
    </div>
  );
}

