// Benchmark measurements taken through the app itself, the way a person uses it: throughput, first metric, latency.
import type { Page } from '@playwright/test';
import type { WindowStats } from './pageProbes';
import { clickToChange, now, strokeToPrediction, windowStats } from './pageProbes';

export type Backend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface AppSettings {
  preset: string;
  backend: Backend;
  /** Digits used: 90% train, 10% validate (held out, so slow backends skip scoring 10,000). */
  subset: number;
  batchSize: number;
}

export interface AppRun {
  /** Examples per second over the second epoch (the first warms up). */
  examplesPerSecond: number;
  trainExamples: number;
  /** What the app says about the backend, e.g. "wasm with 2 threads — auto: …". */
  backendText: string;
  /** The main thread while the two epochs ran. */
  page: WindowStats;
}

export async function openApp(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('heading', { name: 'CNN Playground' }).waitFor();
}

async function useBackend(page: Page, backend: Backend): Promise<string> {
  await page.getByTestId('backend-select').selectOption(backend);
  await page.waitForFunction((b) => document.querySelector('[data-testid="backend-active"]')?.getAttribute('data-value') === b, backend, { timeout: 60_000 });
  return (await page.getByTestId('backend-active').textContent())?.trim() ?? backend;
}

async function configure(page: Page, s: AppSettings, epochs: number): Promise<void> {
  await page.getByTestId('preset-select').selectOption(s.preset);
  await page.getByTestId('train-epochs').fill(String(epochs));
  await page.getByTestId('train-batch-size').fill(String(s.batchSize));
  await page.getByTestId('train-subset').fill(String(s.subset));
  await page.getByTestId('train-validation').selectOption('holdout');
}

/** Two epochs in the app; the second one's examples/s, as the app reports it. */
export async function appThroughput(page: Page, baseUrl: string, s: AppSettings, timeoutMs: number): Promise<AppRun> {
  await openApp(page, baseUrl);
  await configure(page, s, 2);
  const backendText = await useBackend(page, s.backend);
  const started = await now(page);
  await page.getByTestId('train-start').click();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="epoch-row"]').length >= 2 || document.querySelector('[data-testid="train-status"]')?.getAttribute('data-state') === 'error',
    null,
    { timeout: timeoutMs, polling: 200 },
  );
  const ended = await now(page);
  if ((await page.getByTestId('train-status').getAttribute('data-state')) === 'error') {
    throw new Error((await page.getByTestId('train-message').textContent()) ?? 'training failed');
  }
  const examplesPerSecond = Number(await page.getByTestId('throughput').getAttribute('data-value'));
  return {
    examplesPerSecond,
    trainExamples: s.subset - Math.max(1, Math.round(s.subset * 0.1)),
    backendText,
    page: await windowStats(page, started, ended),
  };
}

/** Milliseconds from pressing Train to the first live metric, on a page already open. */
export async function trainToFirstMetric(page: Page, s: AppSettings): Promise<number> {
  await configure(page, s, 1);
  await useBackend(page, s.backend);
  const ms = await clickToChange(page, 'train-start', 'live-loss', 120_000);
  await page.getByTestId('train-stop').click();
  return ms;
}

/** How long the worker took to load and check MNIST, as the data-ready line reports it (ms). */
export async function datasetLoadMs(page: Page): Promise<number> {
  const ready = page.getByTestId('data-ready');
  await ready.waitFor({ timeout: 120_000 });
  return Number(await ready.getAttribute('data-seconds')) * 1000;
}

/** A "7": across the top, then down to the bottom left (fractions of the canvas). */
const SEVEN: [number, number][] = [
  [0.25, 0.25],
  [0.5, 0.24],
  [0.75, 0.25],
  [0.6, 0.5],
  [0.45, 0.8],
];

export type PredictionLatency = { kind: 'measured'; medianMs: number; samples: number[] } | { kind: 'absent'; reason: string };

/** Stroke end to prediction, median of `count` strokes, on a page whose network has trained. */
export async function predictionLatency(page: Page, count: number): Promise<PredictionLatency> {
  if ((await page.getByTestId('draw-canvas').count()) === 0) return { kind: 'absent', reason: 'n/a (no draw-canvas)' };
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    if ((await page.getByTestId('draw-clear').count()) > 0) await page.getByTestId('draw-clear').click();
    const ms = await strokeToPrediction(page, SEVEN.map(([x, y]) => [x + (i % 3) * 0.03, y]), 10_000);
    if (ms !== null) samples.push(ms);
  }
  if (samples.length === 0) return { kind: 'absent', reason: 'n/a (no prediction after a stroke)' };
  const sorted = [...samples].sort((a, b) => a - b);
  return { kind: 'measured', medianMs: sorted[Math.floor(sorted.length / 2)]!, samples };
}

/**
 * Stroke end to prediction while a run trains: train `preset` one epoch on a small subset (so
 * there are weights to answer with), then Continue for many epochs and time strokes during it.
 */
export async function predictionLatencyWhileTraining(page: Page, baseUrl: string, preset: string, backend: Backend, count: number): Promise<PredictionLatency> {
  await openApp(page, baseUrl);
  await configure(page, { preset, backend, subset: 2000, batchSize: 200 }, 1);
  await useBackend(page, backend);
  await page.getByTestId('train-start').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.getAttribute('data-state') === 'done', null, { timeout: 10 * 60_000 });
  await page.getByTestId('train-epochs').fill('50');
  await page.getByTestId('train-subset').fill('60000');
  await page.getByTestId('train-continue').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="train-status"]')?.getAttribute('data-state') === 'training', null, { timeout: 60_000 });
  try {
    return await predictionLatency(page, count);
  } finally {
    await page.getByTestId('train-stop').click();
  }
}
