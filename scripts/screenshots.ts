// Screenshots of the whole app after a short training run, at desktop, tablet and phone widths:
// npx tsx scripts/screenshots.ts [URL] [OUT_DIR]. For people to look at, and for the README.
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';

const [url = 'http://127.0.0.1:4173/', out = 'screenshots'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(url);
await page.getByTestId('preset-select').selectOption('seed-simple-cnn');
await page.getByTestId('backend-select').selectOption('wasm');
await page.getByTestId('train-epochs').fill('2');
await page.getByTestId('train-subset').fill('3000');
await page.getByTestId('train-batch-size').fill('100');
await page.getByTestId('train-start').click();
await page.getByTestId('train-status').and(page.locator('[data-state=done]')).waitFor({ timeout: 600_000 });
const canvas = page.getByTestId('draw-canvas');
await canvas.scrollIntoViewIfNeeded();
const box = (await canvas.boundingBox())!;
const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const;
await page.mouse.move(...at(0.3, 0.25));
await page.mouse.down();
await page.mouse.move(...at(0.7, 0.25), { steps: 6 });
await page.mouse.move(...at(0.45, 0.8), { steps: 6 });
await page.mouse.up();
await page.waitForTimeout(1500);
for (const width of [1280, 768, 390]) {
  await page.setViewportSize({ width, height: 900 });
  await page.waitForTimeout(800);
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.screenshot({ path: `${out}/app-${width}.png`, fullPage: true });
  console.log(`app-${width}.png: horizontal overflow ${scroll}px`);
}
await browser.close();
