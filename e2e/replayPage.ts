// Page object for "Watch it learn": the scrubber and what follows it (filters, the drawn digit's guess, the confusion matrix).
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** What the views of the weights show, exactly, and which weights they say they show. */
export interface Shown {
  weights: (string | null)[];
  filters: string | null;
  /** The network view's softmax for the drawn digit. */
  softmax: string | null;
  probabilities: string | null;
  confusion: string[];
}

export class ReplayPage {
  readonly section: Locator;
  readonly scrubber: Locator;
  readonly filters: Locator;
  readonly prediction: Locator;
  readonly confusion: Locator;
  readonly network: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId('replay-section');
    this.scrubber = page.getByTestId('epoch-scrubber');
    this.filters = page.getByTestId('filters');
    this.prediction = page.getByTestId('prediction');
    this.confusion = page.getByTestId('confusion-panel');
    this.network = page.getByTestId('network-weights');
  }

  async max(): Promise<number> {
    return Number(await this.scrubber.getAttribute('max'));
  }

  /** Move the scrubber to position `index` as a keyboard user would (Home, then → index times). */
  async scrubTo(index: number) {
    await this.scrubber.focus();
    await this.page.keyboard.press('Home');
    for (let i = 0; i < index; i++) await this.page.keyboard.press('ArrowRight');
    await expect(this.scrubber).toHaveValue(String(index));
  }

  /** Wait until every view of the weights says it shows `weights` (`live` or `checkpoint:<id>`). */
  async waitForViews(weights: string) {
    for (const view of [this.filters, this.prediction, this.confusion, this.network]) await expect(view).toHaveAttribute('data-weights', weights, { timeout: 60_000 });
    await expect(this.prediction).toHaveAttribute('data-fresh', 'true');
    await expect(this.filters).toHaveAttribute('data-signature', /\d/);
  }

  async shown(): Promise<Shown> {
    return {
      weights: await Promise.all([this.filters, this.prediction, this.confusion, this.network].map((l) => l.getAttribute('data-weights'))),
      filters: await this.filters.getAttribute('data-signature'),
      softmax: await this.page.getByTestId('softmax-detail').getAttribute('data-probabilities'),
      probabilities: await this.prediction.getAttribute('data-probabilities'),
      confusion: await this.page.getByTestId('confusion-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-count') ?? '')),
    };
  }
}
