// A chart's frame as SVG: grid, axes with their ticks and labels, vertical markers and their labels; memoised, so a live chart redrawing its lines leaves them alone.
import { memo } from 'react';
import type { Domain } from './plot';
import { HEIGHT, linear, PLOT } from './plot';
import type { ChartTheme } from './theme';

export function formatTick(v: number, percent: boolean): string {
  if (percent) return `${Math.round(v * 1000) / 10}%`;
  if (Math.abs(v) >= 1000) return `${Math.round(v / 100) / 10}k`;
  return String(Math.round(v * 1000) / 1000);
}

interface FrameProps {
  width: number;
  theme: ChartTheme;
  xDomain: Domain;
  yDomain: Domain;
  xTicks: readonly number[];
  yTicks: readonly number[];
  xLabel: string;
  yLabel: string;
  percent: boolean;
  markers?: readonly { x: number; label: string }[];
}

/** Tick marks are this long, and their labels this far beyond them. */
const TICK = 6;
const TICK_GAP = 2;

function ChartFrameImpl({ width, theme: t, xDomain, yDomain, xTicks, yTicks, xLabel, yLabel, percent, markers }: FrameProps) {
  const left = PLOT.left;
  const right = width - PLOT.right;
  const top = PLOT.top;
  const bottom = HEIGHT - PLOT.bottom;
  const x = linear(xDomain, [left, right]);
  const y = linear(yDomain, [bottom, top]);
  const inX = xTicks.filter((v) => v >= xDomain[0] && v <= xDomain[1]);
  const inY = yTicks.filter((v) => v >= yDomain[0] && v <= yDomain[1]);
  return (
    <g className="chart-frame">
      <g stroke={t.grid} strokeDasharray="3 3">
        {inY.map((v) => (
          <line key={`h${v}`} x1={left} x2={right} y1={y(v)} y2={y(v)} />
        ))}
        {inX.map((v) => (
          <line key={`v${v}`} x1={x(v)} x2={x(v)} y1={top} y2={bottom} />
        ))}
      </g>
      {markers?.map((m) =>
        m.x >= xDomain[0] && m.x <= xDomain[1] ? <line key={m.x} x1={x(m.x)} x2={x(m.x)} y1={top} y2={bottom} stroke={t.muted} strokeOpacity={0.5} strokeDasharray="2 4" /> : null,
      )}
      <g stroke={t.muted}>
        <line x1={left} x2={right} y1={bottom} y2={bottom} />
        <line x1={left} x2={left} y1={top} y2={bottom} />
        {inX.map((v) => (
          <line key={`x${v}`} x1={x(v)} x2={x(v)} y1={bottom} y2={bottom + TICK} />
        ))}
        {inY.map((v) => (
          <line key={`y${v}`} x1={left - TICK} x2={left} y1={y(v)} y2={y(v)} />
        ))}
      </g>
      <g className="chart-ticks" fill={t.muted}>
        {inX.map((v) => (
          <text key={`x${v}`} x={x(v)} y={bottom + TICK + TICK_GAP} dy="0.71em" textAnchor="middle">
            {formatTick(v, false)}
          </text>
        ))}
        {inY.map((v) => (
          <text key={`y${v}`} x={left - TICK - TICK_GAP} y={y(v)} dy="0.355em" textAnchor="end">
            {formatTick(v, percent)}
          </text>
        ))}
      </g>
      <text className="chart-axis-label" x={(left + right) / 2} y={HEIGHT - 4} textAnchor="middle" fill={t.text}>
        {xLabel}
      </text>
      <text className="chart-axis-label" x={10} y={(top + bottom) / 2} dy="0.355em" transform={`rotate(-90 10 ${(top + bottom) / 2})`} textAnchor="middle" fill={t.text}>
        {yLabel}
      </text>
    </g>
  );
}

export const ChartFrame = memo(ChartFrameImpl);

interface MarkerLabelsProps {
  width: number;
  theme: ChartTheme;
  xDomain: Domain;
  markers?: readonly { x: number; label: string }[];
}

/** The markers' labels, drawn over the lines (with a halo of the chart's background) so a curve never crosses them out. */
export const MarkerLabels = memo(function MarkerLabels({ width, theme: t, xDomain, markers }: MarkerLabelsProps) {
  const x = linear(xDomain, [PLOT.left, width - PLOT.right]);
  return (
    <g className="chart-marker-labels" fill={t.muted} pointerEvents="none">
      {markers?.map((m) =>
        m.x >= xDomain[0] && m.x <= xDomain[1] ? (
          <text key={m.x} className="chart-marker" x={x(m.x) + 5} y={PLOT.top + 5} dy="0.71em">
            {m.label}
          </text>
        ) : null,
      )}
    </g>
  );
});
