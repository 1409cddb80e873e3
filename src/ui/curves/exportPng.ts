// A chart as a PNG: its SVG with computed styles inlined, drawn on a canvas with title and legend.

export interface LegendEntry {
  name: string;
  color: string;
  dashed?: boolean;
  faint?: boolean;
}

interface PngOptions {
  title: string;
  legend: readonly LegendEntry[];
  background: string;
  text: string;
  /** Pixels per CSS pixel, for a sharp image. */
  scale?: number;
}

// Properties the page sets through CSS or inherits (the font); without them the standalone SVG would fall back to the defaults.
const STYLE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility', 'paint-order', 'stroke-linejoin'] as const;

/** A standalone copy of `svg` whose look does not depend on the page's style sheets. */
export function standaloneSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const target = to[i];
    if (!(target instanceof SVGElement)) return;
    const computed = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
    target.setAttribute('style', style);
  });
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return new XMLSerializer().serializeToString(clone);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    img.src = url;
  });
}

/** Lay legend entries out in rows that fit `width`; returns each entry's position. */
function legendLayout(ctx: CanvasRenderingContext2D, legend: readonly LegendEntry[], width: number): { entry: LegendEntry; x: number; row: number }[] {
  const out: { entry: LegendEntry; x: number; row: number }[] = [];
  let x = 12;
  let row = 0;
  for (const entry of legend) {
    const w = 30 + ctx.measureText(entry.name).width + 18;
    if (x + w > width && x > 12) {
      row++;
      x = 12;
    }
    out.push({ entry, x, row });
    x += w;
  }
  return out;
}

export async function chartPng(svg: SVGSVGElement, options: PngOptions): Promise<Blob> {
  const scale = options.scale ?? 2;
  const { width, height } = svg.getBoundingClientRect();
  const font = `13px ${getComputedStyle(svg).fontFamily || 'sans-serif'}`;
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = font;
  const layout = legendLayout(measure, options.legend, width);
  const titleHeight = 28;
  const legendHeight = layout.length > 0 ? (Math.max(...layout.map((l) => l.row)) + 1) * 20 + 8 : 0;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil((height + titleHeight + legendHeight) * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a canvas, so the chart cannot be saved as PNG.');
  ctx.scale(scale, scale);
  ctx.fillStyle = options.background;
  ctx.fillRect(0, 0, width, height + titleHeight + legendHeight);
  ctx.fillStyle = options.text;
  ctx.font = `600 15px ${getComputedStyle(svg).fontFamily || 'sans-serif'}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(options.title, 12, titleHeight / 2 + 2);

  const url = URL.createObjectURL(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }));
  try {
    ctx.drawImage(await loadImage(url), 0, titleHeight, width, height);
  } finally {
    URL.revokeObjectURL(url);
  }

  ctx.font = font;
  for (const { entry, x, row } of layout) {
    const y = titleHeight + height + 12 + row * 20;
    ctx.strokeStyle = entry.color;
    ctx.globalAlpha = entry.faint ? 0.35 : 1;
    ctx.lineWidth = 2.5;
    ctx.setLineDash(entry.dashed ? [6, 3] : []);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 22, y);
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.fillStyle = options.text;
    ctx.fillText(entry.name, x + 30, y);
  }
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png'));
}
