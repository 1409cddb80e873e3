// Page object for the draw panel and the "look inside" views: strokes with the mouse, and what they show.
import type { Locator, Page } from '@playwright/test';
import { expect, test as base } from './fixtures';

/** A stroke as points in fractions of the canvas (0..1 across and down). */
export type Stroke = [number, number][];

/** Digits as a person might draw them, filling most of the guide box. */
export const DIGIT_STROKES: Record<'one' | 'zero' | 'seven', Stroke[]> = {
  one: [
    [
      [0.52, 0.2],
      [0.5, 0.5],
      [0.48, 0.8],
    ],
  ],
  zero: [Array.from({ length: 41 }, (_, i): [number, number] => [0.5 + 0.2 * Math.sin((i / 40) * 2 * Math.PI), 0.5 - 0.3 * Math.cos((i / 40) * 2 * Math.PI)])],
  seven: [
    [
      [0.3, 0.22],
      [0.7, 0.22],
      [0.58, 0.45],
      [0.45, 0.8],
    ],
  ],
};

export class DrawPage {
  readonly canvas: Locator;
  readonly prediction: Locator;
  readonly featureLayers: Locator;
  readonly cells: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('draw-canvas');
    this.prediction = page.getByTestId('prediction');
    this.featureLayers = page.getByTestId('feature-layer');
    this.cells = page.getByTestId('confusion-cell');
  }

  /** Draw with the mouse, pressing at the first point of each stroke and moving through the rest (`steps` mouse moves per segment). */
  async draw(strokes: Stroke[], steps = 8) {
    await this.canvas.scrollIntoViewIfNeeded();
    const box = (await this.canvas.boundingBox())!;
    const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
    for (const stroke of strokes) {
      const [first, ...rest] = stroke;
      await this.page.mouse.move(...at(first!));
      await this.page.mouse.down();
      for (const point of rest) await this.page.mouse.move(...at(point), { steps });
      await this.page.mouse.up();
    }
  }

  async clear() {
    await this.page.getByTestId('draw-clear').click();
  }

  async predicted(): Promise<{ digit: number; confidence: number }> {
    return { digit: Number(await this.prediction.getAttribute('data-digit')), confidence: Number(await this.prediction.getAttribute('data-confidence')) };
  }

  /** Draw `strokes` on a clear pad and wait for the network's guess of them. */
  async guess(strokes: Stroke[]): Promise<{ digit: number; confidence: number }> {
    await this.clear();
    await expect(this.prediction).toHaveCount(0);
    await this.draw(strokes);
    await expect(this.prediction).toBeVisible({ timeout: 30_000 });
    return this.predicted();
  }

  cell(trueDigit: number, predicted: number): Locator {
    return this.page.locator(`[data-testid="confusion-cell"][data-true="${trueDigit}"][data-predicted="${predicted}"]`);
  }
}

export const test = base.extend<{ draw: DrawPage }>({
  draw: async ({ page }, use) => {
    await use(new DrawPage(page));
  },
});

export { expect };
