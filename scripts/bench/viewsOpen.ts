// The main thread while the app trains with its views open: the live charts, the network view
// (every map, the heat map, softmax), or both at once, with a digit drawn on the pad.
import type { Page } from '@playwright/test';
import type { WindowStats } from './pageProbes';
import { now, windowStats } from './pageProbes';

/**
 * What is on screen while the run trains: the learning curves, the network view, both, or the top
 * of the page (the builder and the training controls, as the end-to-end suite's responsiveness
 * test sees it: the floor the machine itself sets).
 */
export type OpenView = 'charts' | 'overview' | 'both' | 'top';

export const OPEN_VIEWS: readonly OpenView[] = ['charts', 'overview', 'both', 'top'];

/** The window is this tall while both are on screen: the network panel's top to the charts' bottom at 1280 px wide. */
const TALL = 2500;

/** Sets up the seed's simple CNN on WASM with a drawn digit, ready to train `epochs` epochs of `subset` digits. */
export async function prepareRun(page: Page, baseUrl: string, subset: number, batchSize: number, epochs: number): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('preset-select').selectOption('seed-simple-cnn');
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.waitForFunction(() => document.querySelector('[data-testid="backend-active"]')?.getAttribute('data-value') === 'wasm', null, { timeout: 60_000 });
  await page.getByTestId('train-epochs').fill(String(epochs));
  await page.getByTestId('train-subset').fill(String(subset));
  await page.getByTestId('train-batch-size').fill(String(batchSize));
  await page.getByTestId('train-validation').selectOption('holdout');
  // A digit on the pad, so the guess and the network view of the drawn digit follow the training.
  const canvas = page.getByTestId('draw-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.25);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.25, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.8, { steps: 5 });
  await page.mouse.up();
  await page.getByTestId('train-start').scrollIntoViewIfNeeded();
}

/**
 * Brings `view` on screen. The charts and the network view only draw while on screen; for both,
 * the window grows tall enough to hold the network panel and the charts below it.
 */
export async function showView(page: Page, view: OpenView, width = 1280): Promise<void> {
  if (view === 'top') {
    await page.evaluate(() => window.scrollTo(0, 0));
    return;
  }
  if (view === 'both') await page.setViewportSize({ width, height: TALL });
  const target = view === 'charts' ? 'learning-curves' : 'network-panel';
  // The curves appear once the run has begun.
  await page.getByTestId(target).waitFor({ timeout: 60_000 });
  await page.getByTestId(target).evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

const runDone = (page: Page) =>
  page.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.getAttribute('data-state') === 'done', null, { timeout: 600_000, polling: 200 });

/** Trains with one view on screen from Train to the end: long tasks and frames of the whole run. */
export async function trainingWithView(page: Page, baseUrl: string, view: OpenView, subset: number, batchSize: number, epochs = 2): Promise<WindowStats> {
  await prepareRun(page, baseUrl, subset, batchSize, epochs);
  // The network view is there before the run (the curves only once it has begun): scroll to it
  // first, so the charts below, out of sight, never load.
  if (view !== 'charts') await showView(page, view);
  const started = await now(page);
  // Dispatched, not clicked: a click would scroll the button into view, away from the view.
  await page.getByTestId('train-start').dispatchEvent('click');
  if (view === 'charts') await showView(page, view);
  await runDone(page);
  return windowStats(page, started, await now(page));
}
