// npm run bench:accuracy: trains the seed's networks (and `best`) through the app in headless Chromium
// on full MNIST and prints each test error beside the seed's. Long-running; not part of npm test.
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';
import type { Measured, Network, Options } from './accuracy-report';
import { NETWORKS, parseArgs, table, verdict } from './accuracy-report';

/** Give up on a run when no epoch has finished for this long (a stalled worker, not a slow one). */
const STALL_MS = 45 * 60_000;
const POLL_MS = 2_000;

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Serve dist/ on `port` in a process group of its own, so that stopping it stops vite too. */
async function serve(url: string, port: number): Promise<ChildProcess> {
  if (await answers(url)) throw new Error(`Something already answers on port ${port}; stop it or pass --port.`);
  return spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
}

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with code ${server.exitCode}`);
    if (await answers(url)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within a minute`);
}

const attr = (page: Page, testId: string, name: string) => page.getByTestId(testId).getAttribute(name);

async function train(page: Page, network: Network, o: Options, log: (line: string) => void): Promise<Measured> {
  await page.goto('/');
  if (network.dataset) await page.getByTestId('dataset-select').selectOption(network.dataset);
  await page.getByTestId('preset-select').selectOption(network.presetId);
  await page.getByTestId('backend-select').selectOption(o.backend);
  await page.getByTestId('backend-active').and(page.locator(`[data-value="${o.backend}"]`)).waitFor({ timeout: 60_000 });
  const epochs = o.epochs ?? network.epochs;
  if (epochs !== null) await page.getByTestId('train-epochs').fill(String(epochs));
  if (network.epochs !== null) await page.getByTestId('train-batch-size').fill('200');
  // Another dataset may have fewer training images than asked: all of them, then.
  const available = Number(await page.getByTestId('train-subset').getAttribute('max'));
  await page.getByTestId('train-subset').fill(String(Math.min(o.subset, available)));
  await page.getByTestId('train-validation').selectOption('test');
  const planned = Number(await page.getByTestId('train-epochs').inputValue());
  await page.getByTestId('train-start').click();

  let started: number | null = null;
  let printed = 0;
  let lastProgress = Date.now();
  for (;;) {
    await page.waitForTimeout(POLL_MS);
    const state = await attr(page, 'train-status', 'data-state');
    if (state === 'training' && started === null) started = Date.now();
    const rows = await page.getByTestId('epoch-row').allTextContents();
    for (const row of rows.slice(printed)) log(`  ${network.presetId}: ${row.trim()}`);
    if (rows.length > printed) lastProgress = Date.now();
    printed = rows.length;
    const seconds = started === null ? 0 : (Date.now() - started) / 1000;
    if (state === 'done') {
      const error = await attr(page, 'test-error', 'data-value');
      const speed = await attr(page, 'throughput', 'data-value');
      // The app's own training time (epochs and their validation), as the results panel shows it.
      const trained = await page.locator('[data-testid="result-row"][data-source="run"]').last().getAttribute('data-seconds');
      return { presetId: network.presetId, epochs: printed, testError: Number(error), seconds: Number(trained ?? seconds), examplesPerSecond: speed ? Number(speed) : null, failure: null };
    }
    const failure =
      state === 'error'
        ? ((await page.getByTestId('train-message').textContent()) ?? 'error')
        : Date.now() - lastProgress > STALL_MS
          ? `no epoch finished in ${STALL_MS / 60_000} min`
          : null;
    if (failure) return { presetId: network.presetId, epochs: printed, testError: null, seconds, examplesPerSecond: null, failure };
    if (printed > planned) throw new Error('more epochs than planned');
  }
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const networks = NETWORKS.filter((n) => o.only === null || o.only.includes(n.id));
  if (o.build) {
    const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (built.status !== 0) return 1;
  }
  const comparable = o.epochs === null && o.subset === 60_000;
  if (!comparable) console.log('Note: --epochs/--subset change the seed’s conditions; these errors are not comparable with its table.');
  const url = `http://127.0.0.1:${o.port}/`;
  const server = await serve(url, o.port);
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const results: { network: Network; measured: Measured }[] = [];
  try {
    await waitForServer(url, server);
    for (const network of networks) {
      console.log(`\n${network.id}: training on ${network.dataset ?? 'MNIST'} (${o.subset.toLocaleString('en-US')} examples at most), ${o.backend} backend…`);
      // A fresh context per network, as a first visit: nothing autosaved by the previous run (its
      // restored weights would make the builder ask before changing the network).
      const context = await browser.newContext({ baseURL: url });
      const page = await context.newPage();
      const measured = await train(page, network, o, (line) => console.log(line.replace(`  ${network.presetId}:`, `  ${network.id}:`)));
      await context.close(); // ends the page's worker and frees its memory before the next network
      results.push({ network, measured });
      console.log(`${network.id}: test error ${measured.testError === null ? `n/a (${measured.failure})` : `${measured.testError.toFixed(2)}%`} in ${(measured.seconds / 60).toFixed(1)} min`);
    }
  } finally {
    await browser.close();
    if (server.pid && server.exitCode === null) process.kill(-server.pid);
  }
  console.log(`\nTest error after training, ${o.backend} backend, batch 200 and Adam for the seed's networks, test set as validation:\n`);
  console.log(table(results));
  mkdirSync('bench-results', { recursive: true });
  const file = `bench-results/accuracy-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify({ options: o, comparable, results: results.map((r) => ({ ...r.measured, seedError: r.network.seedError, limit: r.network.limit })) }, null, 2));
  console.log(`\nwrote ${file}`);
  // Rows without a figure to meet (Fashion-MNIST) pass when they trained at all.
  return comparable && results.every((r) => verdict(r.network, r.measured) !== false && r.measured.testError !== null) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
