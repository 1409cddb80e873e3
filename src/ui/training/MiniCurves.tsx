// Small loss and accuracy curves beside the Train button, drawn as plain SVG (no chart library), so the run can be watched with the network.
import { useMemo } from 'react';
import { smooth } from '../../model/curves';
import type { AppState } from '../../state/store';
import { useAppStore } from '../../state/store';
import { useChartTheme } from '../curves/theme';
import { useThrottledStore } from '../curves/useThrottledStore';

const REDRAW_MS = 1000;
const W = 300;
const H = 74;
const selectPoints = (s: AppState) => s.batchPoints;
const selectEpochs = (s: AppState) => s.epochs;

function Spark({ title, xs, ys, valXs, valYs, domain, percent, color, valColor, testId }: {
  title: string;
  xs: number[];
  ys: number[];
  valXs: number[];
  valYs: number[];
  domain: number;
  percent: boolean;
  color: string;
  valColor: string;
  testId: string;
}) {
  const all = [...ys, ...valYs].filter(Number.isFinite);
  const lo = percent ? Math.min(...all, 1) : 0;
  const hi = percent ? 1 : Math.max(...all, 1e-6);
  const x = (v: number) => (domain > 0 ? (v / domain) * W : 0);
  const y = (v: number) => H - 4 - ((v - lo) / (hi - lo || 1)) * (H - 8);
  const path = xs.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(v).toFixed(1)},${y(ys[i]!).toFixed(1)}`).join('');
  const latest = ys.at(-1);
  const show = (v: number) => (percent ? `${(v * 100).toFixed(1)}%` : v.toFixed(3));
  return (
    <figure className="mini-curve" data-testid={testId}>
      <figcaption>
        {title} <strong>{latest === undefined ? '—' : show(latest)}</strong>
        {valYs.length > 0 && <span className="muted"> · val {show(valYs.at(-1)!)}</span>}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`${title}: ${latest === undefined ? 'no batches yet' : `latest ${show(latest)}`}`}>
        <rect x={0} y={0} width={W} height={H} className="mini-bg" />
        {path && <path d={path} fill="none" stroke={color} strokeWidth={1.6} vectorEffect="non-scaling-stroke" />}
        {valXs.map((v, i) => (
          <circle key={i} cx={x(v)} cy={y(valYs[i]!)} r={2.6} fill={valColor} />
        ))}
      </svg>
    </figure>
  );
}

/** Smoothed training loss and accuracy per batch, with validation at each epoch's end as dots. */
export function MiniCurves() {
  const theme = useChartTheme();
  const points = useThrottledStore(selectPoints, REDRAW_MS);
  const epochs = useThrottledStore(selectEpochs, REDRAW_MS);
  const planned = useAppStore((s) => s.run?.settings.epochs ?? 1);
  const perEpoch = points.at(-1)?.batchesPerEpoch ?? 0;
  const domain = Math.max(planned, epochs.at(-1)?.epoch ?? 0) * perEpoch;
  const curves = useMemo(() => {
    const xs = points.map((p) => p.step);
    return { xs, loss: smooth(points.map((p) => p.loss), 0.6), acc: smooth(points.map((p) => p.acc), 0.6), valXs: epochs.map((e) => e.epoch * perEpoch) };
  }, [points, epochs, perEpoch]);
  if (points.length === 0) return null;
  return (
    <div className="mini-curves" aria-label="Learning curves, small">
      <Spark title="loss" xs={curves.xs} ys={curves.loss} valXs={curves.valXs} valYs={epochs.map((e) => e.valLoss)} domain={domain} percent={false} color={theme.train} valColor={theme.val} testId="mini-loss" />
      <Spark title="accuracy" xs={curves.xs} ys={curves.acc} valXs={curves.valXs} valYs={epochs.map((e) => e.valAcc)} domain={domain} percent color={theme.train} valColor={theme.val} testId="mini-acc" />
    </div>
  );
}
