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

export const test = base.extend<{ builder: BuilderPage; training: TrainingPage }>({
  builder: async ({ page }, use) => {
    await use(new BuilderPage(page));
  },
  training: async ({ page }, use) => {
    await use(new TrainingPage(page));
  },
});

export { expect };
