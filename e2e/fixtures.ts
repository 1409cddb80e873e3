// Playwright fixtures: page objects for the parts of the app a test drives.
import type { Download, Locator, Page } from '@playwright/test';
import { test as base, expect } from '@playwright/test';

export class BuilderPage {
  readonly rows: Locator;
  readonly archError: Locator;
  readonly totalParams: Locator;
  readonly totalConnections: Locator;
  readonly presetSelect: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('layer-row');
    this.archError = page.getByTestId('arch-error');
    this.totalParams = page.getByTestId('total-params');
    this.totalConnections = page.getByTestId('total-connections');
    this.presetSelect = page.getByTestId('preset-select');
  }

  async open(hash = '') {
    await this.page.goto(`/${hash}`);
    await expect(this.page.getByRole('heading', { name: 'CNN Playground' })).toBeVisible();
  }

  row(index: number): Locator {
    return this.rows.nth(index);
  }

  async add(type: string) {
    await this.page.getByTestId(`add-${type}`).click();
  }

  async setField(row: number, field: string, value: string) {
    const input = this.row(row).getByTestId(`field-${field}`);
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }

  async types(): Promise<(string | null)[]> {
    return this.rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-layer-type')));
  }

  async number(locator: Locator, attribute = 'data-value'): Promise<number> {
    return Number(await locator.getAttribute(attribute));
  }
}

export class TrainingPage {
  readonly status: Locator;
  readonly backendActive: Locator;
  readonly testError: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId('train-status');
    this.backendActive = page.getByTestId('backend-active');
    this.testError = page.getByTestId('test-error');
  }

  async useBackend(name: 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu') {
    await this.page.getByTestId('backend-select').selectOption(name);
    if (name !== 'auto') await expect(this.backendActive).toHaveAttribute('data-value', name, { timeout: 30_000 });
  }

  async configure(settings: { epochs?: number; batchSize?: number; subset?: number; learningRate?: number; validation?: 'test' | 'holdout' }) {
    const fill = (id: string, v: number | undefined) => (v === undefined ? undefined : this.page.getByTestId(id).fill(String(v)));
    await fill('train-epochs', settings.epochs);
    await fill('train-batch-size', settings.batchSize);
    await fill('train-subset', settings.subset);
    await fill('train-learning-rate', settings.learningRate);
    if (settings.validation) await this.page.getByTestId('train-validation').selectOption(settings.validation);
  }

  async start() {
    await this.page.getByTestId('train-start').click();
  }

  async waitFor(state: string, timeout = 240_000) {
    await expect(this.status).toHaveAttribute('data-state', state, { timeout });
  }
}

/** Saving, restoring, exporting and importing: the Models dialog and the autosave status. */
export class PersistPage {
  readonly dialog: Locator;
  readonly autosave: Locator;
  readonly info: Locator;
  readonly error: Locator;
  readonly check: Locator;
  readonly savedModels: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('models-dialog');
    this.autosave = page.getByTestId('autosave-status');
    this.info = page.getByTestId('persist-info');
    this.error = page.getByTestId('persist-error');
    this.check = page.getByTestId('model-check');
    this.savedModels = page.getByTestId('saved-model');
  }

  savedModel(name: string): Locator {
    return this.savedModels.and(this.page.locator(`[data-name="${name}"]`));
  }

  async openModels() {
    if (await this.dialog.isVisible()) return;
    await this.page.getByTestId('models-open').click();
    await expect(this.dialog).toBeVisible();
  }

  async closeModels() {
    if (await this.dialog.isVisible()) await this.page.getByTestId('models-close').click();
    await expect(this.dialog).toBeHidden();
  }

  /** Click an export button in the Models dialog and save the `count` files it downloads into `dir`. */
  async exportFiles(testId: string, count: number, dir: string): Promise<{ name: string; path: string }[]> {
    await this.openModels();
    const seen: Download[] = [];
    const all = new Promise<void>((resolve) => {
      const on = (d: Download) => {
        seen.push(d);
        if (seen.length === count) {
          this.page.off('download', on);
          resolve();
        }
      };
      this.page.on('download', on);
    });
    await this.page.getByTestId(testId).click();
    await all;
    return Promise.all(seen.map(async (d) => ({ name: d.suggestedFilename(), path: await d.saveAs(`${dir}/${d.suggestedFilename()}`).then(() => `${dir}/${d.suggestedFilename()}`) })));
  }

  /** Autosave has written the weights of `epoch` epochs. */
  async waitForSavedWeights(epoch: number, timeout = 30_000) {
    await expect(this.autosave).toHaveAttribute('data-weights-epoch', String(epoch), { timeout });
  }

  /**
   * What the trained network answers, exactly: its class probabilities for the first five test
   * digits (the model-check figure), and its guess for a drawn 7. The 7 is drawn once; the pad
   * keeps it (a reload brings it back stroke for stroke), so later calls ask about the same digit.
   */
  async answers(): Promise<{ testDigits: number[][]; drawn: { digit: string | null; confidence: string | null } }> {
    await expect(this.check).toBeVisible({ timeout: 60_000 });
    const testDigits = JSON.parse((await this.check.getAttribute('data-probabilities'))!) as number[][];
    const canvas = this.page.getByTestId('draw-canvas');
    if ((await canvas.getAttribute('data-strokes')) === '0') {
      await canvas.scrollIntoViewIfNeeded(); // a stroke off screen would be cut short
      const box = (await canvas.boundingBox())!;
      const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const;
      await this.page.mouse.move(...at(0.3, 0.25));
      await this.page.mouse.down();
      await this.page.mouse.move(...at(0.7, 0.25));
      await this.page.mouse.move(...at(0.45, 0.8));
      await this.page.mouse.up();
    }
    const prediction = this.page.getByTestId('prediction');
    // Live guesses arrive while a stroke is drawn, and new weights ask again: wait for the answer
    // to the digit as it is, on the weights as they are.
    await expect(prediction).toHaveAttribute('data-fresh', 'true', { timeout: 30_000 });
    await expect(prediction).toHaveAttribute('data-digit', /\d/);
    return { testDigits, drawn: { digit: await prediction.getAttribute('data-digit'), confidence: await prediction.getAttribute('data-confidence') } };
  }
}

export const test = base.extend<{ builder: BuilderPage; training: TrainingPage; persist: PersistPage }>({
  builder: async ({ page }, use) => {
    await use(new BuilderPage(page));
  },
  training: async ({ page }, use) => {
    await use(new TrainingPage(page));
  },
  persist: async ({ page }, use) => {
    await use(new PersistPage(page));
  },
});

export { expect };
