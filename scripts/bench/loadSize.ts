// What a first visit downloads: the main thread's JavaScript (gzipped) before the app is interactive, and everything in all.
import { gzipSync } from 'node:zlib';
import type { Browser, Request } from '@playwright/test';

export interface LoadSize {
  /** Gzipped size of every script the page (not its workers) loaded before it was interactive. */
  mainThreadJsGzip: number;
  mainThreadJsFiles: string[];
  /** Bytes on the wire (vite preview compresses) until the app was interactive and its worker had started a backend. */
  transferredBytes: number;
  requests: number;
  /** Each request's path and bytes on the wire. */
  transfers: [string, number][];
  /** The MNIST assets, fetched when training first starts (already compressed). */
  datasetBytes: number;
  /** Milliseconds from navigation to the page's first interaction being possible (the Train button enabled). */
  interactiveMs: number;
}

/** Gzip (level 6, what servers use) of a file as the server has it. */
async function gzipSize(url: string): Promise<number> {
  return gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 6 }).length;
}

export async function measureLoad(browser: Browser, baseUrl: string): Promise<LoadSize> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Worker requests reach the page's events in Chromium too (the wasm backend's threads come from blob: URLs).
  const finished: Request[] = [];
  const workers = new Set<string>();
  page.on('requestfinished', (r) => {
    if (r.url().startsWith(baseUrl)) finished.push(r);
  });
  page.on('worker', (w) => workers.add(w.url()));
  const started = Date.now();
  await page.goto(`${baseUrl}/`);
  await page.waitForFunction(() => (document.querySelector('[data-testid="train-start"]') as HTMLButtonElement | null)?.disabled === false);
  const interactiveMs = Date.now() - started;
  // Scripts the window itself fetched; a worker's own script shows up here too (the page starts it), so leave those out.
  const scripts = (
    await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.startsWith(location.origin) && new URL(n).pathname.endsWith('.js')))
  ).filter((u) => !workers.has(u));
  // Let the worker finish starting its backend (it fetches the tfjs bundle and a .wasm file).
  await page.waitForFunction(() => document.querySelector('[data-testid="backend-active"]')?.getAttribute('data-value') !== '', null, { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  const sent = finished.filter((r) => !r.url().includes('/data/'));
  // The window's own timeline knows what each of its fetches cost on the wire; Playwright's
  // sizes cover the rest (a worker's fetches), but miscount a worker's script.
  const onWire = new Map(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => [e.name, (e as PerformanceResourceTiming).transferSize] as [string, number])));
  const sizes = await Promise.all(sent.map(async (r) => onWire.get(r.url()) ?? (await r.sizes()).responseBodySize));
  const js = await Promise.all(scripts.map(gzipSize));
  const manifest = (await (await fetch(`${baseUrl}/data/manifest.json`)).json()) as { parts: Record<string, { bytes: number }> };
  const datasetBytes = Object.values(manifest.parts).reduce((sum, p) => sum + p.bytes, 0);
  await context.close();
  return {
    mainThreadJsGzip: js.reduce((s, x) => s + x, 0),
    mainThreadJsFiles: scripts.map((s) => new URL(s).pathname),
    transferredBytes: sizes.reduce((s, x) => s + x, 0),
    requests: sent.length,
    transfers: sent.map((r, i) => [new URL(r.url()).pathname, sizes[i]!]),
    datasetBytes,
    interactiveMs,
  };
}
