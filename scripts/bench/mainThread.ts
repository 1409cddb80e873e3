// The main thread while the app trains with a view open, over several runs: the longest task by the page's clock (what a user feels) and by the main thread's CPU time in a Chromium trace (what the app's own code costs, which a busy machine does not stretch).
import { loadavg } from 'node:os';
import type { Browser } from '@playwright/test';
import { analyseTrace } from '../traceTasks';
import { INSTRUMENTS } from './pageProbes';
import type { OpenView } from './viewsOpen';
import { trainingWithView } from './viewsOpen';

/** One run of one build with one view on screen. */
export interface ViewRun {
  build: string;
  view: OpenView;
  /** The longest task the page's PerformanceObserver saw, from Train to the end of the run. */
  wallMs: number;
  /** The largest main-thread CPU time of any task in the same window (trace `tdur`). */
  cpuMs: number;
  /** Tasks over 50 ms by the page's clock. */
  longTasks: number;
  /** Tasks over 20 ms of CPU time. */
  cpuOver20: number;
  /** The browser's kinds of work in the CPU-heaviest task, e.g. "FunctionCall 12; MinorGC 2". */
  heaviest: string;
  seconds: number;
  framesPerSecond: number;
  /** The machine's 1-minute load average, mean of its readings at the start and the end. */
  load: number;
}

export interface ViewSummary {
  build: string;
  view: OpenView;
  runs: number;
  wallMs: { median: number; worst: number };
  cpuMs: { median: number; worst: number };
  longTasks: number;
  framesPerSecond: number;
  load: [number, number];
}

/** Light categories: the tasks with their CPU time and the work inside them, no sampling profiler. */
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Trains the seed's simple CNN on WASM with `view` on screen, in a fresh browser context, tracing the page. */
export async function viewRun(browser: Browser, build: string, url: string, view: OpenView, subset: number, batchSize: number, epochs: number): Promise<ViewRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript(INSTRUMENTS);
    const page = await context.newPage();
    const loadBefore = loadavg()[0]!;
    await browser.startTracing(page, { categories: CATEGORIES });
    const observed = await trainingWithView(page, url, view, subset, batchSize, epochs);
    await page.evaluate(() => console.timeStamp('bench-end'));
    const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: Parameters<typeof analyseTrace>[0] }).traceEvents;
    // The observed window ends just before the marker; it began `seconds` earlier, at Train.
    const end = events.find((e) => e.name === 'TimeStamp' && (e.args?.data as { message?: string } | undefined)?.message === 'bench-end')?.ts ?? Infinity;
    const trace = analyseTrace(events, 50, end - observed.seconds * 1e6, end, 1);
    return {
      build,
      view,
      wallMs: observed.longestTaskMs,
      cpuMs: trace.longestCpuMs,
      longTasks: observed.longTasks,
      cpuOver20: trace.cpuOver[20],
      heaviest: trace.cpuHeavy[0]?.events.map(([n, ms]) => `${n} ${ms}`).join('; ') ?? '',
      seconds: observed.seconds,
      framesPerSecond: observed.framesPerSecond,
      load: (loadBefore + loadavg()[0]!) / 2,
    };
  } finally {
    await context.close();
  }
}

/**
 * `runs` rounds; each trains once per build and view, in turn, so every build and view meets the
 * machine's load alike. `builds` maps a label to the URL serving that build.
 */
export async function mainThreadRuns(
  browser: Browser,
  builds: readonly { label: string; url: string }[],
  views: readonly OpenView[],
  o: { subset: number; batchSize: number; epochs: number; runs: number; log?: (line: string) => void },
): Promise<ViewRun[]> {
  const out: ViewRun[] = [];
  for (let round = 1; round <= o.runs; round++) {
    for (const view of views) {
      for (const b of builds) {
        const r = await viewRun(browser, b.label, b.url, view, o.subset, o.batchSize, o.epochs);
        out.push(r);
        o.log?.(`  ${b.label}, ${view}, run ${round}: longest task ${r.wallMs.toFixed(0)} ms (CPU ${r.cpuMs.toFixed(0)} ms), ${r.longTasks} over 50 ms, load ${r.load.toFixed(1)}`);
      }
    }
  }
  return out;
}

export function summarise(runs: readonly ViewRun[]): ViewSummary[] {
  const keys = [...new Set(runs.map((r) => `${r.build}\u0000${r.view}`))];
  return keys.map((key) => {
    const [build, view] = key.split('\u0000') as [string, OpenView];
    const rs = runs.filter((r) => r.build === build && r.view === view);
    const wall = rs.map((r) => r.wallMs);
    const cpu = rs.map((r) => r.cpuMs);
    const loads = rs.map((r) => r.load);
    return {
      build,
      view,
      runs: rs.length,
      wallMs: { median: median(wall), worst: Math.max(...wall) },
      cpuMs: { median: median(cpu), worst: Math.max(...cpu) },
      longTasks: median(rs.map((r) => r.longTasks)),
      framesPerSecond: median(rs.map((r) => r.framesPerSecond)),
      load: [Math.min(...loads), Math.max(...loads)],
    };
  });
}
