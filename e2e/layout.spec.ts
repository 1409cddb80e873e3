// Desktop, tablet and phone: no horizontal scrolling, and a finger can draw a digit for the network.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.describe.configure({ timeout: 300_000 });

/** A "7" drawn with a finger (CDP touch events), in fractions of the canvas. */
async function drawWithFinger(page: Page) {
  await page.getByTestId('draw-clear').click();
  const canvas = page.getByTestId('draw-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const at = (x: number, y: number) => ({ x: box.x + box.width * x, y: box.y + box.height * y });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0.3, 0.25)] });
  for (const [x, y] of [[0.45, 0.25], [0.6, 0.25], [0.7, 0.25], [0.6, 0.45], [0.5, 0.65], [0.45, 0.8]] as const) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(x, y)] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('the app fits 1280, 768 and 390 pixel wide screens, and takes touch on the canvas', async ({ builder, training, page }) => {
  await builder.open();
  await builder.presetSelect.selectOption('seed-simple-cnn');
  await training.useBackend('wasm');
  await training.configure({ epochs: 1, subset: 2000, batchSize: 100, validation: 'holdout' });
  await training.start();
  await training.waitFor('done');
  for (const width of [1280, 768, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: `no horizontal scrolling at ${width} px` }).toBe(0);
    await drawWithFinger(page);
    const prediction = page.getByTestId('prediction');
    await expect(prediction).toHaveAttribute('data-fresh', 'true', { timeout: 30_000 });
    await expect(prediction).toHaveAttribute('data-digit', /\d/);
    // Every layer row is within the screen.
    const widest = await builder.rows.evaluateAll((rows) => Math.max(...rows.map((r) => r.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(width);
    await page.screenshot({ path: test.info().outputPath(`app-${width}.png`), fullPage: true });
  }
});
