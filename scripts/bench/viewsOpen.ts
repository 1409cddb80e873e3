// The main thread while the app trains with its views open: the live charts during the first
// epoch, then the drawing's guess and the explanation views (the network view: every map, the heat map, softmax) to the end.
import type { Page } from '@playwright/test';
import type { WindowStats } from './pageProbes';
import { now, windowStats } from './pageProbes';

/** The whole run, and the two parts of it: the first epoch with the charts on screen, then the explanation views. */
export interface ViewsOpenStats extends WindowStats {
  charts: WindowStats;
  explanations: WindowStats;
}

/** The seed's simple CNN on WASM, two epochs of `subset` digits; long tasks and frames while it trains. */
export async function trainingWithViewsOpen(page: Page, baseUrl: string, subset: number, batchSize: number): Promise<ViewsOpenStats> {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('preset-select').selectOption('seed-simple-cnn');
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.waitForFunction(() => document.querySelector('[data-testid="backend-active"]')?.getAttribute('data-value') === 'wasm', null, { timeout: 60_000 });
  await page.getByTestId('train-epochs').fill('2');
  await page.getByTestId('train-subset').fill(String(subset));
  await page.getByTestId('train-batch-size').fill(String(batchSize));
  await page.getByTestId('train-validation').selectOption('holdout');
  // A digit on the pad, so the guess and the feature maps of the drawn digit follow the training.
  const canvas = page.getByTestId('draw-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.25);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.25, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.8, { steps: 5 });
  await page.mouse.up();
  await page.getByTestId('train-start').scrollIntoViewIfNeeded();
  const started = await now(page);
  await page.getByTestId('train-start').click();
  // An earlier measurement on this page left trained weights of the same network: Train asks
  // before it starts from fresh weights (issue 13), and the answer here is yes.
  const confirm = page.getByTestId('discard-confirm');
  if (await confirm.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false)) await confirm.click();
  await page.getByTestId('learning-curves').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="epoch-row"]').length >= 1, null, { timeout: 600_000, polling: 200 });
  const half = await now(page);
  // The network view follows the weights only while on screen: bring it to the top of the window.
  await page.getByTestId('network-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.getAttribute('data-state') === 'done', null, { timeout: 600_000, polling: 200 });
  const ended = await now(page);
  // windowStats trims the frame log as it goes: read the parts first, the whole from their sums.
  const charts = await windowStats(page, started, half);
  const explanations = await windowStats(page, half, ended);
  const seconds = charts.seconds + explanations.seconds;
  return {
    seconds,
    longestTaskMs: Math.max(charts.longestTaskMs, explanations.longestTaskMs),
    longTasks: charts.longTasks + explanations.longTasks,
    framesPerSecond: (charts.framesPerSecond * charts.seconds + explanations.framesPerSecond * explanations.seconds) / Math.max(seconds, 1e-3),
    charts,
    explanations,
  };
}
