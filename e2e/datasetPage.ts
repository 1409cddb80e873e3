// Page object for datasets: the picker, the editor of the learner's own classes, and strokes that draw their examples.
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import type { Stroke } from './drawPage';
import { DrawPage } from './drawPage';

/** The three shapes of the custom-dataset tests, varied by `i` as a person's drawings vary. */
export const SHAPES: Record<'vertical' | 'horizontal' | 'circle', (i: number) => Stroke[]> = {
  vertical: (i) => [
    [
      [0.3 + 0.03 * (i % 13), 0.2 + 0.01 * (i % 5)],
      [0.32 + 0.03 * (i % 13) + 0.01 * (i % 3), 0.78 - 0.01 * (i % 4)],
    ],
  ],
  horizontal: (i) => [
    [
      [0.2 + 0.01 * (i % 5), 0.3 + 0.03 * (i % 13)],
      [0.8 - 0.01 * (i % 4), 0.32 + 0.03 * (i % 13) - 0.01 * (i % 3)],
    ],
  ],
  circle: (i) => {
    const r = 0.18 + 0.01 * (i % 8);
    const [cx, cy] = [0.5 + 0.01 * (i % 5) - 0.02, 0.5 - 0.01 * (i % 4) + 0.015];
    return [Array.from({ length: 17 }, (_, k): [number, number] => [cx + r * Math.sin((k / 16) * 2 * Math.PI), cy - r * Math.cos((k / 16) * 2 * Math.PI)])];
  },
};

export class DatasetPage {
  readonly select: Locator;
  readonly classNames: Locator;
  readonly editor: Locator;
  readonly classes: Locator;
  readonly canvas: Locator;
  private readonly pad: DrawPage;

  constructor(readonly page: Page) {
    this.pad = new DrawPage(page);
    this.select = page.getByTestId('dataset-select');
    this.classNames = page.getByTestId('class-names');
    this.editor = page.getByTestId('custom-editor');
    this.classes = page.getByTestId('custom-class');
    this.canvas = page.getByTestId('draw-canvas');
  }

  async names(): Promise<string[]> {
    return JSON.parse((await this.classNames.getAttribute('data-value'))!) as string[];
  }

  async counts(): Promise<number[]> {
    return this.classes.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
  }

  /** Add a class and give it `name`. */
  async addClass(name: string) {
    const before = await this.classes.count();
    await this.page.getByTestId('custom-class-add').click();
    await expect(this.classes).toHaveCount(before + 1);
    const input = this.classes.nth(before).getByTestId('custom-class-name');
    await input.fill(name);
    await expect(this.classNames).toHaveAttribute('data-value', new RegExp(`"${name}"`));
  }

  /** Draw on the pad with the mouse: few moves per segment on many-point strokes (the pad smooths them). */
  async draw(strokes: Stroke[]) {
    await this.pad.draw(strokes, strokes.some((s) => s.length > 2) ? 2 : 6);
  }

  /** Draw `strokes` and add them to class `index`: its count goes up by one and the pad clears at once. */
  async addDrawing(index: number, strokes: Stroke[]) {
    const card = this.classes.nth(index);
    const before = Number(await card.getAttribute('data-count'));
    await this.draw(strokes);
    await card.getByTestId('custom-add-example').click();
    await expect(card).toHaveAttribute('data-count', String(before + 1));
    await expect(this.canvas).toHaveAttribute('data-strokes', '0');
  }
}

/** A picture file to upload, drawn at test time on a canvas in the page and encoded by the browser. */
export interface PictureSpec {
  name: string;
  type: 'image/png' | 'image/jpeg';
  /** What is drawn: a ring or a bar, in dark ink on light paper (or light on dark). */
  shape: 'ring' | 'bar';
  darkPaper?: boolean;
  width?: number;
  height?: number;
}

/** Encode pictures in the page (OffscreenCanvas.convertToBlob) and hand them back as files for setInputFiles. */
export async function makePictures(page: Page, specs: PictureSpec[]): Promise<{ name: string; mimeType: string; buffer: Buffer }[]> {
  const encoded = await page.evaluate(async (all) => {
    const out: string[] = [];
    for (const s of all) {
      const [w, h] = [s.width ?? 120, s.height ?? 90];
      const canvas = new OffscreenCanvas(w, h);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = s.darkPaper ? '#102030' : '#f4efe4';
      ctx.fillRect(0, 0, w, h);
      ctx.strokeStyle = s.darkPaper ? '#f0f0f0' : '#1b2a6b';
      ctx.lineWidth = Math.max(3, Math.min(w, h) / 12);
      ctx.beginPath();
      if (s.shape === 'ring') ctx.arc(w / 2, h / 2, Math.min(w, h) / 3, 0, 2 * Math.PI);
      else {
        ctx.moveTo(w / 2, h * 0.15);
        ctx.lineTo(w / 2, h * 0.85);
      }
      ctx.stroke();
      const blob = await canvas.convertToBlob({ type: s.type, quality: 0.9 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      out.push(btoa(binary));
    }
    return out;
  }, specs);
  return specs.map((s, i) => ({ name: s.name, mimeType: s.type, buffer: Buffer.from(encoded[i]!, 'base64') }));
}
