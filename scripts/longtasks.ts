// Profiles the main thread while the app trains with its views open (the benchmark's run, see
// bench/viewsOpen.ts): records a Chromium trace and prints each task over 50 ms with what filled
// it. Usage: npx tsx scripts/longtasks.ts [port], against `vite preview --port <port>` of a build
// (`vite build --minify false` names the functions).
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';
import { INSTRUMENTS } from './bench/pageProbes';
import { trainingWithViewsOpen } from './bench/viewsOpen';

interface TraceEvent { name: string; cat: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string; data?: Record<string, unknown> } }

const port = Number(process.argv[2] ?? 4301);
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.addInitScript(INSTRUMENTS);
const page = await context.newPage();
await page.goto(`http://127.0.0.1:${port}/`);
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute'] });
const stats = await trainingWithViewsOpen(page, `http://127.0.0.1:${port}`, 4000, 200);
for (const [what, w] of [['all', stats], ['first epoch, charts on screen', stats.charts], ['second epoch, explanation views on screen', stats.explanations]] as const) {
  console.log(`${what}: longest task ${w.longestTaskMs.toFixed(0)} ms, ${w.longTasks} over 50 ms in ${w.seconds.toFixed(0)} s, ${w.framesPerSecond.toFixed(0)} fps`);
}
const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
await browser.close();
writeFileSync('/tmp/longtasks-trace.json', JSON.stringify(trace));

const events = trace.traceEvents;
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'FunctionCall'));
if (!main) throw new Error('no renderer main thread in the trace');
const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 50_000).sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
console.log(`${tasks.length} tasks over 50 ms on the main thread`);
for (const task of tasks.slice(0, 10)) {
  const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0) && (e.dur ?? 0) > 5_000);
  const what = inside
    .filter((e) => ['FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'Layout', 'UpdateLayoutTree', 'Paint', 'ParseHTML', 'v8.compile', 'V8.GC_SCAVENGER', 'MajorGC', 'MinorGC', 'v8.compileModule', 'EvaluateScript', 'v8.evaluateModule', 'RunMicrotasks', 'PrePaint', 'Layerize', 'HitTest'].includes(e.name))
    .map((e) => `${e.name}${e.args?.data?.url ? ` ${String(e.args.data.url).split('/').pop()}` : ''}${e.args?.data?.functionName ? ` ${String(e.args.data.functionName)}` : ''}${e.args?.data?.type ? ` ${String(e.args.data.type)}` : ''} ${((e.dur ?? 0) / 1000).toFixed(0)} ms`);
  console.log(`- ${((task.dur ?? 0) / 1000).toFixed(0)} ms at ${((task.ts - tasks[0]!.ts) / 1e6).toFixed(1)} s: ${what.slice(0, 12).join('; ')}`);
}
