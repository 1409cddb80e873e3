// The replay's cursor on a learning curve: a line at the moment the scrubber shows, drawn over the chart so scrubbing never redraws it.
import { shownPoint } from '../../state/replayActions';
import { useAppStore } from '../../state/store';
import { HEIGHT, PLOT } from './MetricChart';

/** `axis`: what the chart's x is (batches or epochs); `domain`: its x range. */
export function CurveCursor({ axis, domain }: { axis: 'step' | 'epoch'; domain: readonly [number, number] }) {
  const x = useAppStore((s) => {
    const p = shownPoint(s);
    return p ? (axis === 'step' ? p.step : p.epoch) : null;
  });
  const past = useAppStore((s) => shownPoint(s)?.past ?? false);
  if (x === null || x < domain[0] || x > domain[1] || domain[1] <= domain[0]) return null;
  const f = (x - domain[0]) / (domain[1] - domain[0]);
  return (
    <div
      className={`curve-cursor${past ? ' past' : ''}`}
      data-testid="curve-cursor"
      data-x={x}
      aria-hidden="true"
      style={{ left: `calc(${PLOT.left}px + (100% - ${PLOT.left + PLOT.right}px) * ${f})`, top: PLOT.top, height: HEIGHT - PLOT.top - PLOT.bottom }}
    />
  );
}
