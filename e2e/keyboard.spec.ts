// Keyboard only: build a network, reorder and delete layers, and train it, never touching the mouse.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.describe.configure({ timeout: 300_000 });

/** Press Tab until the element matching `selector` has the focus, as a keyboard user would. */
async function tabTo(page: Page, selector: string, nth = 0) {
  for (let i = 0; i < 300; i++) {
    const there = await page.evaluate(
      ([sel, n]) => document.activeElement === document.querySelectorAll(sel as string)[n as number],
      [selector, nth] as const,
    );
    if (there) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector} #${nth}`);
}

async function typeInto(page: Page, selector: string, value: string, nth = 0) {
  await tabTo(page, selector, nth);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(value);
}

test('a network is built, reordered, trimmed and trained with the keyboard alone', async ({ builder, training, page }) => {
  await builder.open();
  await tabTo(page, '[data-testid=preset-select]');
  await page.keyboard.type('Empty');
  await expect(builder.rows).toHaveCount(0);

  for (const type of ['conv2d', 'maxPooling2d', 'dropout', 'flatten', 'dense', 'dense']) {
    await tabTo(page, `[data-testid=add-${type}]`);
    // The focus is visible where the keyboard is.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
  }
  expect(await builder.types()).toEqual(['conv2d', 'maxPooling2d', 'dropout', 'flatten', 'dense', 'dense']);

  // The last layer becomes Dense(10, softmax).
  await typeInto(page, '[data-testid=field-units]', '10', 1);
  await tabTo(page, '[data-testid=field-activation]', 2);
  await page.keyboard.type('softmax');
  await expect(builder.archError).toHaveCount(0);

  // Move the dropout up above the pooling layer and back, then delete it, from its handle.
  await tabTo(page, '[data-drag-handle]', 2);
  await page.keyboard.press('ArrowUp');
  expect(await builder.types()).toEqual(['conv2d', 'dropout', 'maxPooling2d', 'flatten', 'dense', 'dense']);
  await page.keyboard.press('ArrowDown');
  expect(await builder.types()).toEqual(['conv2d', 'maxPooling2d', 'dropout', 'flatten', 'dense', 'dense']);
  await page.keyboard.press('Delete');
  expect(await builder.types()).toEqual(['conv2d', 'maxPooling2d', 'flatten', 'dense', 'dense']);
  // Focus stays in the stack, on the next layer's handle.
  expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-drag-handle'))).toBe(true);

  // Ask for the explanation of the first layer.
  await tabTo(page, '[data-testid=explain-layer]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('layer-explain')).toContainText('feature map');

  // Train on WASM, 1 epoch of 1,000 digits.
  await tabTo(page, '[data-testid=backend-select]');
  await page.keyboard.type('WebAssembly');
  await expect(training.backendActive).toHaveAttribute('data-value', 'wasm', { timeout: 30_000 });
  await typeInto(page, '[data-testid=train-epochs]', '1');
  await typeInto(page, '[data-testid=train-subset]', '1000');
  await typeInto(page, '[data-testid=train-batch-size]', '50');
  await tabTo(page, '[data-testid=train-start]');
  await page.keyboard.press('Enter');
  await training.waitFor('done');
  const error = Number(await training.testError.getAttribute('data-value'));
  expect(error).toBeLessThan(50);

  // Shortcuts: "?" lists them, Esc closes the list; "C" clears the drawing.
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
  await expect(page.getByTestId('shortcuts-dialog')).toContainText('Train (or resume a paused run)');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-dialog')).toBeHidden();
});
