// The benchmark's results as data (for --json) and as the table the README shows.
import type { LoadSize } from './loadSize';
import type { ViewRun, ViewSummary } from './mainThread';
import type { ThreadRow } from './stockRuns';

export interface ThroughputRow {
  network: string;
  backend: string;
  /** Examples/s of the app's own training (second epoch), or the reason there is none. */
  app: number | string;
  stock: number | string;
  /** Digits timed per measurement (the app's second epoch; stock model.fit the same count). */
  examples: number;
  backendText: string;
  longestTaskMs: number | null;
  framesPerSecond: number | null;
}

export interface BenchReport {
  date: string;
  machine: { cores: number; cpu: string; chromium: string; gpu: string };
  batchSize: number;
  rows: ThroughputRow[];
  firstMetricMs: { cold: number | string; cached: number | string; backend: string; network: string };
  /** Loading and checking the MNIST assets in the worker, first visit and from the browser's cache. */
  datasetLoadMs?: { cold: number | string; cached: number | string };
  longestTaskMs: number | null;
  framesPerSecond: number | null;
  /** The run the two figures above come from, e.g. "seed-simple-cnn, wasm". */
  mainThreadDuring?: string;
  /** The main thread while seed-simple-cnn trains on WASM with the learning curves, the network view or both on screen, over several runs. */
  mainThread?: MainThreadReport;
  /** With --threads-check: model.fit on our wasm kernels, one thread against every core. */
  threads?: ThreadRow[];
  predictionMs: number | string;
  load: LoadSize | null;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function cell(v: number | string): string {
  return typeof v === 'number' ? int(v) : v;
}

function ratio(app: number | string, stock: number | string): string {
  if (typeof app !== 'number') return '—';
  if (typeof stock !== 'number') return 'stock fails';
  return `${(app / stock).toFixed(2)}×`;
}

export function formatReport(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(`Machine: ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.gpu}; Chromium ${r.machine.chromium}; ${r.date}`);
  lines.push('');
  lines.push(`Training, batch ${r.batchSize}, examples per second (app: its second epoch; stock: model.fit after 2 warm-up batches):`);
  lines.push('');
  lines.push('| network | backend | digits timed | app | stock tfjs model.fit | app ÷ stock |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const row of r.rows) {
    lines.push(`| ${row.network} | ${row.backend} | ${int(row.examples)} | ${cell(row.app)} | ${cell(row.stock)} | ${ratio(row.app, row.stock)} |`);
  }
  if (r.threads?.length) {
    lines.push('');
    lines.push('Diagnostic: model.fit on our WASM kernels (not the app\'s loop), examples per second:');
    lines.push('');
    lines.push(`| network | 1 thread | ${r.threads[0]!.threads} threads |`);
    lines.push('| --- | ---: | ---: |');
    for (const t of r.threads) lines.push(`| ${t.network} | ${cell(t.one)} | ${cell(t.many)} |`);
  }
  lines.push('');
  lines.push('| measure | result |');
  lines.push('| --- | ---: |');
  const fm = r.firstMetricMs;
  lines.push(`| Train → first metric, dataset cold (${fm.network}, ${fm.backend}) | ${typeof fm.cold === 'number' ? `${int(fm.cold)} ms` : fm.cold} |`);
  lines.push(`| Train → first metric, dataset cached | ${typeof fm.cached === 'number' ? `${int(fm.cached)} ms` : fm.cached} |`);
  if (r.datasetLoadMs) {
    const ms = (v: number | string) => (typeof v === 'number' ? `${int(v)} ms` : v);
    lines.push(`| MNIST load and check in the worker, first visit | ${ms(r.datasetLoadMs.cold)} |`);
    lines.push(`| MNIST load and check, from the browser cache | ${ms(r.datasetLoadMs.cached)} |`);
  }
  const during = r.mainThreadDuring ? ` (${r.mainThreadDuring})` : '';
  lines.push(`| Longest main-thread task while training${during} | ${r.longestTaskMs === null ? '—' : `${int(r.longestTaskMs)} ms`} |`);
  lines.push(`| Frame rate while training${during} | ${r.framesPerSecond === null ? '—' : `${r.framesPerSecond.toFixed(0)} fps`} |`);
  lines.push(`| Stroke end → prediction | ${typeof r.predictionMs === 'number' ? `${int(r.predictionMs)} ms` : r.predictionMs} |`);
  if (r.load) {
    lines.push(`| Main-thread JavaScript before interactive | ${kb(r.load.mainThreadJsGzip)} gzipped |`);
    lines.push(`| Transferred on a first visit (page, worker, WASM; compressed by the server) | ${mb(r.load.transferredBytes)} in ${r.load.requests} requests |`);
    lines.push(`| MNIST assets, on the first Train | ${mb(r.load.datasetBytes)} |`);
  }
  if (r.mainThread) lines.push('', formatMainThread(r.mainThread));
  return lines.join('\n');
}

export interface MainThreadReport {
  subset: number;
  epochs: number;
  batchSize: number;
  views: ViewSummary[];
  runs: ViewRun[];
}

const VIEW_NAMES: Record<ViewSummary['view'], string> = { charts: 'learning curves', overview: 'network view', both: 'both', top: 'top of the page' };

/** The longest main-thread task while training, by view (and by build, when several were measured). */
export function formatMainThread(m: MainThreadReport): string {
  const builds = new Set(m.views.map((v) => v.build)).size > 1;
  const lines = [
    `Longest main-thread task while seed-simple-cnn trains on WASM (${int(m.subset)} digits, ${m.epochs} epochs, batch ${m.batchSize}, a digit on the pad), by what is on screen; wall time from the page's PerformanceObserver, CPU time from a Chromium trace (the most any one task took, which a busy machine does not stretch):`,
    '',
    `| ${builds ? 'build | ' : ''}on screen | runs | longest task, median | worst | CPU time, median | worst | tasks over 50 ms, median | frames/s | load average |`,
    `| ${builds ? '--- | ' : ''}--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |`,
  ];
  for (const v of m.views) {
    lines.push(
      `| ${builds ? `${v.build} | ` : ''}${VIEW_NAMES[v.view]} | ${v.runs} | ${int(v.wallMs.median)} ms | ${int(v.wallMs.worst)} ms | ${int(v.cpuMs.median)} ms | ${int(v.cpuMs.worst)} ms | ${v.longTasks} | ${v.framesPerSecond.toFixed(0)} | ${v.load[0].toFixed(1)}–${v.load[1].toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}
