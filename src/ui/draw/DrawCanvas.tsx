// The drawing pad: mouse, touch and pen through pointer events; undo of the last stroke, and clear.
import type { PointerEvent as ReactPointerEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { prepareDrawing } from '../../data/imageFile';
import { inkFromRgba } from '../../data/preprocess';
import { selectDatasetInfo } from '../../state/datasetSelectors';
import { setDrawnDigit } from '../../state/inspectActions';
import { readStrokes, saveStrokes } from '../../state/savedDrawing';
import { useAppStore } from '../../state/store';
import type { Point } from './brush';
import { GUIDE_INSET, PAD_SIDE, paintStrokes } from './brush';

/** While a stroke goes on, the drawn digit is preprocessed and handed on at most this often (ms). */
const UPDATE_MS = 80;

export function DrawCanvas() {
  const canvas = useRef<HTMLCanvasElement>(null);
  // A reload brings back the digit drawn before it, stroke for stroke.
  const [saved] = useState(readStrokes);
  const strokes = useRef<Point[][]>(saved);
  const pointer = useRef<number | null>(null);
  const timing = useRef({ last: 0, timer: null as ReturnType<typeof setTimeout> | null });
  const [strokeCount, setStrokeCount] = useState(saved.length);

  const context = () => canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  /** Repaint, then pass the digit on as MNIST would have it (now, or soon when `throttled`). */
  const update = (throttled: boolean) => {
    const ctx = context();
    if (!ctx) return;
    paintStrokes(ctx, strokes.current);
    const t = timing.current;
    const publish = () => {
      t.timer = null;
      t.last = performance.now();
      const { data } = ctx.getImageData(0, 0, PAD_SIDE, PAD_SIDE);
      // Prepared as the dataset's own images were: centred by mass (MNIST) or filling the frame (Fashion-MNIST).
      const { preparation } = selectDatasetInfo(useAppStore.getState());
      setDrawnDigit(prepareDrawing(inkFromRgba(data, PAD_SIDE, PAD_SIDE), preparation));
    };
    if (t.timer) clearTimeout(t.timer);
    const wait = UPDATE_MS - (performance.now() - t.last);
    if (throttled && wait > 0) t.timer = setTimeout(publish, wait);
    else publish();
  };

  useEffect(() => {
    const t = timing.current;
    return () => {
      if (t.timer) clearTimeout(t.timer);
    };
  }, []);

  // Paint and pass on the restored digit once, on mount (`update` only reads refs).
  useEffect(() => {
    if (strokes.current.length > 0) update(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** A stroke ended, or strokes were undone or cleared: repaint, pass the digit on, keep it. */
  const settle = () => {
    update(false);
    saveStrokes(strokes.current);
  };

  const toPoint = (e: { clientX: number; clientY: number }): Point => {
    const rect = canvas.current!.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) * PAD_SIDE) / rect.width, y: ((e.clientY - rect.top) * PAD_SIDE) / rect.height };
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    // One stroke at a time; a second finger or a right click does not draw.
    if (pointer.current !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    pointer.current = e.pointerId;
    strokes.current = [...strokes.current, [toPoint(e)]];
    setStrokeCount(strokes.current.length);
    update(true);
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (pointer.current !== e.pointerId) return;
    // Coalesced events keep fast strokes smooth where the browser batches pointer moves.
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    const stroke = strokes.current.at(-1)!;
    for (const point of (events.length > 0 ? events : [e.nativeEvent]).map(toPoint)) {
      // The browser also sends moves where the pointer stood still (after a layout change under
      // it); a repeated point would bend the smoothed curve, so the same stroke would come out
      // differently depending on timing.
      const last = stroke.at(-1)!;
      if (Math.hypot(point.x - last.x, point.y - last.y) >= 0.5) stroke.push(point);
    }
    update(true);
  };

  const onPointerEnd = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (pointer.current !== e.pointerId) return;
    pointer.current = null;
    settle();
  };

  const undo = () => {
    strokes.current = strokes.current.slice(0, -1);
    setStrokeCount(strokes.current.length);
    settle();
  };

  const clear = () => {
    strokes.current = [];
    setStrokeCount(0);
    settle();
  };

  // Another dataset prepares drawings another way: prepare the drawing on the pad again.
  const preparation = useAppStore((s) => selectDatasetInfo(s).preparation);
  useEffect(() => {
    if (strokes.current.length > 0) update(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preparation]);

  // Cleared from elsewhere (the C shortcut, Add drawing): drop the strokes too.
  const drawn = useAppStore((s) => s.drawn);
  const before = useRef(drawn);
  useEffect(() => {
    const wasDrawn = before.current !== null;
    before.current = drawn;
    if (!wasDrawn || drawn !== null || strokes.current.length === 0) return;
    strokes.current = [];
    setStrokeCount(0);
    saveStrokes([]);
    const ctx = context();
    if (ctx) paintStrokes(ctx, []);
  }, [drawn]);

  return (
    <div className="draw-pad">
      <div className="draw-surface">
        <canvas
          ref={canvas}
          width={PAD_SIDE}
          height={PAD_SIDE}
          data-testid="draw-canvas"
          data-strokes={strokeCount}
          aria-label="Drawing area: draw one digit with the mouse, a finger or a pen"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
          onLostPointerCapture={onPointerEnd}
        />
        <div className="draw-guide" style={{ inset: `${(GUIDE_INSET / PAD_SIDE) * 100}%` }} aria-hidden="true" />
      </div>
      <div className="draw-buttons">
        <button type="button" data-testid="draw-undo" onClick={undo} disabled={strokeCount === 0}>
          Undo stroke
        </button>
        <button type="button" data-testid="draw-clear" onClick={clear}>
          Clear
        </button>
      </div>
    </div>
  );
}
