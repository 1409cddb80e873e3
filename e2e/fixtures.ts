// Playwright fixtures: page objects for the parts of the app a test drives.
import type { Locator, Page } from '@playwright/test';
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

  /** Autosave has written the weights of `epoch` epochs. */
  async waitForSavedWeights(epoch: number, timeout = 30_000) {
    await expect(this.autosave).toHaveAttribute('data-weights-epoch', String(epoch), { timeout });
  }

  /**
   * What the trained network answers for fixed digits, exactly: the worker's class probabilities
   * for the first five test digits, as the model-check figure shows them. (A drawn digit would
   * do too, but where the canvas lands on sub-pixels changes the stroke a little.)
   */
  async answers(): Promise<number[][]> {
    await expect(this.check).toBeVisible({ timeout: 60_000 });
    return JSON.parse((await this.check.getAttribute('data-probabilities'))!) as number[][];
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
