// Diagnostic: what the page's main thread does in its long tasks while a run trains (a CPU profile of the run).
//   npx tsx scripts/bench/longtasks.ts [preset] [--port N]   (serves the existing dist/)
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../e2e/browser';
import { appThroughput, openApp } from './appRuns';
import { INSTRUMENTS } from './pageProbes';
import { serve } from './server';

const argv = process.argv.slice(2);
const preset = argv.find((a) => !a.startsWith('--')) ?? 'seed-simple-cnn';
const portAt = argv.indexOf('--port');
const server = await serve(portAt >= 0 ? Number(argv[portAt + 1]) : 4303);
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(INSTRUMENTS);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await openApp(page, server.url);
  const t0 = await page.evaluate(() => performance.now());
  await cdp.send('Profiler.start');
  // As the benchmark's throughput run does it: open, configure, switch backend, train two epochs.
  await appThroughput(page, server.url, { preset, backend: 'wasm', subset: 4000, batchSize: 200 }, 600_000);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } ; children?: number[] }[]; samples: number[]; timeDeltas: number[]; startTime: number } };
  const tasks = await page.evaluate((from) => (window as unknown as { __bench: { longTasks: [number, number][] } }).__bench.longTasks.filter(([s]) => s >= from).map(([s, d]) => [Math.round(s - from), Math.round(d)]), t0);
  console.log('long tasks after the page opened (start ms, duration ms):', JSON.stringify(tasks));
  // Self time by function over the whole run, top 25.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const name = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
} finally {
  await browser.close();
  server.stop();
}
