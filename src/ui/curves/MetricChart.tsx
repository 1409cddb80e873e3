// One line chart (title, axes with labels, hover values, legend, PNG export), memoised so it redraws only when its data does.
import type { ReactNode } from 'react';
import { memo, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { Row } from '../../model/curves';
import { downloadBlob } from '../download';
import { chartPng } from './exportPng';
import { columnRange, percentAxis, zeroBasedAxis } from './rows';
import type { ChartTheme } from './theme';

export interface SeriesSpec {
  /** Column of the rows this line draws. */
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
  /** Drawn thin and pale behind the others (raw values behind a smoothed line). */
  faint?: boolean;
  /** A dot on every point (epoch curves, which have few). */
  dots?: boolean;
}

export interface MetricChartProps {
  testId: string;
  title: string;
  data: readonly Row[];
  series: readonly SeriesSpec[];
  theme: ChartTheme;
  xLabel: string;
  yLabel: string;
  /** Fixed x range, so a live chart grows into it instead of rescaling. */
  xDomain?: readonly [number, number];
  /** Whole numbers on the x axis (epochs). */
  integerX?: boolean;
  /** Explicit x ticks (epoch numbers). */
  xTicks?: readonly number[];
  /** Values are fractions shown as percentages (accuracy). */
  percent?: boolean;
  /** What the hovered x is, e.g. "batch 120 (epoch 2)". */
  describeX: (x: number) => string;
  /** Vertical markers, e.g. where each epoch starts. */
  markers?: readonly { x: number; label: string }[];
  /** Shown over the chart while it has no data. */
  placeholder: string;
  /** PNG file name, without extension. */
  filename: string;
  /** A click on the chart: the x of the point nearest to it (the replay jumps there). Pass a stable function. */
  onPickX?: (x: number) => void;
  /** Drawn over the plot without redrawing the chart (the replay's cursor); a stable element. */
  overlay?: ReactNode;
}

export const HEIGHT = 220;
/** Where the plot sits inside the chart (margins, the y axis's width, the x axis's height), for overlays. */
export const PLOT = { left: 6 + 52, right: 16, top: 8, bottom: 16 + 30 } as const;

function formatTick(v: number, percent: boolean): string {
  if (percent) return `${Math.round(v * 1000) / 10}%`;
  if (Math.abs(v) >= 1000) return `${Math.round(v / 100) / 10}k`;
  return String(Math.round(v * 1000) / 1000);
}

function formatValue(v: unknown, percent: boolean): string {
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return String(v);
  return percent ? `${(v * 100).toFixed(2)}%` : v.toFixed(4);
}

/** The legend as plain HTML under the chart: each line's colour, dash and paleness, as drawn. */
function ChartLegend({ series }: { series: readonly SeriesSpec[] }) {
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.key}>
          <svg width="24" height="8" aria-hidden="true">
            <line x1="1" y1="4" x2="23" y2="4" stroke={s.color} strokeWidth={s.faint ? 1.5 : 2.5} strokeOpacity={s.faint ? 0.45 : 1} strokeDasharray={s.dashed ? '5 3' : undefined} />
          </svg>
          {s.name}
        </li>
      ))}
    </ul>
  );
}

