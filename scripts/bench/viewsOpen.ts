// The main thread while the app trains with its views open: the live charts, the network view
// (every map, the heat map, softmax), or both at once, with a digit drawn on the pad.
import type { Page } from '@playwright/test';
import type { WindowStats } from './pageProbes';
import { now, windowStats } from './pageProbes';

/** What is on screen while the run trains (the training panel, with its small curves, always is). */
export type OpenView = 'charts' | 'overview' | 'both';

export const OPEN_VIEWS: readonly OpenView[] = ['charts', 'overview', 'both'];

/** The whole run, and its parts: the first epoch with the charts on screen, the second with the network view, the third with both. */
export interface ViewsOpenStats extends WindowStats {
  charts: WindowStats;
  explanations: WindowStats;
  both: WindowStats;
}

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
  if (view === 'both') await page.setViewportSize({ width, height: TALL });
  const target = view === 'charts' ? 'learning-curves' : 'network-panel';
  // The curves appear once the run has begun.
  await page.getByTestId(target).waitFor({ timeout: 60_000 });
  await page.getByTestId(target).evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

const runDone = (page: Page) =>
  page.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.getAttribute('data-state') === 'done', null, { timeout: 600_000, polling: 200 });

/** Waits until `count` epochs are logged (or the run has ended). */
async function epochsDone(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="epoch-row"]').length >= n || document.querySelector('[data-testid="train-status"]')?.getAttribute('data-state') === 'done',
    count,
    { timeout: 600_000, polling: 200 },
  );
}

/** Trains with one view on screen from Train to the end: long tasks and frames of the whole run. */
export async function trainingWithView(page: Page, baseUrl: string, view: OpenView, subset: number, batchSize: number, epochs = 2): Promise<WindowStats> {
  await prepareRun(page, baseUrl, subset, batchSize, epochs);
  // The network view is there before the run (the curves only once it has begun): scroll to it
  // first, so the charts below, out of sight, never load.
  if (view !== 'charts') await showView(page, view);
  const started = await now(page);
  await page.getByTestId('train-start').click();
  if (view === 'charts') await showView(page, view);
  await runDone(page);
  return windowStats(page, started, await now(page));
}

/** The seed's simple CNN on WASM, three epochs of `subset` digits: the charts, then the network view, then both on screen. */
export async function trainingWithViewsOpen(page: Page, baseUrl: string, subset: number, batchSize: number): Promise<ViewsOpenStats> {
  await prepareRun(page, baseUrl, subset, batchSize, 3);
  const started = await now(page);
  await page.getByTestId('train-start').click();
  await showView(page, 'charts');
  await epochsDone(page, 1);
  const first = await now(page);
  await showView(page, 'overview');
  await epochsDone(page, 2);
  const second = await now(page);
  const size = page.viewportSize();
  await showView(page, 'both', size?.width);
  // The last part runs on past the last epoch: the test set is scored and shown.
  await runDone(page);
  const ended = await now(page);
  if (size) await page.setViewportSize(size);
  // windowStats trims the frame log as it goes: read the parts first, the whole from their sums.
  const parts = [await windowStats(page, started, first), await windowStats(page, first, second), await windowStats(page, second, ended)] as const;
  const seconds = parts.reduce((t, p) => t + p.seconds, 0);
  return {
    seconds,
    longestTaskMs: Math.max(...parts.map((p) => p.longestTaskMs)),
    longTasks: parts.reduce((t, p) => t + p.longTasks, 0),
    framesPerSecond: parts.reduce((t, p) => t + p.framesPerSecond * p.seconds, 0) / Math.max(seconds, 1e-3),
    charts: parts[0],
    explanations: parts[1],
    both: parts[2],
  };
}
