// Time to 99%: a first visit (fresh profile, nothing cached), the `fast` preset, Train → test accuracy shown.
import type { Browser } from '@playwright/test';
import { INSTRUMENTS, now, windowStats } from './pageProbes';

/** Reference figures from issue 15 (measured before this work; not re-run by the benchmark). */
export const REFERENCE_SECONDS = { seed: 355, best: 220 } as const;

export interface EpochMark {
  epoch: number;
  /** Seconds from the click on Train to this epoch's line. */
  seconds: number;
  valAcc: number;
}

export interface RunTo99 {
  /** Seconds from the click on Train to the test error on the page, or why there is none. */
  seconds: number | string;
  /** Percent of the 10,000 test digits wrong, scored with the final weights. */
  testError: number | null;
  epochs: EpochMark[];
  /** When the held-out validation accuracy first reached 98% and 99.2% (seconds since Train), or null. */
  passed98: number | null;
  passed992: number | null;
  backend: string;
  /** The page's longest main-thread task between Train and the test error (ms). */
  longestTaskMs: number | null;
}

/** The first epoch whose validation accuracy reaches `threshold`, in seconds since Train. */
export function passedAt(epochs: EpochMark[], threshold: number): number | null {
  return epochs.find((e) => e.valAcc >= threshold)?.seconds ?? null;
}

/**
 * One run in a fresh browser context: open the app, pick `preset`, validate on the held-out
 * tenth (so the test set chooses nothing), press Train as soon as it is enabled, and time
 * (inside the page) the click to every epoch line and to the test error.
 */
export async function timeTo99(browser: Browser, url: string, preset = 'fast'): Promise<RunTo99> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(INSTRUMENTS);
  const page = await context.newPage();
  try {
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'CNN Playground' }).waitFor();
    await page.getByTestId('preset-select').selectOption(preset);
    await page.getByTestId('train-validation').selectOption('holdout');
    const start = page.getByTestId('train-start');
    await start.and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
    await page.evaluate(() => {
      const marks = { clickedAt: -1, epochs: [] as { epoch: number; at: number; valAcc: number }[], testAt: -1 };
      (window as unknown as { __to99: typeof marks }).__to99 = marks;
      document.querySelector('[data-testid="train-start"]')!.addEventListener('click', (e) => (marks.clickedAt = e.timeStamp), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        // No named helpers in here: tsx wraps them in a __name() call the page does not have.
        document.querySelectorAll('[data-testid="epoch-row"]').forEach((row) => {
          const epoch = Number(row.getAttribute('data-epoch'));
          if (!marks.epochs.some((m) => m.epoch === epoch)) marks.epochs.push({ epoch, at: performance.now(), valAcc: Number(row.getAttribute('data-val-acc')) });
        });
        const done = document.querySelector('[data-testid="train-status"]')?.getAttribute('data-state') === 'done';
        if (marks.testAt < 0 && done && document.querySelector('[data-testid="test-error"]')?.hasAttribute('data-value')) {
          marks.testAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { attributes: true, childList: true, subtree: true });
    });
    await start.click();
    await page.waitForFunction(() => {
      const state = document.querySelector('[data-testid="train-status"]')?.getAttribute('data-state');
      return state === 'error' || (window as unknown as { __to99: { testAt: number } }).__to99.testAt >= 0;
    }, null, { timeout: 15 * 60_000, polling: 100 });
    const backend = (await page.getByTestId('backend-active').getAttribute('data-value')) ?? '?';
    const marks = await page.evaluate(() => (window as unknown as { __to99: { clickedAt: number; epochs: { epoch: number; at: number; valAcc: number }[]; testAt: number } }).__to99);
    const epochs = marks.epochs.map((m) => ({ epoch: m.epoch, seconds: (m.at - marks.clickedAt) / 1000, valAcc: m.valAcc }));
    const tasks = await windowStats(page, marks.clickedAt, marks.testAt >= 0 ? marks.testAt : await now(page));
    const base = { epochs, passed98: passedAt(epochs, 0.98), passed992: passedAt(epochs, 0.992), backend, longestTaskMs: tasks.longestTaskMs };
    if (marks.testAt < 0) return { ...base, seconds: `fails (${(await page.getByTestId('train-message').textContent()) ?? 'error'})`, testError: null };
    const testError = Number(await page.getByTestId('test-error').getAttribute('data-value'));
    return { ...base, seconds: (marks.testAt - marks.clickedAt) / 1000, testError };
  } finally {
    await context.close();
  }
}
