// Screenshots of the learning curves for people and the README: npx tsx scripts/curves-screenshots.ts [URL] [OUT_DIR] [WIDTH…].
// Trains the seed's simple CNN on WASM, pauses in its second epoch and shoots the live charts and the
// small curves in light and dark, then again after the run (with a hover value, and in presenter
// mode), then trains the seed's MLP and shoots the history's overlay of the two runs; at each width.
import type { Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';

const [url = 'http://127.0.0.1:4173/', out = 'screenshots', ...widthArgs] = process.argv.slice(2);
const widths = widthArgs.length > 0 ? widthArgs.map(Number) : [1280, 390];
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });

const state = (p: Page, s: string) => p.getByTestId('train-status').and(p.locator(`[data-state=${s}]`)).waitFor({ timeout: 600_000 });

async function theme(p: Page, name: 'light' | 'dark', presenter = false) {
  await p.getByTestId('theme-select').selectOption(name);
  const on = await p.evaluate(() => document.documentElement.classList.contains('presenter'));
  if (on !== presenter) await p.getByTestId('presenter-toggle').click();
}

/** Shoots one element after the charts have had time to redraw (they redraw about once a second). */
async function shoot(p: Page, testId: string, name: string, scroll = true) {
  const el = p.getByTestId(testId).first();
  // A hover left from an earlier shot would show its values in this one.
  if (scroll) await p.mouse.move(0, 0);
  if (scroll) await el.evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await p.waitForTimeout(1500);
  await el.screenshot({ path: `${out}/${name}.png` });
  console.log(`${out}/${name}.png`);
}

/** Hovers a chart's plot at `fx` of its width, so its hover values show. */
async function hover(p: Page, testId: string, fx: number) {
  const plot = p.getByTestId(testId).locator('svg').first();
  const box = (await plot.boundingBox())!;
  await plot.hover({ position: { x: box.width * fx, y: box.height / 2 } });
}

for (const width of widths) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('pageerror', (e) => console.log('page error:', e.message));
  await page.goto(url);
  await page.getByTestId('preset-select').selectOption('seed-simple-cnn');
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.getByTestId('train-epochs').fill('3');
  await page.getByTestId('train-subset').fill('6000');
  await page.getByTestId('train-batch-size').fill('100');
  await page.getByTestId('train-validation').selectOption('holdout');
  await page.getByTestId('train-start').click();
  await page.getByTestId('learning-curves').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await page.getByTestId('train-progress').and(page.locator('[data-testid=train-progress]:has-text("Epoch 2 of 3 · batch 2")')).waitFor({ timeout: 600_000 });
  await page.getByTestId('train-pause').click();
  await state(page, 'paused');
  for (const t of ['light', 'dark'] as const) {
    await theme(page, t);
    await shoot(page, 'learning-curves', `curves-during-${t}-${width}`);
    if (width >= 1100) await shoot(page, 'mini-loss', `mini-during-${t}-${width}`, false);
  }
  await page.getByTestId('train-pause').click();
  await state(page, 'done');
  for (const t of ['light', 'dark'] as const) {
    await theme(page, t);
    await shoot(page, 'learning-curves', `curves-after-${t}-${width}`);
    await hover(page, 'chart-loss', 0.6);
    await shoot(page, 'chart-loss', `hover-loss-${t}-${width}`, false);
  }
  await theme(page, 'light', true);
  await shoot(page, 'learning-curves', `curves-presenter-${width}`);
  await theme(page, 'light');

  // A second run, so the history overlays two.
  await page.getByTestId('preset-select').selectOption('seed-mlp');
  await page.getByTestId('discard-confirm').click();
  await page.getByTestId('train-epochs').fill('3');
  await page.getByTestId('train-subset').fill('6000');
  await page.getByTestId('train-batch-size').fill('100');
  await page.getByTestId('train-start').click();
  await state(page, 'done');
  for (const row of await page.getByTestId('history-compare').all()) await row.check();
  for (const t of ['light', 'dark'] as const) {
    await theme(page, t);
    await page.getByTestId('history-compare-charts').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await hover(page, 'chart-compare-val-acc', 0.9);
    await shoot(page, 'history-compare-charts', `history-overlay-${t}-${width}`, false);
  }
  await page.close();
}
await browser.close();
