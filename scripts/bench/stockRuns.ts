// Benchmark measurements of stock tfjs (model.fit, none of our kernels) through the build's bench.html page.
import type { Page } from '@playwright/test';
import type { BenchApi } from '../../src/bench/main';
import type { ProbeResult, StockRequest, StockResult } from '../../src/bench/protocol';

type BenchWindow = { cnnBench: BenchApi };

export async function openBenchPage(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/bench.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  if (!(await page.evaluate(() => (window as unknown as BenchWindow).cnnBench.crossOriginIsolated()))) {
    throw new Error('bench.html is not cross-origin isolated: WASM would run single-threaded');
  }
}

export function probeBackends(page: Page): Promise<ProbeResult[]> {
  return page.evaluate(() => (window as unknown as BenchWindow).cnnBench.probe());
}

export function stockThroughput(page: Page, request: StockRequest): Promise<StockResult> {
  return page.evaluate((r) => (window as unknown as BenchWindow).cnnBench.stock(r), request);
}
