// Overlaid curves of the runs picked in the history: one colour per run, on the same axes.
import { useCallback, useMemo } from 'react';
import type { RunRecord } from '../../state/history/record';
import type { SeriesSpec } from '../curves/MetricChart';
import { MetricChart } from '../curves/MetricChart';
import { epochAxis, overlayBatchRows, overlayEpochRows } from '../curves/rows';
import type { ChartTheme } from '../curves/theme';

/** Stored batch curves are sparse already; moderate smoothing shows their trend without hiding differences. */
const SMOOTHING = 0.6;

export function CompareCharts({ runs, theme, colours }: { runs: readonly RunRecord[]; theme: ChartTheme; colours: ReadonlyMap<string, { color: string; dash: string | undefined }> }) {
  const series = useMemo(() => {
    const spec = (dots: boolean) =>
      runs.map((r): SeriesSpec => {
        const style = colours.get(r.id);
        return { key: r.id, name: `#${r.number} ${r.name}`, color: style?.color ?? theme.train, dashed: style?.dash !== undefined, dots };
      });
    return { batch: spec(false), epoch: spec(true) };
  }, [runs, colours, theme]);
  const loss = useMemo(() => overlayBatchRows(runs, 'loss', SMOOTHING), [runs]);
  const acc = useMemo(() => overlayBatchRows(runs, 'acc', SMOOTHING), [runs]);
  const valLoss = useMemo(() => overlayEpochRows(runs, 'val_loss'), [runs]);
  const valAcc = useMemo(() => overlayEpochRows(runs, 'val_acc'), [runs]);
  const lastEpoch = Math.max(1, ...runs.map((r) => r.epochs.at(-1)?.epoch ?? 0));
  const axis = useMemo(() => epochAxis(lastEpoch), [lastEpoch]);
  const batchEnd = Math.max(0, ...runs.map((r) => r.batches.at(-1)?.epoch ?? 0));
  const batchDomain = useMemo((): [number, number] => [0, Math.max(batchEnd, 0.01)], [batchEnd]);
  const describeProgress = useCallback((x: number) => `after ${x.toFixed(2)} epochs`, []);
  const describeEpoch = useCallback((x: number) => `epoch ${x}`, []);
  const none = 'These runs have no curve to draw yet.';
  return (
    <div className="compare" data-testid="history-compare-charts" data-runs={runs.length}>
      <div className="chart-grid">
        <MetricChart testId="chart-compare-loss" title="Training loss (smoothed)" data={loss} series={series.batch} theme={theme} xLabel="epochs of training" yLabel="loss" xDomain={batchDomain} describeX={describeProgress} placeholder={none} filename="compare-training-loss" />
        <MetricChart testId="chart-compare-acc" title="Training accuracy (smoothed)" data={acc} series={series.batch} theme={theme} xLabel="epochs of training" yLabel="accuracy" xDomain={batchDomain} percent describeX={describeProgress} placeholder={none} filename="compare-training-accuracy" />
        <MetricChart testId="chart-compare-val-loss" title="val_loss per epoch" data={valLoss} series={series.epoch} theme={theme} xLabel="epoch" yLabel="val_loss" xDomain={axis.domain} xTicks={axis.ticks} integerX describeX={describeEpoch} placeholder={none} filename="compare-val-loss" />
        <MetricChart testId="chart-compare-val-acc" title="val_acc per epoch" data={valAcc} series={series.epoch} theme={theme} xLabel="epoch" yLabel="val_acc" xDomain={axis.domain} xTicks={axis.ticks} integerX percent describeX={describeEpoch} placeholder={none} filename="compare-val-acc" />
      </div>
    </div>
  );
}
