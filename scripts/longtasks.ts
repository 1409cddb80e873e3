// Profiles the main thread while the app trains with a view open: records a Chromium trace per run
// and prints the longest tasks (wall and CPU time) with what filled them, then the median and the
// worst over the runs. Usage:
//   npx tsx scripts/longtasks.ts [port] [--view charts|overview|both|top|all] [--runs N] [--subset N] [--epochs N] [--detail N] [--trace DIR] [--renders]
// against `vite preview --port <port>` of a build (`vite build --minify false` names the functions).
// `all` runs charts, overview, both and top in turn, `--runs` times each (as `npm run bench` does, with
// the sampling profiler on, which slows the page a little); `--renders` counts which
// components render from Train to the end (scripts/renderCounts.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';
import { median } from './bench/mainThread';
import { INSTRUMENTS, type WindowStats } from './bench/pageProbes';
import { OPEN_VIEWS, type OpenView, trainingWithView } from './bench/viewsOpen';
import { readCounts, RENDER_COUNTER } from './renderCounts';
import { analyseTrace, type TraceReport } from './traceTasks';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const port = Number(args.find((a) => /^\d+$/.test(a)) ?? 4301);
const viewArg = option('view', 'all');
const runs = Number(option('runs', '1'));
const subset = Number(option('subset', '4000'));
const epochs = Number(option('epochs', '2'));
const detail = Number(option('detail', '3'));
const traceDir = option('trace', '');
const renders = args.includes('--renders');
const base = `http://127.0.0.1:${port}`;
const views: OpenView[] = viewArg === 'all' ? [...OPEN_VIEWS] : [viewArg as OpenView];

interface Result { view: string; run: number; load: number; observed: WindowStats; trace: TraceReport }

const marker = (page: Page, message: string) => page.evaluate((m) => console.timeStamp(m), message);

async function once(view: OpenView, run: number): Promise<Result> {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(INSTRUMENTS);
    if (renders) await context.addInitScript(RENDER_COUNTER);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'] });
    const load = loadavg()[0]!;
    // The trace window: from Train (trainingWithView* navigate first, so mark from the page's first task after it).
    const observed = await trainingWithView(page, base, view, subset, 200, epochs);
    await marker(page, 'uiperf-end');
    if (renders) {
      const counts = await readCounts(page);
      console.log(`renders from Train to the end (${counts.commits} commits): ${counts.renders.map(([n, c]) => `${n} ${c}`).join(', ')}`);
    }
    const raw = (await browser.stopTracing()).toString();
    if (traceDir) {
      mkdirSync(traceDir, { recursive: true });
      writeFileSync(`${traceDir}/${view}-${run}.json`, raw);
    }
    const events = (JSON.parse(raw) as { traceEvents: Parameters<typeof analyseTrace>[0] }).traceEvents;
    // Train is clicked `observed.seconds` before the end marker.
    const end = events.find((e) => e.name === 'TimeStamp' && (e.args?.data as { message?: string } | undefined)?.message === 'uiperf-end')?.ts ?? Infinity;
    const trace = analyseTrace(events, 50, end - observed.seconds * 1e6, end);
    return { view, run, load: (load + loadavg()[0]!) / 2, observed, trace };
  } finally {
    await browser.close();
  }
}

const results: Result[] = [];
for (let run = 1; run <= runs; run++) {
  for (const view of views) {
    const r = await once(view, run);
    results.push(r);
    const o = r.observed;
    console.log(`\n## ${view}, run ${run} (load ${r.load.toFixed(1)}): longest task ${o.longestTaskMs.toFixed(0)} ms, ${o.longTasks} over 50 ms in ${o.seconds.toFixed(0)} s, ${o.framesPerSecond.toFixed(0)} fps; main-thread CPU ${r.trace.cpuMsPerSecond.toFixed(0)} ms/s, largest CPU time of a task ${r.trace.longestCpuMs.toFixed(0)} ms`);
    console.log(`  tasks over 5, 10, 20, 50 ms of CPU time: ${r.trace.cpuOver[5]}, ${r.trace.cpuOver[10]}, ${r.trace.cpuOver[20]}, ${r.trace.cpuOver[50]}`);
    const show = (t: TraceReport['tasks'][number]) => {
      console.log(`- ${t.wallMs.toFixed(0)} ms (CPU ${t.cpuMs.toFixed(0)} ms) at ${t.at.toFixed(1)} s`);
      console.log(`    events (CPU ms): ${t.events.map(([n, ms]) => `${n} ${ms}`).join('; ')}`);
      console.log(`    self: ${t.self.map(([n, ms]) => `${n} ${ms}`).join('; ')}`);
      console.log(`    inclusive: ${t.inclusive.map(([n, ms]) => `${n} ${ms}`).join('; ')}`);
      console.log(`    by component: ${t.owners.map(([n, ms]) => `${n} ${ms}`).join('; ')}`);
    };
    if (detail > 0) console.log('  longest tasks (wall):');
    r.trace.tasks.slice(0, detail).forEach(show);
    if (detail > 0) console.log('  most CPU time:');
    r.trace.cpuHeavy.slice(0, detail).forEach(show);
    if (detail > 0) {
      console.log(`  whole run, inclusive ms: ${r.trace.inclusive.slice(0, 20).map(([n, ms]) => `${n} ${ms}`).join('; ')}`);
      console.log(`  whole run, self ms: ${r.trace.self.slice(0, 15).map(([n, ms]) => `${n} ${ms}`).join('; ')}`);
      console.log(`  whole run, events (CPU ms): ${r.trace.events.map(([n, ms]) => `${n} ${ms}`).join('; ')}`);
      console.log(`  whole run, by component ms: ${r.trace.owners.slice(0, 25).map(([n, ms]) => `${n} ${ms}`).join('; ')}`);
    }
  }
}

console.log('\n| view | runs | longest task, median | worst | tasks over 50 ms, median | largest task CPU time, median | worst | tasks over 10 ms CPU, median | main-thread CPU, median | load |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const view of views) {
  const rs = results.filter((r) => r.view === view);
  const longest = rs.map((r) => r.observed.longestTaskMs);
  const cpu = rs.map((r) => r.trace.longestCpuMs);
  const loads = rs.map((r) => r.load);
  console.log(
    `| ${view} | ${rs.length} | ${median(longest).toFixed(0)} ms | ${Math.max(...longest).toFixed(0)} ms | ${median(rs.map((r) => r.observed.longTasks))} | ${median(cpu).toFixed(0)} ms | ${Math.max(...cpu).toFixed(0)} ms | ${median(rs.map((r) => r.trace.cpuOver[10]))} | ${median(rs.map((r) => r.trace.cpuMsPerSecond)).toFixed(0)} ms/s | ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} |`,
  );
}
console.log(`\nEvery run: ${results.map((r) => `${r.view} ${r.observed.longestTaskMs.toFixed(0)}`).join(', ')} ms`);
