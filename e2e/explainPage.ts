// Page object for the network view: its maps, the unit detail, the conv step-through, why this guess and softmax.
import type { Locator, Page } from '@playwright/test';
import { expect, test as base } from './drawPage';

export class ExplainPage {
  readonly panel: Locator;
  readonly detail: Locator;
  readonly step: Locator;
  readonly saliency: Locator;
  readonly softmax: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('network-panel');
    this.detail = page.getByTestId('neuron-detail');
    this.step = page.getByTestId('conv-step');
    this.saliency = page.getByTestId('saliency-map');
    this.softmax = page.getByTestId('softmax-detail');
  }

  map(layer: number, channel: number): Locator {
    return this.page.locator(`[data-testid="feature-map"][data-layer="${layer}"][data-channel="${channel}"]`);
  }

  /** Click cell (row, col) of a map, at the cell's centre (the cells cover the canvas evenly). */
  async clickCell(map: Locator, row: number, col: number, how: 'click' | 'tap' = 'click') {
    await map.scrollIntoViewIfNeeded();
    const [h, w] = [Number(await map.getAttribute('data-height')), Number(await map.getAttribute('data-width'))];
    const box = (await map.boundingBox())!;
    const position = { x: ((col + 0.5) * box.width) / w, y: ((row + 0.5) * box.height) / h };
    if (how === 'tap') await map.tap({ position });
    else await map.click({ position });
  }

  /** The detail shows this unit (its attributes change together once the worker has answered). */
  async expectUnit(unit: { layer: number; channel: number; row: number; col: number }) {
    for (const [k, v] of Object.entries(unit)) await expect(this.detail).toHaveAttribute(`data-${k}`, String(v), { timeout: 30_000 });
  }

  async number(locator: Locator, attribute: string): Promise<number> {
    return Number(await locator.getAttribute(attribute));
  }

  async json<T>(locator: Locator, attribute: string): Promise<T> {
    return JSON.parse((await locator.getAttribute(attribute))!) as T;
  }
}

export const test = base.extend<{ explain: ExplainPage }>({
  explain: async ({ page }, use) => {
    await use(new ExplainPage(page));
  },
});

export { expect };
