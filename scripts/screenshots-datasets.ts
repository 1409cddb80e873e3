// Screenshots of the dataset picker, the editor of your own classes with its grids, and a trained custom model answering,
// at 1280 and 390 px: npx tsx scripts/screenshots-datasets.ts [URL] [OUT_DIR]. For people to look at, and for the README.
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';
import { SHAPES } from '../e2e/datasetPage';
import type { Stroke } from '../e2e/drawPage';

const [url = 'http://127.0.0.1:4173/', out = 'screenshots'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(url);

async function draw(strokes: Stroke[]) {
  const canvas = page.getByTestId('draw-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  for (const [first, ...rest] of strokes) {
    await page.mouse.move(...at(first!));
    await page.mouse.down();
    for (const point of rest) await page.mouse.move(...at(point), { steps: 3 });
    await page.mouse.up();
  }
}

async function shoot(name: string, selector: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(500);
    const target = page.locator(selector);
    await target.scrollIntoViewIfNeeded();
    await target.screenshot({ path: `${out}/${name}-${width}.png` });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    console.log(`${name}-${width}.png (horizontal overflow ${overflow}px)`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

await page.getByTestId('dataset-select').selectOption('fashion-mnist');
await shoot('dataset-picker', '#train');
await page.getByTestId('preset-select').selectOption('seed-simple-cnn');
await page.getByTestId('dataset-select').selectOption('custom');
const names = ['vertical', 'horizontal', 'circle'] as const;
for (const [c, name] of names.entries()) {
  await page.getByTestId('custom-class-add').click();
  await page.getByTestId('custom-class').nth(c).getByTestId('custom-class-name').fill(name);
}
for (let i = 0; i < 15; i++) {
  for (const [c, name] of names.entries()) {
    await draw(SHAPES[name](i));
    await page.getByTestId('custom-class').nth(c).getByTestId('custom-add-example').click();
  }
}
await shoot('custom-editor', '[data-testid=custom-editor]');
await page.getByTestId('backend-select').selectOption('wasm');
await page.getByTestId('train-epochs').fill('15');
await page.getByTestId('train-batch-size').fill('12');
await page.getByTestId('train-start').click();
await page.getByTestId('train-status').and(page.locator('[data-state=done]')).waitFor({ timeout: 300_000 });
await draw(SHAPES.circle(23));
await page.getByTestId('prediction').and(page.locator('[data-fresh=true]')).waitFor({ timeout: 30_000 });
console.log('answer:', await page.getByTestId('prediction').getAttribute('data-label'), await page.getByTestId('prediction').getAttribute('data-confidence'));
await shoot('custom-answer', '#draw');
await shoot('custom-confusion', '[data-testid=confusion-panel]');
await browser.close();
