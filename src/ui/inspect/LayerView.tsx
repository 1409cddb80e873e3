// One layer's output for one digit: a grid of grayscale maps for a volume, a strip of cells for a flat layer.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { LAYER_LABELS } from '../../model/architecture';
import type { LayerActivation } from '../../train/protocol';
import { CanvasTiles } from './CanvasTiles';
import { linearLevel, paintGray, rangeOf } from './paint';

/** Shown size of a map in CSS pixels: small maps are enlarged more, so every tile is easy to see. */
function mapSize(side: number): number {
  return Math.min(64, Math.max(36, side * 2));
}

function Maps({ layer, ownScale }: { layer: LayerActivation; ownScale: boolean }) {
  const [h = 1, w = 1, c = 1] = layer.shape;
  const whole = useMemo(() => rangeOf(layer.values.length, (i) => layer.values[i]!), [layer]);
  const paint = useCallback(
    (canvas: HTMLCanvasElement | null, k: number) => {
      const at = (i: number) => layer.values[i * c + k]!;
      const { lo, hi } = ownScale ? rangeOf(h * w, at) : whole;
      paintGray(canvas, w, h, (i) => linearLevel(at(i), lo, hi));
    },
    [layer, ownScale, whole, h, w, c],
  );
  return <CanvasTiles count={c} size={mapSize(h)} testId="feature-map" label={`${c} feature maps of ${h}×${w}`} title={(k) => `map ${k + 1} of ${c}`} paint={paint} />;
}

/** Cells per row of a strip: one row up to 64 units, else rows of about 64. */
function stripColumns(units: number): number {
  return units <= 64 ? units : Math.ceil(units / Math.ceil(units / 64));
}

function Strip({ layer, labels }: { layer: LayerActivation; labels: boolean }) {
  const units = layer.values.length;
  const columns = stripColumns(units);
  const rows = Math.ceil(units / columns);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const v = layer.values;
    const { lo, hi } = labels ? { lo: 0, hi: 1 } : rangeOf(units, (i) => v[i]!);
    paintGray(canvas.current, columns, rows, (i) => (i < units ? linearLevel(v[i]!, lo, hi) : 0));
  }, [layer, labels, units, columns, rows]);
  const cell = labels ? 32 : Math.max(6, Math.min(16, Math.floor(640 / columns)));
  return (
    <div className="strip">
      <canvas
        ref={canvas}
        className="fm-strip"
        data-testid="activation-strip"
        data-units={units}
        style={{ width: columns * cell, height: rows * cell }}
        role="img"
        aria-label={`${units} activations`}
      />
      {labels && (
        <div className="strip-labels" style={{ width: columns * cell }} aria-hidden="true">
          {Array.from({ length: units }, (_, d) => (
            <span key={d}>{d}</span>
          ))}
        </div>
      )}
    </div>
  );
}

export function LayerView({ layer, last, ownScale }: { layer: LayerActivation; last: boolean; ownScale: boolean }) {
  const volume = layer.shape.length === 3;
  const shape = layer.shape.join('×');
  return (
    <div className="fm-layer" data-testid="feature-layer" data-layer-type={layer.type} data-shape={layer.shape.join('x')} data-maps={volume ? layer.shape[2] : 0}>
      <h4>
        <span className={`fm-name layer-${layer.type}`}>
          {layer.index + 1} · {LAYER_LABELS[layer.type]}
        </span>{' '}
        <span className="muted">
          {volume ? `${shape} · ${layer.shape[2]} maps of ${layer.shape[0]}×${layer.shape[1]}` : `${shape} units${last ? ' · the probability of each digit' : ''}`}
        </span>
      </h4>
      {volume ? <Maps layer={layer} ownScale={ownScale} /> : <Strip layer={layer} labels={last && layer.values.length === 10} />}
    </div>
  );
}
