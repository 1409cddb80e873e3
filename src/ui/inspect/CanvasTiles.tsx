// A wrapping grid of small canvases, one per map or filter, painted from typed arrays after mounting.
import { useEffect, useRef } from 'react';

interface Props {
  count: number;
  /** Shown side of each tile in CSS pixels. */
  size: number;
  testId: string;
  /** Read by screen readers for the whole grid. */
  label: string;
  title: (k: number) => string;
  /** Paints tile k; pass a stable function (useCallback) so tiles repaint only when their data change. */
  paint: (canvas: HTMLCanvasElement | null, k: number) => void;
}

export function CanvasTiles({ count, size, testId, label, title, paint }: Props) {
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  useEffect(() => {
    for (let k = 0; k < count; k++) paint(canvases.current[k] ?? null, k);
  }, [paint, count]);
  return (
    <div className="tile-grid" role="img" aria-label={label}>
      {Array.from({ length: count }, (_, k) => (
        <canvas
          key={k}
          ref={(el) => {
            canvases.current[k] = el;
          }}
          className="fm-map"
          data-testid={testId}
          title={title(k)}
          style={{ width: size, height: size }}
        />
      ))}
    </div>
  );
}
