// A picture of the stack: each layer a box shaped by its output (height for size, depth for channels).
import type { Analysis } from '../../model/analyze';
import type { LayerType } from '../../model/architecture';
import type { Shape } from '../../model/shape';
import { shapeLabel } from '../../model/shape';

const SHORT: Record<LayerType | 'input', string> = {
  input: 'Input',
  conv2d: 'Conv',
  maxPooling2d: 'MaxPool',
  averagePooling2d: 'AvgPool',
  dropout: 'Dropout',
  flatten: 'Flatten',
  dense: 'Dense',
  batchNormalization: 'BatchNorm',
};

interface Box {
  kind: LayerType | 'input';
  shape: Shape | null;
  /** Front face width and height, and the depth drawn for channels. */
  w: number;
  h: number;
  d: number;
}

/** Narrowest column, so labels such as "12×12×32" never collide. */
const MIN_COLUMN = 76;
const GAP = 14;
const BASE = 150;

function boxFor(kind: Box['kind'], shape: Shape | null): Box {
  if (!shape) return { kind, shape, w: 14, h: 14, d: 0 };
  if (shape.kind === 'flat') return { kind, shape, w: 10, h: Math.min(110, 12 + 20 * Math.log10(Math.max(shape.units, 1))), d: 0 };
  const side = 10 + shape.height * 2.2;
  return { kind, shape, w: Math.min(side, 80), h: Math.min(side, 80), d: Math.min(40, 3 + 7 * Math.log2(Math.max(shape.channels, 1))) };
}

function Cuboid({ x, box }: { x: number; box: Box }) {
  const { w, h, d } = box;
  const dx = d * 0.7;
  const dy = d * 0.5;
  const top = BASE - h;
  return (
    <g className={`diagram-box layer-${box.kind}`}>
      <polygon className="side" points={`${x + w},${top} ${x + w + dx},${top - dy} ${x + w + dx},${BASE - dy} ${x + w},${BASE}`} />
      <polygon className="top" points={`${x},${top} ${x + dx},${top - dy} ${x + w + dx},${top - dy} ${x + w},${top}`} />
      <rect className="front" x={x} y={top} width={w} height={h} />
    </g>
  );
}

export function Diagram({ analysis }: { analysis: Analysis }) {
  const boxes: Box[] = [boxFor('input', analysis.input), ...analysis.rows.map((r) => boxFor(r.layer.type, r.outputShape))];
  const columns = boxes.map((b) => Math.max(MIN_COLUMN, b.w + b.d * 0.7 + GAP));
  const starts = columns.map((_, i) => 10 + columns.slice(0, i).reduce((a, c) => a + c, 0));
  const width = 20 + columns.reduce((a, c) => a + c, 0);
  return (
    <figure className="diagram" data-testid="diagram">
      <figcaption>Network structure: each box is a layer's output, its height the feature-map size and its depth the channels.</figcaption>
      <div className="diagram-scroll">
        <svg width={width} height={200} viewBox={`0 0 ${width} 200`} role="img" aria-label={boxes.map((b) => `${SHORT[b.kind]} ${b.shape ? shapeLabel(b.shape) : '?'}`).join(', ')}>
          {boxes.map((box, i) => {
            const column = columns[i]!;
            const start = starts[i]!;
            const x = start + (column - box.w - box.d * 0.7) / 2;
            const cx = start + column / 2;
            return (
              <g key={i}>
                <Cuboid x={x} box={box} />
                <text x={cx} y={BASE + 20} textAnchor="middle" className="diagram-type">
                  {SHORT[box.kind]}
                </text>
                <text x={cx} y={BASE + 36} textAnchor="middle" className="diagram-shape">
                  {box.shape ? shapeLabel(box.shape) : '?'}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
