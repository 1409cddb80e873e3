// Accessibility: an axe-core audit of every main view finds no serious or critical violations.
import { audit } from './audit';
import { expect, test } from './fixtures';

for (const theme of ['light', 'dark'] as const) {
  test(`the builder and training panel pass an accessibility audit (${theme} theme)`, async ({ builder, page }) => {
    await builder.open();
    await page.getByTestId('theme-select').selectOption(theme);
    await builder.presetSelect.selectOption('crash-course');
    await page.getByTestId('explain-layer').first().click();
    await audit(page, `builder (${theme})`);
    // An invalid network shows its errors; those must be readable too.
    await builder.setField(0, 'kernelSize', '40');
    await expect(builder.archError).toBeVisible();
    await audit(page, `builder with errors (${theme})`);
  });
}

test('the dataset view passes an accessibility audit', async ({ builder, page }) => {
  await builder.open();
  await page.getByText('Browse the MNIST digits').click();
  await expect(page.getByTestId('train-count')).toBeVisible({ timeout: 60_000 });
  await audit(page, 'dataset');
});

test('after training: curves, draw, look inside, history, dialogs and presenter mode pass an accessibility audit', async ({ builder, training, page }) => {
  test.setTimeout(300_000);
  await builder.open();
  await builder.presetSelect.selectOption('seed-larger-cnn');
  await training.useBackend('wasm');
  await training.configure({ epochs: 1, subset: 1500, batchSize: 100, validation: 'holdout' });
  await training.start();
  await training.waitFor('done');
  // Bring every section into view once so lazily drawn parts (charts, feature maps) render.
  for (const id of ['network', 'learning-curves', 'draw', 'inspect', 'run-history']) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
  }
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
  await page.getByTestId('confusion-cell').first().click();
  // A conv unit's detail open in the network view: its grids, step-through, why this guess and softmax.
  await page.getByTestId('feature-map').first().click({ position: { x: 5, y: 5 } });
  await expect(page.getByTestId('conv-step')).toBeVisible({ timeout: 30_000 });
  await audit(page, 'after training');
  for (const [open, dialog] of [['models-open', 'models-dialog'], ['lesson-open', 'lesson-dialog'], ['shortcuts-open', 'shortcuts-dialog']] as const) {
    await page.getByTestId(open).click();
    await expect(page.getByTestId(dialog)).toBeVisible();
    await audit(page, dialog);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId(dialog)).toBeHidden();
  }
  await page.getByTestId('presenter-toggle').click();
  await expect(page.locator('html')).toHaveClass(/presenter/);
  await audit(page, 'presenter mode');
  await page.getByTestId('theme-select').selectOption('dark');
  await audit(page, 'presenter mode, dark');
});
