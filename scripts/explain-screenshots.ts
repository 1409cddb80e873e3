// Screenshots of the network view for people and the README: npx tsx scripts/explain-screenshots.ts [URL] [OUT_DIR].
// Trains the seed's simple CNN briefly on WASM, shoots the overview beside Train while it trains (1280×800),
// then a conv unit's step-through half way, the heat map of a drawn 7, in light, dark and presenter mode, and at 768 and 390 px.
import type { Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';
import { drawSeven } from './drawSeven';

const [url = 'http://127.0.0.1:4173/', out = 'screenshots'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on('pageerror', (e) => console.log('page error:', e.message));

async function toNetwork(p: Page) {
  await p.evaluate(() => document.getElementById('network')!.scrollIntoView({ block: 'start' }));
  await p.waitForTimeout(400);
}


/** Select a cell of a map and wait for its detail. */
async function select(p: Page, layer: number, channel: number, row: number, col: number) {
  const map = p.locator(`[data-testid="feature-map"][data-layer="${layer}"][data-channel="${channel}"]`);
  const box = (await map.boundingBox())!;
  const [h, w] = [Number(await map.getAttribute('data-height')), Number(await map.getAttribute('data-width'))];
  await map.click({ position: { x: ((col + 0.5) * box.width) / w, y: ((row + 0.5) * box.height) / h } });
  await p.locator(`[data-testid="neuron-detail"][data-row="${row}"][data-col="${col}"]`).waitFor();
}

async function shoot(p: Page, name: string, testId?: string) {
  await p.waitForTimeout(600);
  const path = `${out}/${name}.png`;
  if (testId) await p.getByTestId(testId).screenshot({ path });
  else await p.screenshot({ path });
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  console.log(`${path}${overflow > 0 ? ` (horizontal overflow ${overflow}px)` : ''}`);
}

await page.goto(url);
await page.getByTestId('preset-select').selectOption('seed-simple-cnn');
await page.getByTestId('backend-select').selectOption('wasm');
await page.getByTestId('train-epochs').fill('3');
await page.getByTestId('train-subset').fill('12000');
await page.getByTestId('train-batch-size').fill('100');
await drawSeven(page);
await page.getByTestId('train-start').click();
await page.getByTestId('mini-loss').waitFor({ timeout: 120_000 });
await page.waitForTimeout(5000);
await toNetwork(page);
await shoot(page, 'network-training');
await page.getByTestId('train-status').and(page.locator('[data-state=done]')).waitFor({ timeout: 600_000 });

// A conv unit of the drawn 7, stepped half way through its map.
await toNetwork(page);
await select(page, 0, 5, 9, 11);
for (let i = 0; i < 3; i++) await page.getByTestId('conv-step-next').click();
await shoot(page, 'conv-detail', 'neuron-detail');
await page.getByTestId('saliency-map').scrollIntoViewIfNeeded();
await shoot(page, 'why', 'network-panel');

for (const [theme, presenter, name] of [
  ['dark', false, 'network-dark'],
  ['light', true, 'network-presenter'],
  ['dark', true, 'network-presenter-dark'],
] as const) {
  await page.getByTestId('theme-select').selectOption(theme);
  const on = await page.evaluate(() => document.documentElement.classList.contains('presenter'));
  if (on !== presenter) await page.getByTestId('presenter-toggle').click();
  await toNetwork(page);
  await shoot(page, name);
}
if (await page.evaluate(() => document.documentElement.classList.contains('presenter'))) await page.getByTestId('presenter-toggle').click();
await page.getByTestId('theme-select').selectOption('light');

for (const width of [768, 390]) {
  await page.setViewportSize({ width, height: 900 });
  await toNetwork(page);
  await shoot(page, `network-${width}`);
  await page.getByTestId('network-panel').screenshot({ path: `${out}/network-${width}-panel.png` });
}
await browser.close();
