// The overview's two ends: the input image (with the receptive field on it) and the class outputs (one probability each, named).
import { memo, useEffect, useRef } from 'react';
import type { PixelRect } from '../../model/receptiveField';
import type { OverviewColumn } from './columns';
import { grayColor, paintCells } from './colors';
import type { UnitEvents } from './MapStack';
import { topDigit } from '../draw/PredictionView';

interface InputProps {
  column: OverviewColumn;
  cell: number;
  register: UnitEvents['register'];
  /** The receptive field to draw (the hovered or selected unit's), with its size in pixels. */
  field: { rect: PixelRect; height: number; width: number; whole: boolean } | null;
  caption: string;
}

export const InputImage = memo(function InputImage({ column, cell, register, field, caption }: InputProps) {
  const [h, w] = column.shape as [number, number];
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => paintCells(canvas.current, w, h, (i) => grayColor(column.values[i]!, 0, 1)), [column.values, w, h]);
  const r = field?.rect;
  return (
    <div className="ov-input">
      <div className="ov-input-image" style={{ width: w * cell, height: h * cell }}>
        <canvas
          ref={(el) => {
            canvas.current = el;
            register('map:-1:0', el);
          }}
          width={w}
          height={h}
          style={{ width: w * cell, height: h * cell }}
          data-testid="overview-input"
          role="img"
          aria-label={caption}
        />
        {r && (
          <div
            className="ov-field"
            data-testid="receptive-field"
            style={{ left: r.left * cell, top: r.top * cell, width: (r.right - r.left + 1) * cell, height: (r.bottom - r.top + 1) * cell }}
            aria-hidden="true"
          />
        )}
      </div>
      <p className="ov-caption" data-testid="fm-caption">
        {caption}
      </p>
      {field && (
        <p className="ov-caption" data-testid="receptive-field-size">
          {field.whole ? `sees all ${w}×${h} pixels` : `sees ${field.rect.bottom - field.rect.top + 1}×${field.rect.right - field.rect.left + 1} pixels`}
          {!field.whole && (field.height !== field.rect.bottom - field.rect.top + 1 || field.width !== field.rect.right - field.rect.left + 1) && ` (a ${field.height}×${field.width} field, partly padding)`}
        </p>
      )}
    </div>
  );
});

interface OutputProps extends UnitEvents {
  column: OverviewColumn;
  classNames: readonly string[];
  /** Keyboard or pointer on this class. */
  active: number | null;
}

export const ClassOutputs = memo(function ClassOutputs({ column, classNames, active, onHover, onSelect, register }: OutputProps) {
  const probs = column.values;
  const top = topDigit(probs);
  return (
    <ol className="ov-classes" aria-hidden="true" data-testid="activation-strip" data-units={probs.length}>
      {Array.from(probs, (p, k) => (
        <li
          key={k}
          ref={(el) => register(`class:${k}`, el)}
          className={`${k === top ? 'top' : ''}${k === active ? ' active' : ''}`}
          data-testid="overview-class"
          data-class={k}
          data-value={p}
          onPointerEnter={() => onHover({ layer: column.layer, unit: k })}
          onPointerLeave={() => onHover(null)}
          onClick={() => onSelect({ layer: column.layer, unit: k })}
        >
          <span className="ov-class-name">{classNames[k] ?? k}</span>
          <span className="ov-class-bar">
            <span style={{ width: `${Math.max(0, p) * 100}%` }} />
          </span>
          <span className="ov-class-value">{(p * 100).toFixed(p >= 0.995 || p < 0.001 ? 0 : 1)}%</span>
        </li>
      ))}
    </ol>
  );
});
