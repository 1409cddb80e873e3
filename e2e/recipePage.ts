// Page object for the recipe settings (augmentation and its preview, schedule, early stopping) and the results panel.
import type { Locator, Page } from '@playwright/test';
import { test as base } from './fixtures';

export interface SamplePixels {
  label: string | null;
  augmentedLabel: string | null;
  shownText: string;
  original: number[];
  augmented: number[];
}

export class RecipePage {
  readonly augment: Locator;
  readonly samples: Locator;
  readonly settingsError: Locator;
  readonly resultRows: Locator;

  constructor(readonly page: Page) {
    this.augment = page.getByTestId('train-augment');
    this.samples = page.getByTestId('augment-sample');
    this.settingsError = page.getByTestId('settings-error');
    this.resultRows = page.getByTestId('result-row');
  }

  async openPreview() {
    await this.page.getByTestId('augment-preview-button').click();
  }

  /** Each preview sample's labels and the grey levels of its two canvases, as drawn. */
  async readSamples(): Promise<SamplePixels[]> {
    return this.samples.evaluateAll((items) =>
      items.map((li) => {
        const [a, b] = Array.from(li.querySelectorAll('canvas'));
        const grey = (c: HTMLCanvasElement | undefined) => {
          const data = c?.getContext('2d')?.getImageData(0, 0, 28, 28).data ?? new Uint8ClampedArray();
          return Array.from({ length: data.length / 4 }, (_, i) => data[i * 4]!);
        };
        return {
          label: li.getAttribute('data-label'),
          augmentedLabel: li.getAttribute('data-augmented-label'),
          shownText: li.querySelector('span')?.textContent ?? '',
          original: grey(a),
          augmented: grey(b),
        };
      }),
    );
  }
}

export const test = base.extend<{ recipe: RecipePage }>({
  recipe: async ({ page }, use) => {
    await use(new RecipePage(page));
  },
});

export { expect } from './fixtures';
