// The main thread while training with the network view on screen: npx tsx scripts/bench-network.ts [URL] [--rounds N].
// Trains the seed's simple CNN on WASM for two epochs (4,000 digits, batch 200, like `npm run bench`) with a
// drawn 7, once with the network view scrolled into sight (it follows the weights once a second) and once
// with it scrolled away, and prints the longest main-thread task, the frame rate and examples/s of each.
import type { Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';
import { drawSeven } from './drawSeven';
import { openApp } from './bench/appRuns';
import type { WindowStats } from './bench/pageProbes';
import { INSTRUMENTS, now, windowStats } from './bench/pageProbes';

const args = process.argv.slice(2);
const url = args.find((a) => !a.startsWith('--')) ?? 'http://127.0.0.1:4173';
const rounds = Number(args[args.indexOf('--rounds') + 1] ?? 1) || 1;


async function run(page: Page, viewOnScreen: boolean): Promise<WindowStats & { examplesPerSecond: number; explanations: number }> {
  await openApp(page, url);
  await page.getByTestId('preset-select').selectOption('seed-simple-cnn');
  await page.getByTestId('train-epochs').fill('2');
  await page.getByTestId('train-batch-size').fill('200');
  await page.getByTestId('train-subset').fill('4000');
  await page.getByTestId('train-validation').selectOption('holdout');
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.waitForFunction(() => document.querySelector('[data-testid="backend-active"]')?.getAttribute('data-value') === 'wasm', null, { timeout: 60_000 });
  await drawSeven(page);
  await page.evaluate((on) => (on ? document.getElementById('network')!.scrollIntoView({ block: 'start' }) : window.scrollTo(0, 0)), viewOnScreen);
  // Count the explanations that reach the page (each one repaints the overview).
  await page.evaluate(() => {
    const w = window as unknown as { __explained: number; __last: string };
    w.__explained = 0;
    w.__last = '';
    setInterval(() => {
      const seq = document.querySelector('[data-testid="softmax-detail"]')?.getAttribute('data-logits') ?? '';
      if (seq !== w.__last) {
        w.__last = seq;
        w.__explained++;
      }
    }, 50);
  });
  const started = await now(page);
  await page.getByTestId('train-start').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="epoch-row"]').length >= 2, null, { timeout: 600_000, polling: 200 });
  const ended = await now(page);
  const stats = await windowStats(page, started, ended);
  const examplesPerSecond = Number(await page.getByTestId('throughput').getAttribute('data-value'));
  const explanations = await page.evaluate(() => (window as unknown as { __explained: number }).__explained);
  return { ...stats, examplesPerSecond, explanations };
}

const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
try {
  const results: Record<string, (WindowStats & { examplesPerSecond: number; explanations: number })[]> = { 'network view on screen': [], 'network view scrolled away': [] };
  for (let r = 0; r < rounds; r++) {
    for (const on of [true, false]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(INSTRUMENTS);
      const page = await context.newPage();
      results[on ? 'network view on screen' : 'network view scrolled away']!.push(await run(page, on));
      await context.close();
    }
  }
  console.log(JSON.stringify({ date: new Date().toISOString(), url, chromium: browser.version(), results }, null, 2));
  console.log('\n| while training (seed-simple-cnn, wasm, 2 epochs of 3,600 digits) | longest main-thread task | long tasks | frames/s | examples/s (2nd epoch) | explanations shown |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, rs] of Object.entries(results)) {
    for (const x of rs) console.log(`| ${name} | ${Math.round(x.longestTaskMs)} ms | ${x.longTasks} | ${Math.round(x.framesPerSecond)} | ${x.examplesPerSecond} | ${x.explanations} |`);
  }
} finally {
  await browser.close();
}
