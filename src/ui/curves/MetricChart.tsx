// One line chart (title, axes with labels, hover values, legend, PNG export) drawn as plain SVG: a live redraw is two paths, not a chart library's pipeline.
import type { KeyboardEvent, MouseEvent, PointerEvent, ReactNode } from 'react';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Row } from '../../model/curves';
import { downloadBlob } from '../download';
import { ChartFrame, MarkerLabels } from './ChartFrame';
import { chartPng } from './exportPng';
import type { Domain } from './plot';
import { axisTicks, dataDomain, HEIGHT, linear, linePath, nearestRow, PLOT } from './plot';
import { columnRange, percentAxis, zeroBasedAxis } from './rows';
import type { ChartTheme } from './theme';

export { HEIGHT, PLOT } from './plot';

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
  /** A click on the chart: the x under it (the replay jumps there). Pass a stable function. */
  onPickX?: (x: number) => void;
  /** Drawn over the plot without redrawing the chart (the replay's cursor, placed with PLOT and HEIGHT); a stable element. */
  overlay?: ReactNode;
}

function formatValue(v: unknown, percent: boolean): string {
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return String(v);
  return percent ? `${(v * 100).toFixed(2)}%` : v.toFixed(4);
}

/** The legend as plain HTML under the chart: each line's colour, dash and paleness, as drawn. */
const ChartLegend = memo(function ChartLegend({ series }: { series: readonly SeriesSpec[] }) {
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
});

