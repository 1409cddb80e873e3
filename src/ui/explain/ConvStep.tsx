// The step-through of a conv filter: its kernel slid over the (padded) input with the layer's real stride, filling the map.
import { useEffect, useMemo, useRef, useState } from 'react';
import { activate, convMap } from '../../model/unitMath';
import { axisPadding, windowAt } from '../../model/window';
import { rangeOf } from '../inspect/paint';
import type { Rgb } from './colors';
import { grayColor, num, paintCells } from './colors';
import type { Detail } from './detailMath';

const SPEEDS = [1, 4, 16, 64] as const;
/** Padding cells: a colour no input takes, so the zeros read as "not part of the image". */
const PADDING: Rgb = [58, 66, 92];
const NOT_YET: Rgb = [20, 20, 20];

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Pixels per cell so a grid of `n` cells stays about `room` wide, never under 3. */
const cellFor = (n: number, room: number) => Math.max(3, Math.min(14, Math.floor(room / n)));

/** `position` (row-major index of the output cell) is the detail's: its grids follow the kernel as it slides. */
export function ConvStep({ detail, channel, position, onPosition }: { detail: Extract<Detail, { kind: 'conv' }>; channel: number; position: number; onPosition: (p: number) => void }) {
  const { input, weights, spec } = detail;
  const map = useMemo(() => convMap(input, weights.kernel, weights.bias, spec), [input, weights, spec]);
  const positions = map.height * map.width;
  const start = detail.weights.unit.row * map.width + detail.weights.unit.col;
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(16);
  // A new unit stops the play (the detail moves the position to it).
  const [shownStart, setShownStart] = useState(start);
  if (shownStart !== start) {
    setShownStart(start);
    setPlaying(false);
  }
  const last = positions - 1;
  const setPosition = onPosition;
  const at = useRef(position);
  useEffect(() => {
    at.current = position;
  });
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const p = at.current;
      if (p >= last) setPlaying(false);
      else onPosition(p + 1);
    }, 1000 / speed);
    return () => clearInterval(timer);
  }, [playing, speed, last, onPosition]);

  const play = () => {
    if (playing) return setPlaying(false);
    const from = position >= last ? 0 : position;
    // Without motion, the whole map at once: the kernel's last place and every value filled in.
    if (reducedMotion()) return setPosition(last);
    setPosition(from);
    setPlaying(true);
  };

  const row = Math.floor(position / map.width);
  const col = position % map.width;
  const window = { size: spec.kernelSize, stride: spec.strides, padding: spec.padding, inHeight: input.height, inWidth: input.width };
  const { top, left } = windowAt(window, row, col);
  const pr = axisPadding(input.height, spec.kernelSize, spec.strides, spec.padding);
  const pc = axisPadding(input.width, spec.kernelSize, spec.strides, spec.padding);
  const paddedH = input.height + pr.before + pr.after;
  const paddedW = input.width + pc.before + pc.after;
  const inCell = cellFor(paddedW, 230);
  const outCell = cellFor(map.width, 200);
  const z = map.values[position]!;
  const softmaxed = spec.activation === 'softmax';
  // Softmax needs every filter at a cell, which only the selected cell has: the map shows z there.
  const outValues = useMemo(() => (softmaxed ? map.values : map.values.map((v) => activate(spec.activation, v))), [map, softmaxed, spec.activation]);

  const inCanvas = useRef<HTMLCanvasElement>(null);
  const outCanvas = useRef<HTMLCanvasElement>(null);
  const inRange = useMemo(() => rangeOf(input.values.length, (i) => input.values[i]!), [input.values]);
  const outRange = useMemo(() => rangeOf(positions, (i) => outValues[i]!), [outValues, positions]);
  useEffect(() => {
    paintCells(inCanvas.current, paddedW, paddedH, (i) => {
      const r = Math.floor(i / paddedW) - pr.before;
      const c = (i % paddedW) - pc.before;
      if (r < 0 || c < 0 || r >= input.height || c >= input.width) return PADDING;
      return grayColor(input.values[(r * input.width + c) * input.channels + channel]!, inRange.lo, inRange.hi);
    });
  }, [input, channel, paddedW, paddedH, pr.before, pc.before, inRange]);
  useEffect(() => {
    paintCells(outCanvas.current, map.width, map.height, (i) => (i <= position ? grayColor(outValues[i]!, outRange.lo, outRange.hi) : NOT_YET));
  }, [map, position, outRange, outValues]);

  const k = spec.kernelSize;
  const padded = top < 0 || left < 0 || top + k > input.height || left + k > input.width;
  const goTo = (p: number) => {
    setPlaying(false);
    setPosition(p);
  };
  return (
    <section className="conv-step" data-testid="conv-step" data-position={`${row},${col}`} data-positions={positions} aria-label="Step through the convolution">
      <h4>Slide the kernel</h4>
      <p className="small muted">
        {spec.kernelSize}×{spec.kernelSize} kernel, stride {spec.strides}, padding “{spec.padding}”
        {spec.padding === 'same' && (pr.before + pr.after + pc.before + pc.after > 0) ? ` (${pr.before} row${pr.before === 1 ? '' : 's'} of zeros above, ${pr.after} below, ${pc.before} left, ${pc.after} right, TF’s rule)` : ''}
        {input.channels > 1 ? `; showing input map ${channel + 1} of ${input.channels}, the sum runs over all of them` : ''}.
      </p>
      <div className="step-views">
        <figure>
          <div className="step-canvas" style={{ width: paddedW * inCell, height: paddedH * inCell }}>
            <canvas ref={inCanvas} width={paddedW} height={paddedH} style={{ width: paddedW * inCell, height: paddedH * inCell }} role="img" aria-label={`The input${input.channels > 1 ? ` map ${channel + 1}` : ''} with its padding`} />
            <div
              className="step-window"
              style={{ left: (left + pc.before) * inCell, top: (top + pr.before) * inCell, width: spec.kernelSize * inCell, height: spec.kernelSize * inCell }}
              aria-hidden="true"
            />
          </div>
          <figcaption>
            input{pr.before + pr.after + pc.before + pc.after > 0 ? ' with padding (blue-grey: zeros)' : ''}
          </figcaption>
        </figure>
        <figure>
          <div className="step-canvas" style={{ width: map.width * outCell, height: map.height * outCell }}>
            <canvas ref={outCanvas} width={map.width} height={map.height} style={{ width: map.width * outCell, height: map.height * outCell }} role="img" aria-label="The map filled in so far" />
            <div className="step-cell" style={{ left: col * outCell, top: row * outCell, width: outCell, height: outCell }} aria-hidden="true" />
          </div>
          <figcaption>the map, filled in so far{softmaxed ? ' (before softmax)' : ''}</figcaption>
        </figure>
      </div>
      <p className="sum-line" aria-live="polite">
        Position {position + 1} of {positions}: row {row + 1}, column {col + 1}; window rows {top + 1}–{top + spec.kernelSize}, columns {left + 1}–{left + spec.kernelSize}
        {padded ? ' (partly in the padding)' : ''}. Σ + bias = <strong>{num(z)}</strong>
        {!softmaxed && spec.activation !== 'linear' && (
          <>
            {' '}→ {spec.activation} → <strong>{num(outValues[position]!)}</strong>
          </>
        )}
      </p>
      <div className="step-controls">
        <button type="button" onClick={() => goTo(0)} disabled={position === 0} aria-label="Back to the first position">
          « Start
        </button>
        <button type="button" data-testid="conv-step-play" onClick={play} aria-pressed={playing}>
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button type="button" data-testid="conv-step-next" onClick={() => goTo(Math.min(last, position + 1))} disabled={position >= last}>
          Step ›
        </button>
        <button type="button" onClick={() => goTo(last)} disabled={position >= last} aria-label="To the last position">
          End »
        </button>
        <label className="field inline">
          speed
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as (typeof SPEEDS)[number])}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s} a second
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
