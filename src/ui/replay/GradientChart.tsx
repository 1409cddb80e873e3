// Each layer's gradient over the run on a log scale (norm, per weight, or the step it made), with a marker at the moment shown.
import { useMemo, useState } from 'react';
import type { Layer } from '../../model/architecture';
import type { GradientSample, LayerGradient } from '../../model/gradients';
import { layerName } from '../../model/gradients';
import { groupDigits } from '../../model/format';
import type { ChartTheme } from '../curves/theme';
import { runStyle, useChartTheme } from '../curves/theme';
import { useWidth } from './useWidth';

export type GradientMetric = 'norm' | 'rms' | 'stepRatio';

const METRICS: { value: GradientMetric; label: string; axis: string; hint: string }[] = [
  { value: 'norm', label: 'Gradient norm', axis: '‖gradient‖', hint: 'the length of the gradient of the loss with respect to all the layer’s weights' },
  { value: 'rms', label: 'Per weight', axis: 'RMS gradient', hint: 'the gradient’s typical size per weight (norm ÷ √weights): compares layers of any size' },
  { value: 'stepRatio', label: 'Step ÷ weights', axis: '‖step‖ ÷ ‖weights‖', hint: 'how much one optimiser step changed the layer’s weights, relative to their size: around 0.001–0.01 is healthy, 1 is a step as large as the weights' },
];

const HEIGHT = 230;
const M = { left: 48, right: 112, top: 10, bottom: 30 };

/** 10^-3 -> "10⁻³". */
function power(e: number): string {
  const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const digits = String(Math.abs(e)).split('').map((d) => sup[Number(d)]).join('');
  return `10${e < 0 ? '⁻' : ''}${digits}`;
}

function valueOf(l: LayerGradient, metric: GradientMetric): number {
  return l[metric];
}

interface Props {
  samples: readonly GradientSample[];
  layers: readonly Layer[];
  /** The batch of the moment the scrubber shows; null hides the marker. */
  markerStep: number | null;
  markerLabel?: string;
  /** A click on the chart: the batch under the pointer. */
  onPickStep?: (step: number) => void;
}

function scales(samples: readonly GradientSample[], metric: GradientMetric, width: number) {
  const steps = samples.map((s) => s.step);
  const xMax = Math.max(1, ...steps);
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of samples)
    for (const l of s.layers) {
      const v = valueOf(l, metric);
      if (v > 0 && Number.isFinite(v)) {
        lo = Math.min(lo, Math.log10(v));
        hi = Math.max(hi, Math.log10(v));
      }
    }
  if (!Number.isFinite(lo)) {
    lo = -4;
    hi = 0;
  }
  const e0 = Math.floor(lo);
  const e1 = Math.max(Math.ceil(hi), e0 + 1);
  const plotW = Math.max(10, width - M.left - M.right);
  const plotH = HEIGHT - M.top - M.bottom;
  return {
    e0,
    e1,
    x: (step: number) => M.left + (step / xMax) * plotW,
    y: (v: number) => M.top + ((e1 - Math.log10(v)) / (e1 - e0)) * plotH,
    stepAt: (px: number) => Math.round(((px - M.left) / plotW) * xMax),
    xMax,
  };
}

function lineStyle(theme: ChartTheme, i: number) {
  return runStyle(theme, i);
}

