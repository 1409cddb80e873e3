// In-page instruments for the benchmark: long tasks, animation frames, click-to-metric and stroke-to-prediction times.
import type { Page } from '@playwright/test';

/**
 * Installed before any page script runs: records every long task (with its start) and counts
 * animation frames, so a measurement can ask what happened between two moments.
 */
export const INSTRUMENTS = `
  window.__bench = { longTasks: [], frames: [] };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const tick = (t) => { window.__bench.frames.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
`;

export interface WindowStats {
  seconds: number;
  longestTaskMs: number;
  longTasks: number;
  framesPerSecond: number;
}

export function now(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** Long tasks and frame rate between two performance.now() readings of the page. */
export function windowStats(page: Page, from: number, to: number): Promise<WindowStats> {
  return page.evaluate(
    ([a, b]) => {
      const bench = (window as unknown as { __bench: { longTasks: [number, number][]; frames: number[] } }).__bench;
      const tasks = bench.longTasks.filter(([start, duration]) => start + duration > a && start < b);
      const frames = bench.frames.filter((t) => t >= a && t <= b).length;
      // Keep the frame log short on long runs.
      bench.frames = bench.frames.filter((t) => t > b);
      return {
        seconds: (b - a) / 1000,
        longestTaskMs: Math.max(0, ...tasks.map(([, d]) => d)),
        longTasks: tasks.length,
        framesPerSecond: frames / Math.max((b - a) / 1000, 1e-3),
      };
    },
    [from, to] as const,
  );
}

/**
 * Clicks `clickTestId` and resolves with the milliseconds until `watchTestId`'s text or
 * attributes first change afterwards, timed inside the page (event time stamp to mutation).
 */
export async function clickToChange(page: Page, clickTestId: string, watchTestId: string, timeoutMs: number): Promise<number> {
  await page.evaluate(
    ([click, watch]) => {
      const state = { clickedAt: -1, changedAt: -1 };
      (window as unknown as { __change: typeof state }).__change = state;
      document.querySelector(`[data-testid="${click}"]`)!.addEventListener('click', (e) => (state.clickedAt = e.timeStamp), { capture: true, once: true });
      const target = document.querySelector(`[data-testid="${watch}"]`)!;
      const observer = new MutationObserver(() => {
        if (state.clickedAt >= 0 && state.changedAt < 0) {
          state.changedAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(target, { attributes: true, childList: true, characterData: true, subtree: true });
    },
    [clickTestId, watchTestId] as const,
  );
  await page.getByTestId(clickTestId).click();
  await page.waitForFunction(() => (window as unknown as { __change: { changedAt: number } }).__change.changedAt >= 0, null, { timeout: timeoutMs });
  return page.evaluate(() => {
    const s = (window as unknown as { __change: { clickedAt: number; changedAt: number } }).__change;
    return s.changedAt - s.clickedAt;
  });
}

/**
 * Draws a stroke on the draw canvas and resolves with the milliseconds from the end of the
 * stroke (pointer up) to the next change of the prediction, or null if none came in time.
 */
export async function strokeToPrediction(page: Page, stroke: [number, number][], timeoutMs: number): Promise<number | null> {
  const canvas = page.getByTestId('draw-canvas');
  const box = await canvas.boundingBox();
  if (!box) return null;
  await page.evaluate(() => {
    const state = { upAt: -1, changedAt: -1, before: '' };
    (window as unknown as { __stroke: typeof state }).__stroke = state;
    // No named helpers in here: tsx wraps them in a __name() call the page does not have.
    const prediction = { read: '' };
    window.addEventListener('pointerup', (e) => {
      state.upAt = e.timeStamp;
      const el = document.querySelector('[data-testid="prediction"]');
      state.before = el ? `${el.getAttribute('data-digit')}/${el.getAttribute('data-confidence')}/${el.getAttribute('data-fresh')}` : '';
    }, { capture: true, once: true });
    // The first prediction that answers the finished stroke and differs from the one showing when it ended.
    const observer = new MutationObserver(() => {
      const el = document.querySelector('[data-testid="prediction"]');
      prediction.read = el && el.getAttribute('data-fresh') === 'true' ? `${el.getAttribute('data-digit')}/${el.getAttribute('data-confidence')}/true` : '';
      if (state.upAt >= 0 && state.changedAt < 0 && prediction.read !== '' && prediction.read !== state.before) {
        state.changedAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { attributes: true, childList: true, subtree: true });
  });
  const [first, ...rest] = stroke.map(([x, y]) => [box.x + x * box.width, box.y + y * box.height] as const);
  await page.mouse.move(first![0], first![1]);
  await page.mouse.down();
  for (const [x, y] of rest) await page.mouse.move(x, y, { steps: 4 });
  await page.mouse.up();
  try {
    await page.waitForFunction(() => (window as unknown as { __stroke: { changedAt: number } }).__stroke.changedAt >= 0, null, { timeout: timeoutMs });
  } catch {
    return null;
  }
  return page.evaluate(() => {
    const s = (window as unknown as { __stroke: { upAt: number; changedAt: number } }).__stroke;
    return s.changedAt - s.upAt;
  });
}
