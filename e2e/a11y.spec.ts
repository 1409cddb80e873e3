// Accessibility: an axe-core audit of every main view finds no serious or critical violations.
import { audit } from './audit';
import type { Page } from '@playwright/test';
import { serializeCustomDataset } from '../src/data/customDataset';
import { shapesDataset } from '../scripts/pytorch/shapes';
import { DatasetPage, makePictures } from './datasetPage';
import { DIGIT_STROKES } from './drawPage';
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

/** The same views in light, dark, presenter and presenter-dark mode (the theme and mode are put back after). */
async function auditModes(page: Page, view: string, only: string[]) {
  for (const [theme, presenter] of [['light', false], ['dark', false], ['light', true], ['dark', true]] as const) {
    await page.getByTestId('theme-select').selectOption(theme);
    if (presenter !== (await page.locator('html.presenter').count()) > 0) await page.getByTestId('presenter-toggle').click();
    await expect(page.locator('html')).toHaveClass(presenter ? /presenter/ : /^(?!.*presenter)/);
    // WCAG 2.2 too (target sizes among them): these views are used with fingers on tablets.
    await audit(page, `${view} (${theme}${presenter ? ', presenter' : ''})`, only, ['wcag22aa'], true);
  }
  await page.getByTestId('presenter-toggle').click();
  await page.getByTestId('theme-select').selectOption('light');
}

test('the dataset picker with Fashion-MNIST chosen passes an accessibility audit in light, dark and presenter mode', async ({ builder, page }) => {
  await builder.open();
  await page.getByTestId('dataset-select').selectOption('fashion-mnist');
  await expect(page.getByTestId('dataset-comparability')).toBeVisible();
  await auditModes(page, 'dataset picker, Fashion-MNIST', ['#train']);
});

test('the editor of your own classes, with examples and an upload preview, passes an accessibility audit in light, dark and presenter mode', async ({ builder, page }) => {
  await builder.open();
  await page.getByTestId('dataset-select').selectOption('custom');
  await page.getByTestId('custom-import').setInputFiles({ name: 'shapes.json', mimeType: 'application/json', buffer: Buffer.from(serializeCustomDataset(shapesDataset(12))) });
  await expect(page.getByTestId('custom-class')).toHaveCount(3);
  await expect(page.getByTestId('custom-info')).toContainText('Imported "Strokes"');
  // A picture to preview, and a broken one, so the preview's refusal is audited too.
  const pictures = await makePictures(page, [{ name: 'ring.png', type: 'image/png', shape: 'ring' }]);
  await page.getByTestId('custom-class').nth(2).getByTestId('custom-upload').setInputFiles([...pictures, { name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') }]);
  await expect(page.getByTestId('upload-preview')).toContainText('was left out');
  await auditModes(page, 'your own classes with an upload preview', ['[data-testid=custom-editor]', '#draw']);
});

test('your own handwriting, with its score, passes an accessibility audit in light, dark and presenter mode', async ({ builder, training, page }) => {
  test.setTimeout(240_000);
  await builder.open();
  await builder.presetSelect.selectOption('seed-mlp');
  await training.useBackend('wasm');
  await training.configure({ epochs: 1, subset: 1000, batchSize: 100 });
  await training.start();
  await training.waitFor('done');
  const section = page.getByTestId('my-digits');
  await section.locator('summary').click();
  for (const [digit, strokes] of [['1', DIGIT_STROKES.one], ['7', DIGIT_STROKES.seven]] as const) {
    await page.getByTestId('my-digits-digit').selectOption(digit);
    await new DatasetPage(page).draw(strokes);
    await page.getByTestId('my-digits-add').click();
    await expect(page.getByTestId('my-digit-class').nth(Number(digit))).toHaveAttribute('data-count', '1');
  }
  await page.getByTestId('my-digits-test').click();
  await expect(page.getByTestId('my-digits-score')).toHaveAttribute('data-count', '2');
  await auditModes(page, 'your own handwriting', ['[data-testid=my-digits]']);
});
