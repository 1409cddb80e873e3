// The weights and biases of every layer over the run: one histogram per moment, as stacked ridges or a heat strip.
import { memo, useEffect, useRef, useState } from 'react';
import type { Layer } from '../../model/architecture';
import { groupDigits } from '../../model/format';
import { layerName } from '../../model/gradients';
import type { TensorHistograms } from '../../model/histogram';
import { useChartTheme } from '../curves/theme';
import { useWidth } from './useWidth';
import type { HistogramMode, Ink } from './paintHistograms';
import { columnAt, paintHeat, paintRidges, prepare } from './paintHistograms';

const ROLE_NAMES: Record<string, string> = { kernel: 'weights', bias: 'biases', gamma: 'scale (gamma)', beta: 'shift (beta)' };

/** The colour of a layer type, as the builder paints its block (a CSS variable of styles.css). */
function layerColour(type: string): string {
  if (typeof document === 'undefined') return '#2563eb';
  return getComputedStyle(document.documentElement).getPropertyValue(`--c-${type}`).trim() || '#2563eb';
}

function useInk(type: string): Ink {
  const theme = useChartTheme();
  return { layer: layerColour(type), text: theme.text, muted: theme.muted, panel: theme.background, grid: theme.grid, focus: '#f59e0b' };
}

function fmt(v: number): string {
  const a = Math.abs(v);
  return a !== 0 && (a < 0.001 || a >= 1000) ? v.toExponential(2) : v.toFixed(4);
}

interface TensorProps {
  tensor: TensorHistograms;
  /** The layer, in words ("layer 1 (Conv2D 32@5×5, relu)"). */
  title: string;
  type: string;
  mode: HistogramMode;
  selected: number;
  labels: readonly string[];
  onSelect?: (column: number) => void;
}

const TensorHistogram = memo(function TensorHistogram({ tensor, title, type, mode, selected, labels, onSelect }: TensorProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const width = useWidth(box);
  const ink = useInk(type);
  const height = mode === 'ridges' ? Math.min(170, 64 + tensor.counts.length * 7) : 96;
  const inkKey = `${ink.layer}${ink.text}${ink.panel}`;
  useEffect(() => {
    if (!canvas.current || width === 0) return;
    const ctx = prepare(canvas.current, width, height);
    if (!ctx) return;
    (mode === 'ridges' ? paintRidges : paintHeat)(ctx, tensor, width, height, selected, labels, ink);
    // The ink is read from its key: a new object every render must not repaint.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tensor, mode, selected, labels, width, height, inkKey]);
  const stats = tensor.stats[selected];
  const role = ROLE_NAMES[tensor.role] ?? tensor.role;
  return (
    <figure className="tensor-histogram" data-testid="weight-histogram" data-layer={tensor.layer} data-role={tensor.role} data-columns={tensor.counts.length} data-selected={selected}>
      <figcaption>
        <span className="tensor-role">{role}</span> <span className="muted">{groupDigits(tensor.size)}</span>
        {stats && (
          <span className="tensor-stats" data-testid="histogram-stats">
            mean {fmt(stats.mean)} · spread {fmt(stats.std)}
          </span>
        )}
      </figcaption>
      <div ref={setBox} className="tensor-canvas">
        <canvas
          ref={canvas}
          style={{ width: '100%', height }}
          role="img"
          aria-label={`${role} of ${title}: ${tensor.counts.length} histograms from ${fmt(tensor.bins.lo)} to ${fmt(tensor.bins.hi)}; at the moment shown, mean ${stats ? fmt(stats.mean) : '?'} and spread ${stats ? fmt(stats.std) : '?'}`}
          onClick={(e) => {
            if (!onSelect) return;
            const r = e.currentTarget.getBoundingClientRect();
            const c = columnAt(mode, tensor.counts.length, r.width, r.height, e.clientX - r.left, e.clientY - r.top);
            if (c !== null) onSelect(c);
          }}
        />
      </div>
    </figure>
  );
});

interface Props {
  tensors: readonly TensorHistograms[];
  layers: readonly Layer[];
  /** The column of the moment the scrubber shows. */
  selected: number;
  /** A short label per column ("0", "0.25", "1", …, "now"). */
  labels: readonly string[];
  onSelect?: (column: number) => void;
}

export function WeightHistograms({ tensors, layers, selected, labels, onSelect }: Props) {
  const [mode, setMode] = useState<HistogramMode>('ridges');
  const byLayer = new Map<number, TensorHistograms[]>();
  for (const t of tensors) byLayer.set(t.layer, [...(byLayer.get(t.layer) ?? []), t]);
  return (
    <section className="replay-panel histograms" aria-labelledby="histograms-title" data-testid="weight-histograms">
      <div className="replay-panel-head">
        <h3 id="histograms-title">Weights, layer by layer</h3>
        <div className="segmented" role="group" aria-label="Draw histograms as">
          {(['ridges', 'heat'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} data-testid={`histogram-mode-${m}`} onClick={() => setMode(m)}>
              {m === 'ridges' ? 'Ridges' : 'Heat strip'}
            </button>
          ))}
        </div>
      </div>
      <p className="hint">
        How the values of each layer&apos;s weights spread, at every checkpoint: {mode === 'ridges' ? 'the oldest at the back, the newest in front' : 'the oldest on the left, values upwards'}, the moment shown outlined. Weights
        start as small random numbers and spread as the layer learns; biases start at zero. Click a {mode === 'ridges' ? 'ridge' : 'column'} to go to that moment.
      </p>
      <div className="histogram-layers">
        {[...byLayer].map(([layer, list]) => {
          const type = layers[layer]?.type ?? 'dense';
          return (
            <div key={layer} className={`histogram-layer layer-${type}`} data-testid="histogram-layer" data-layer={layer}>
              <h4 className="fm-name">{layerName(layers, layer)}</h4>
              <div className="histogram-pair">
                {list.map((t) => (
                  <TensorHistogram key={t.role} tensor={t} title={layerName(layers, layer)} type={type} mode={mode} selected={selected} labels={labels} onSelect={onSelect} />
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