export function GradientChart({ samples, layers, markerStep, markerLabel, onPickStep }: Props) {
  const theme = useChartTheme();
  const [metric, setMetric] = useState<GradientMetric>('rms');
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const width = useWidth(box);
  const layerIds = useMemo(() => samples[0]?.layers.map((l) => l.layer) ?? [], [samples]);
  const s = useMemo(() => scales(samples, metric, width), [samples, metric, width]);
  const info = METRICS.find((m) => m.value === metric)!;
  const hovered = hover === null ? null : samples.reduce<GradientSample | null>((best, x) => (!best || Math.abs(x.step - hover) < Math.abs(best.step - hover) ? x : best), null);

  const paths = layerIds.map((id) => {
    let d = '';
    let pen = false;
    for (const sample of samples) {
      const l = sample.layers.find((g) => g.layer === id);
      const v = l ? valueOf(l, metric) : 0;
      if (!(v > 0) || !Number.isFinite(v)) {
        pen = false; // a gap where the gradient was zero or not a number
        continue;
      }
      d += `${pen ? 'L' : 'M'}${s.x(sample.step).toFixed(1)},${s.y(v).toFixed(1)}`;
      pen = true;
    }
    return d;
  });
  const last = samples.at(-1);
  // Labels at the lines' ends, pushed apart so none overlap (12 px a line).
  const endLabels = useMemo(() => {
    if (!last) return [];
    const at = layerIds.flatMap((id, i) => {
      const l = last.layers.find((g) => g.layer === id);
      const v = l ? valueOf(l, metric) : 0;
      return v > 0 && Number.isFinite(v) ? [{ id, i, y: s.y(v) }] : [];
    });
    at.sort((a, b) => a.y - b.y);
    for (let k = 1; k < at.length; k++) at[k]!.y = Math.max(at[k]!.y, at[k - 1]!.y + 12);
    const overflow = (at.at(-1)?.y ?? 0) - (HEIGHT - M.bottom);
    if (overflow > 0) at.forEach((a) => (a.y -= overflow));
    return at;
  }, [last, layerIds, metric, s]);
  const decades = Array.from({ length: s.e1 - s.e0 + 1 }, (_, k) => s.e0 + k);
  const everyOther = decades.length > 6;

  return (
    <section className="replay-panel gradients" aria-labelledby="gradients-title" data-testid="gradient-chart" data-samples={samples.length} data-metric={metric}>
      <div className="replay-panel-head">
        <h3 id="gradients-title">Gradients, layer by layer</h3>
        <div className="segmented" role="group" aria-label="Show">
          {METRICS.map((m) => (
            <button key={m.value} type="button" aria-pressed={metric === m.value} onClick={() => setMetric(m.value)} data-testid={`gradient-metric-${m.value}`}>
              {m.label}
            </button>
          ))}
        </div>
      </div>
      <p className="hint">
        Measured on the training step itself, a few times an epoch: {info.hint}. Log scale: each line up is ten times more.
      </p>
      <div ref={setBox} className="gradient-plot">
        {samples.length === 0 ? (
          <p className="muted">Sampled from the first batch on: train to see them.</p>
        ) : (
          width > 0 && (
            <svg
              width={width}
              height={HEIGHT}
              role="img"
              aria-label={`${info.label} of ${layerIds.length} layers over ${groupDigits(s.xMax)} batches`}
              onPointerMove={(e) => setHover(s.stepAt(e.clientX - e.currentTarget.getBoundingClientRect().left))}
              onPointerLeave={() => setHover(null)}
              onClick={(e) => onPickStep?.(Math.max(0, s.stepAt(e.clientX - e.currentTarget.getBoundingClientRect().left)))}
            >
              {decades.map((e, k) => (
                <g key={e}>
                  <line x1={M.left} x2={width - M.right} y1={s.y(10 ** e)} y2={s.y(10 ** e)} stroke={theme.grid} strokeDasharray={k === 0 ? undefined : '3 3'} />
                  {(!everyOther || k % 2 === 0) && (
                    <text x={M.left - 6} y={s.y(10 ** e)} textAnchor="end" dominantBaseline="middle" fill={theme.muted} fontSize={11}>
                      {power(e)}
                    </text>
                  )}
                </g>
              ))}
              <text x={M.left} y={HEIGHT - 6} fill={theme.muted} fontSize={11}>
                batch 0
              </text>
              <text x={width - M.right} y={HEIGHT - 6} fill={theme.muted} fontSize={11} textAnchor="end">
                {groupDigits(s.xMax)}
              </text>
              <text x={(M.left + width - M.right) / 2} y={HEIGHT - 6} fill={theme.text} fontSize={12} textAnchor="middle">
                {info.axis} per batch
              </text>
              {metric === 'stepRatio' && s.e1 >= 0 && s.e0 <= 0 && (
                <line x1={M.left} x2={width - M.right} y1={s.y(1)} y2={s.y(1)} stroke={theme.val} strokeWidth={1.5} strokeDasharray="6 3">
                  <title>a step as large as the weights: exploding</title>
                </line>
              )}
              {markerStep !== null && (
                <g data-testid="gradient-marker" data-step={markerStep}>
                  <line x1={s.x(markerStep)} x2={s.x(markerStep)} y1={M.top} y2={HEIGHT - M.bottom} stroke="#f59e0b" strokeWidth={2} />
                  {markerLabel && (
                    <text x={s.x(markerStep) + 4} y={M.top + 10} fill={theme.text} fontSize={11}>
                      {markerLabel}
                    </text>
                  )}
                </g>
              )}
              {paths.map((d, i) => {
                const st = lineStyle(theme, i);
                return <path key={layerIds[i]} d={d} fill="none" stroke={st.color} strokeWidth={2} strokeDasharray={st.dash} strokeLinejoin="round" />;
              })}
              {endLabels.map(({ id, i, y }) => (
                <g key={id}>
                  <line x1={width - M.right + 4} x2={width - M.right + 14} y1={y} y2={y} stroke={lineStyle(theme, i).color} strokeWidth={3} strokeDasharray={lineStyle(theme, i).dash} />
                  <text x={width - M.right + 18} y={y} fill={theme.text} fontSize={11} dominantBaseline="middle">
                    {`layer ${id + 1} ${layers[id]?.type === 'conv2d' ? 'conv' : layers[id]?.type === 'batchNormalization' ? 'norm' : 'dense'}`}
                  </text>
                </g>
              ))}
              {hovered && (
                <line x1={s.x(hovered.step)} x2={s.x(hovered.step)} y1={M.top} y2={HEIGHT - M.bottom} stroke={theme.muted} strokeDasharray="2 3" />
              )}
            </svg>
          )
        )}
        {hovered && (
          <div className="gradient-tip" role="status">
            <strong>batch {groupDigits(hovered.step)}</strong> (epoch {hovered.epoch.toFixed(2)})
            <ul>
              {hovered.layers.map((l, i) => (
                <li key={l.layer} style={{ color: lineStyle(theme, i).color }}>
                  <span>{layerName(layers, l.layer)}</span> {Number.isFinite(valueOf(l, metric)) ? valueOf(l, metric).toExponential(2) : 'not a number'}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
