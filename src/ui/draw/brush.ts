// The drawing brush: strokes as point lists, painted white on a transparent canvas like a thick pen.

export interface Point {
  x: number;
  y: number;
}

/** Side of the drawing canvas in its own pixels (its CSS size may differ). */
export const PAD_SIDE = 280;

/**
 * Pen width in canvas pixels. A digit drawn to fill the guide box (about 200 px tall) becomes
 * 20 px tall for the network, and this pen a stroke about 2.7 pixels wide with grey edges, as
 * in MNIST: a drawn 1 then carries about 55 pixels' worth of ink and a 0 about 125, where
 * MNIST's 1s average 60 and its 0s 136.
 */
export const PEN_WIDTH = 26;

/** The guide box: the 20-pixel box of a 28-pixel MNIST field, at the canvas's scale. */
export const GUIDE_INSET = (PAD_SIDE * 4) / 28;

/** Repaint every stroke; each is a smooth curve through the midpoints of its samples. */
export function paintStrokes(ctx: CanvasRenderingContext2D, strokes: readonly Point[][]): void {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.fillStyle = '#fff';
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = PEN_WIDTH;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const stroke of strokes) {
    const first = stroke[0];
    if (!first) continue;
    if (stroke.length === 1) {
      ctx.beginPath();
      ctx.arc(first.x, first.y, PEN_WIDTH / 2, 0, Math.PI * 2);
      ctx.fill();
      continue;
    }
    ctx.beginPath();
    ctx.moveTo(first.x, first.y);
    for (let i = 1; i < stroke.length - 1; i++) {
      const p = stroke[i]!;
      const q = stroke[i + 1]!;
      ctx.quadraticCurveTo(p.x, p.y, (p.x + q.x) / 2, (p.y + q.y) / 2);
    }
    const last = stroke[stroke.length - 1]!;
    ctx.lineTo(last.x, last.y);
    ctx.stroke();
  }
}