function MetricChartImpl(p: MetricChartProps) {
  const figure = useRef<HTMLElement>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const t = p.theme;
  const exportPng = async () => {
    const svg = figure.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) return;
    try {
      setExportError(null);
      const legend = p.series.map((s) => ({ name: s.name, color: s.color, dashed: s.dashed, faint: s.faint }));
      downloadBlob(await chartPng(svg, { title: p.title, legend, background: t.background, text: t.text }), `${p.filename}.png`);
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    }
  };
  // The x under the pointer: from the fixed domain where there is one, else the nearest point's.
  const pick = (label: string | number | undefined, e: { clientX: number; currentTarget: Element } | undefined) => {
    const box = e?.currentTarget.getBoundingClientRect();
    const d = p.xDomain;
    if (d && e && box && box.width > PLOT.left + PLOT.right) {
      const f = (e.clientX - box.left - PLOT.left) / (box.width - PLOT.left - PLOT.right);
      p.onPickX?.(d[0] + Math.min(1, Math.max(0, f)) * (d[1] - d[0]));
    } else if (label !== undefined) p.onPickX?.(Number(label));
  };
  const empty = p.data.length === 0;
  const { data, series, percent } = p;
  // Round ticks; accuracy axes start at a round level below the lowest value, so late progress is not squashed.
  const yAxis = useMemo(() => {
    const range = columnRange(data, series.map((s) => s.key));
    return percent ? percentAxis(range.min) : zeroBasedAxis(range.max);
  }, [data, series, percent]);
  return (
    <figure className="chart" data-testid={p.testId} data-points={p.data.length} ref={figure}>
      <figcaption className="chart-head">
        <span className="chart-title">{p.title}</span>
        <button type="button" className="chart-export" data-testid="chart-export-png" disabled={empty} onClick={() => void exportPng()} title="Save this chart as a PNG image">
          PNG
        </button>
      </figcaption>
      <div className="chart-body">
        <LineChart
          responsive
          data={p.data as Row[]}
          style={{ width: '100%', height: HEIGHT, cursor: p.onPickX ? 'pointer' : undefined }}
          margin={{ top: PLOT.top, right: PLOT.right, bottom: 16, left: 6 }}
          onClick={p.onPickX ? (state, e) => pick(state.activeLabel, e) : undefined}
        >
          <CartesianGrid stroke={t.grid} strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="x"
            domain={p.xDomain ? [p.xDomain[0], p.xDomain[1]] : ['dataMin', 'dataMax']}
            allowDecimals={!p.integerX}
            ticks={p.xTicks as number[] | undefined}
            allowDataOverflow={false}
            stroke={t.muted}
            tick={{ fill: t.muted, fontSize: 11 }}
            tickFormatter={(v: number) => formatTick(v, false)}
            label={{ value: p.xLabel, position: 'insideBottom', offset: -12, fill: t.text, fontSize: 12 }}
          />
          <YAxis
            type="number"
            domain={yAxis.domain}
            ticks={yAxis.ticks}
            stroke={t.muted}
            width={52}
            tick={{ fill: t.muted, fontSize: 11 }}
            tickFormatter={(v: number) => formatTick(v, !!p.percent)}
            label={{ value: p.yLabel, angle: -90, position: 'insideLeft', offset: 8, fill: t.text, fontSize: 12, style: { textAnchor: 'middle' } }}
          />
          {p.markers?.map((m) => (
            <ReferenceLine key={m.x} x={m.x} stroke={t.muted} strokeOpacity={0.5} strokeDasharray="2 4" label={{ value: m.label, position: 'insideTopLeft', fill: t.muted, fontSize: 10 }} />
          ))}
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(x) => p.describeX(Number(x))}
            formatter={(v) => formatValue(v, !!p.percent)}
            contentStyle={{ background: t.background, borderColor: t.grid, color: t.text, fontSize: 12, padding: '4px 8px' }}
            labelStyle={{ color: t.text, fontWeight: 600 }}
          />
          {p.series.map((s) => (
            <Line
              key={s.key}
              type="linear"
              dataKey={s.key}
              name={s.name}
              stroke={s.color}
              strokeWidth={s.faint ? 1 : 2}
              strokeOpacity={s.faint ? 0.35 : 1}
              strokeDasharray={s.dashed ? '6 3' : undefined}
              dot={s.dots ? { r: 3, fill: s.color, strokeWidth: 0 } : false}
              activeDot={{ r: 4 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
        {p.overlay}
        {empty && <p className="chart-placeholder">{p.placeholder}</p>}
      </div>
      <ChartLegend series={p.series} />
      {exportError && (
        <p className="error-text" role="alert">
          {exportError}
        </p>
      )}
    </figure>
  );
}

export const MetricChart = memo(MetricChartImpl);
