// Benchmark measurements of stock tfjs (model.fit, none of our kernels) through the build's bench.html page.
import type { Page } from '@playwright/test';
import type { BenchApi } from '../../src/bench/main';
import type { EvaluateRequest, ProbeResult, ProfileRequest, StockRequest, StockResult } from '../../src/bench/protocol';

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

export interface ThreadRow {
  network: string;
  /** Examples/s of the app's training step (fused path, our kernels), on one thread and on `threads`. */
  one: number | string;
  many: number | string;
  threads: number;
}

/** The app's training step for `network` at batch 200 on wasm with this many threads: examples/s (median step), or why not. */
async function stepThroughput(page: Page, network: string, threads: number): Promise<number | string> {
  const request: ProfileRequest = { presetId: network, batchSize: 200, steps: 10, threads };
  const r = await page.evaluate((q) => (window as unknown as BenchWindow).cnnBench.profile(q), request);
  if (!r.ok) return `fails (${r.error})`;
  const sorted = [...r.stepMs].sort((a, b) => a - b);
  return (200 * 1000) / sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * A diagnostic, not the app's whole loop: the app's training step (scripts/profile-browser.ts's
 * measurement) with one thread and with every core, alternating `rounds` times and keeping each
 * one's best. Says whether lifting tfjs's cap of half the cores pays on this machine.
 */
export async function threadCheck(page: Page, networks: string[], rounds: number, cores: number): Promise<ThreadRow[]> {
  const rows: ThreadRow[] = [];
  for (const network of networks) {
    const best: Record<'one' | 'many', number | string> = { one: 'fails', many: 'fails' };
    for (let round = 0; round < rounds; round++) {
      for (const [key, threads] of [['one', 1], ['many', cores]] as const) {
        const r = await stepThroughput(page, network, threads);
        const previous = best[key];
        if (typeof r === 'number' && (typeof previous !== 'number' || r > previous)) best[key] = r;
      }
    }
    rows.push({ network, one: best.one, many: best.many, threads: cores });
  }
  return rows;
}

/** Median seconds the app's scoring takes over `count` test digits of `presetId` on wasm, or why it failed. */
export async function evaluationSeconds(page: Page, presetId: string, count: number, repeats: number): Promise<number | string> {
  const request: EvaluateRequest = { presetId, count, repeats };
  const r = await page.evaluate((q) => (window as unknown as BenchWindow).cnnBench.evaluate(q), request);
  if (!r.ok) return `fails (${r.error})`;
  const sorted = [...r.seconds].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
