// Reorder rows by dragging a handle with mouse, touch or pen (Pointer Events), or by arrow keys.
import type { KeyboardEvent, PointerEvent } from 'react';
import { useRef, useState } from 'react';

interface DragState {
  from: number;
  /** Index the row would land at if dropped now. */
  to: number;
  /** Vertical distance the pointer has moved, in CSS pixels. */
  offset: number;
}

interface Gesture {
  from: number;
  startY: number;
  /** Row centres at the start of the drag (rows do not move until the drop). */
  centres: number[];
  to: number;
}

export function useDragReorder(rowCount: number, onMove: (from: number, to: number) => void) {
  const [drag, setDrag] = useState<DragState | null>(null);
  const rows = useRef<(HTMLElement | null)[]>([]);
  const gesture = useRef<Gesture | null>(null);

  const focusHandle = (index: number) => {
    // After the store updates, the row at `index` holds the moved layer.
    requestAnimationFrame(() => rows.current[index]?.querySelector<HTMLElement>('[data-drag-handle]')?.focus());
  };

  const end = (commit: boolean) => {
    const g = gesture.current;
    gesture.current = null;
    setDrag(null);
    if (commit && g && g.to !== g.from) {
      onMove(g.from, g.to);
      focusHandle(g.to);
    }
  };

  const handleProps = (index: number) => ({
    'data-drag-handle': true,
    onPointerDown: (e: PointerEvent<HTMLElement>) => {
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      const centres = rows.current.slice(0, rowCount).map((el) => {
        const r = el?.getBoundingClientRect();
        return r ? r.top + r.height / 2 : 0;
      });
      gesture.current = { from: index, startY: e.clientY, centres, to: index };
      setDrag({ from: index, to: index, offset: 0 });
    },
    onPointerMove: (e: PointerEvent<HTMLElement>) => {
      const g = gesture.current;
      if (!g) return;
      const offset = e.clientY - g.startY;
      const y = (g.centres[g.from] ?? 0) + offset;
      g.to = g.centres.filter((c, i) => i !== g.from && c < y).length;
      setDrag({ from: g.from, to: g.to, offset });
    },
    onPointerUp: () => end(true),
    onPointerCancel: () => end(false),
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      const delta = e.key === 'ArrowUp' ? -1 : e.key === 'ArrowDown' ? 1 : 0;
      if (delta === 0) return;
      e.preventDefault();
      const to = index + delta;
      if (to < 0 || to >= rowCount) return;
      onMove(index, to);
      focusHandle(to);
    },
  });

  const rowRef = (index: number) => (el: HTMLElement | null) => {
    rows.current[index] = el;
  };

  return { drag, handleProps, rowRef };
}