/** The element's width in CSS pixels, followed as it resizes (0 until it is measured). */
function useWidth(el: HTMLElement | null): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    if (!el) return;
    const observer = new ResizeObserver((entries) => setWidth(Math.floor(entries[0]?.contentRect.width ?? 0)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return width;
}

interface LinesProps {
  data: readonly Row[];
  series: readonly SeriesSpec[];
  width: number;
  xDomain: Domain;
  yDomain: Domain;
}

/** The series: one path each (class chart-line, which the tests read), dots where asked. */
const ChartLines = memo(function ChartLines({ data, series, width, xDomain, yDomain }: LinesProps) {
  const x = linear(xDomain, [PLOT.left, width - PLOT.right]);
  const y = linear(yDomain, [HEIGHT - PLOT.bottom, PLOT.top]);
  return (
    <g className="chart-lines">
      {series.map((s) => {
        const { d, points } = linePath(data, s.key, x, y);
        if (points === 0) return null;
        return (
          <g key={s.key}>
            <path
              className="chart-line"
              d={d}
              fill="none"
              stroke={s.color}
              strokeWidth={s.faint ? 1 : 2}
              strokeOpacity={s.faint ? 0.35 : 1}
              strokeDasharray={s.dashed ? '6 3' : undefined}
              strokeLinejoin="round"
            />
            {s.dots &&
              data.map((row) => {
                const v = row[s.key];
                return v === undefined || !Number.isFinite(v) ? null : <circle key={row.x} cx={x(row.x)} cy={y(v)} r={3} fill={s.color} />;
              })}
          </g>
        );
      })}
    </g>
  );
});

/** Where the pointer (or the keyboard) is: an x in data units, and the pointer's height in the chart. */
interface Hover {
  x: number;
  top: number;
}

function MetricChartImpl(p: MetricChartProps) {
  const figure = useRef<HTMLElement>(null);
  const [body, setBody] = useState<HTMLDivElement | null>(null);
  const width = useWidth(body);
  const [hover, setHover] = useState<Hover | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const t = p.theme;
  const exportPng = async () => {
    const svg = figure.current?.querySelector<SVGSVGElement>('svg.chart-surface');
    if (!svg) return;
    try {
      setExportError(null);
      const legend = p.series.map((s) => ({ name: s.name, color: s.color, dashed: s.dashed, faint: s.faint }));
      downloadBlob(await chartPng(svg, { title: p.title, legend, background: t.background, text: t.text }), `${p.filename}.png`);
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    }
  };
  const empty = p.data.length === 0;
  const { data, series, percent, integerX } = p;
  // Round ticks; accuracy axes start at a round level below the lowest value, so late progress is not squashed.
  const axis = useMemo(() => {
    const range = columnRange(data, series.map((s) => s.key));
    return percent ? percentAxis(range.min) : zeroBasedAxis(range.max);
  }, [data, series, percent]);
  // The axis as a value: new data that leaves it as it was leaves the frame alone.
  const axisKey = `${axis.domain.join()}|${axis.ticks.join()}`;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the axis's numbers, on purpose
  const yAxis = useMemo(() => axis, [axisKey]);
  // Memoised on the numbers, not the array: a live chart's domain object may be new while its ends are not.
  const [x0, x1] = p.xDomain ?? dataDomain(data);
  const xDomain = useMemo((): Domain => [x0, x1], [x0, x1]);
  const xTicks = useMemo(() => p.xTicks ?? axisTicks(x0, x1, integerX), [p.xTicks, x0, x1, integerX]);
  const plotRight = width - PLOT.right;
  const toX = linear([PLOT.left, plotRight], xDomain);

  const active = hover ? nearestRow(data, hover.x) : -1;
  const row = active >= 0 ? data[active] : undefined;
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left;
    const top = e.clientY - box.top;
    if (px < PLOT.left - 4 || px > plotRight + 4) {
      if (hover) setHover(null);
      return;
    }
    const x = toX(px);
    // Moves within one row's reach change nothing drawn: keep the state (and the render) unless the row or the height does.
    if (hover && nearestRow(data, x) === active && Math.abs(top - hover.top) < 2) return;
    setHover({ x, top });
  };
  // The x under the pointer: from the fixed domain where there is one, else the nearest point's.
  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const px = e.clientX - e.currentTarget.getBoundingClientRect().left;
    if (p.xDomain) p.onPickX?.(Math.min(x1, Math.max(x0, toX(px))));
    else if (row) p.onPickX?.(row.x);
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (data.length === 0) return;
    const at = active >= 0 ? active : data.length - 1;
    const next = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: data.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    setHover({ x: data[Math.min(data.length - 1, Math.max(0, next))]!.x, top: (PLOT.top + HEIGHT - PLOT.bottom) / 2 });
  };

  const y = linear(yAxis.domain, [HEIGHT - PLOT.bottom, PLOT.top]);
  const cx = row ? linear(xDomain, [PLOT.left, plotRight])(row.x) : 0;
  const latest = data.at(-1);
  const summary = latest ? series.map((s) => (latest[s.key] === undefined ? null : `${s.name} ${formatValue(latest[s.key], !!percent)}`)).filter((s) => s !== null).join(', ') : p.placeholder;
  return (
    <figure className="chart" data-testid={p.testId} data-points={p.data.length} ref={figure}>
      <figcaption className="chart-head">
        <span className="chart-title">{p.title}</span>
        <button type="button" className="chart-export" data-testid="chart-export-png" disabled={empty} onClick={() => void exportPng()} title="Save this chart as a PNG image">
          PNG
        </button>
      </figcaption>
      <div className="chart-body" ref={setBody}>
        {width > 0 && (
          // chart-surface, chart-line and chart-tooltip are hooks: the tests and the PNG export find the plot by them.
          <svg
            className="chart-surface"
            width={width}
            height={HEIGHT}
            viewBox={`0 0 ${width} ${HEIGHT}`}
            role="application"
            tabIndex={0}
            aria-label={`${p.title}. ${summary}. Arrow keys read the values.`}
            onPointerMove={onPointerMove}
            onPointerLeave={() => setHover(null)}
            onFocus={() => data.length > 0 && setHover({ x: data[data.length - 1]!.x, top: (PLOT.top + HEIGHT - PLOT.bottom) / 2 })}
            onBlur={() => setHover(null)}
            onKeyDown={onKeyDown}
            onClick={p.onPickX ? onClick : undefined}
            style={p.onPickX ? { cursor: 'pointer' } : undefined}
          >
            <ChartFrame width={width} theme={t} xDomain={xDomain} yDomain={yAxis.domain} xTicks={xTicks} yTicks={yAxis.ticks} xLabel={p.xLabel} yLabel={p.yLabel} percent={!!percent} markers={p.markers} />
            <ChartLines data={data} series={series} width={width} xDomain={xDomain} yDomain={yAxis.domain} />
            <MarkerLabels width={width} theme={t} xDomain={xDomain} markers={p.markers} />
            {row && (
              <g className="chart-cursor" pointerEvents="none">
                <line x1={cx} x2={cx} y1={PLOT.top} y2={HEIGHT - PLOT.bottom} stroke={t.muted} strokeOpacity={0.7} />
                {series.map((s) => {
                  const v = row[s.key];
                  return v === undefined || !Number.isFinite(v) ? null : <circle key={s.key} cx={cx} cy={y(v)} r={4} fill={s.color} stroke="#fff" strokeWidth={2} />;
                })}
              </g>
            )}
          </svg>
        )}
        {p.overlay}
        {row && (
          <div
            className="chart-tooltip"
            // Beside the pointer, on the side with room: right of it and below on the chart's left and top halves.
            style={{
              left: cx > width / 2 ? cx - 12 : cx + 12,
              top: hover!.top > HEIGHT / 2 ? hover!.top - 12 : hover!.top + 12,
              transform: `translate(${cx > width / 2 ? '-100%' : '0'}, ${hover!.top > HEIGHT / 2 ? '-100%' : '0'})`,
              background: t.background,
              borderColor: t.grid,
              color: t.text,
            }}
          >
            <p className="chart-tooltip-label">{p.describeX(row.x)}</p>
            <ul>
              {series.map((s) =>
                row[s.key] === undefined ? null : (
                  <li key={s.key} style={{ color: s.color }}>
                    {s.name} : {formatValue(row[s.key], !!percent)}
                  </li>
                ),
              )}
            </ul>
          </div>
        )}
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
