// Page object for the learning curves and the run history, added to the shared fixtures.
import type { Locator, Page } from '@playwright/test';
import { test as base, expect } from './fixtures';

/** How many points an SVG path draws: one per move-to or line-to command. */
export function pointsIn(d: string | null): number {
  return (d ?? '').match(/[ML]/g)?.length ?? 0;
}

export class HistoryPage {
  readonly section: Locator;
  readonly rows: Locator;
  readonly curves: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId('run-history');
    this.rows = page.getByTestId('history-row');
    this.curves = page.getByTestId('learning-curves');
  }

  row(number: number): Locator {
    return this.page.locator(`[data-testid=history-row][data-number="${number}"]`);
  }

  /** Points of each line drawn in a chart, in the order the lines are drawn. */
  async linePoints(chartTestId: string): Promise<number[]> {
    const paths = this.page.getByTestId(chartTestId).locator('path.chart-line');
    return paths.evaluateAll((els) => els.map((el) => el.getAttribute('d'))).then((ds) => ds.map(pointsIn));
  }

  /** Every write to IndexedDB has finished (so a reload loses nothing). */
  async saved() {
    await expect(this.section).toHaveAttribute('data-saving', '0');
  }

  async columnValues(attribute: string): Promise<string[]> {
    return this.rows.evaluateAll((els, a) => els.map((el) => el.getAttribute(a) ?? ''), attribute);
  }
}

export const test = base.extend<{ history: HistoryPage }>({
  history: async ({ page }, use) => {
    await use(new HistoryPage(page));
  },
});

export { expect };
