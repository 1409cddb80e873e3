// The benchmark's results as data (for --json) and as the table the README shows.
import type { LoadSize } from './loadSize';
import type { ViewRun, ViewSummary } from './mainThread';
import type { ThreadRow } from './stockRuns';
import type { RunTo99 } from './timeTo99';
import { REFERENCE_SECONDS } from './timeTo99';

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
  /** Stroke end to prediction while the simple CNN trains on wasm (median of 5). */
  predictionTrainingMs?: number | string;
  /** First-visit runs of the fast preset, Train to test error. */
  to99?: RunTo99[];
  /** The app's scoring of the 10,000 test digits, simple CNN on wasm (median of 3), in seconds. */
  evaluationSeconds?: number | string;
  load: LoadSize | null;
  /** Load averages (1, 5, 15 min) when the run ended. */
  loadAverage?: string;
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

const seconds = (v: number) => `${v.toFixed(1)} s`;

/** Median with min and max of the runs that reached a test error, e.g. "18.2 s (min 17.5, max 19.1)". */
export function medianOf(values: number[]): { median: number; min: number; max: number } | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
}

function formatTo99(runs: RunTo99[]): string[] {
  const lines = ['Time to 99%: the fast preset on a first visit (fresh profile, nothing cached, the dataset downloads inside the figure), from pressing Train to the test error on the page, scored with the final weights; validation on the held-out tenth of the training digits, so the test set chooses nothing:', ''];
  lines.push('| run | Train → test error | test accuracy | held-out ≥ 98% at | held-out ≥ 99.2% at | epochs (held-out accuracy) | longest main-thread task | backend |');
  lines.push('| ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |');
  runs.forEach((run, i) => {
    const at = (v: number | null) => (v === null ? 'not reached' : seconds(v));
    const acc = run.testError === null ? '—' : `${(100 - run.testError).toFixed(2)}%`;
    const epochs = run.epochs.map((e) => `${e.epoch}: ${(e.valAcc * 100).toFixed(2)}% at ${seconds(e.seconds)}`).join('; ');
    const task = run.longestTaskMs === null || run.longestTaskMs === undefined ? '—' : `${int(run.longestTaskMs)} ms`;
    lines.push(`| ${i + 1} | ${typeof run.seconds === 'number' ? seconds(run.seconds) : run.seconds} | ${acc} | ${at(run.passed98)} | ${at(run.passed992)} | ${epochs} | ${task} | ${run.backend} |`);
  });
  const good = runs.filter((run) => typeof run.seconds === 'number' && run.testError !== null && run.testError <= 1.0).map((run) => run.seconds as number);
  const m = medianOf(runs.filter((run) => typeof run.seconds === 'number').map((run) => run.seconds as number));
  lines.push('');
  lines.push(m === null
    ? 'No run finished.'
    : `Median ${seconds(m.median)} (min ${seconds(m.min)}, max ${seconds(m.max)}) over ${runs.length} runs, ${good.length} of them at 99.0% or better; the seed's Keras needed about ${REFERENCE_SECONDS.seed} s, the best preset about ${REFERENCE_SECONDS.best} s (issue 15's figures).`);
  return lines;
}

/** App ÷ the best stock figure for the same network on any backend of this run (issue 15 asks 40× for the simple CNN). */
function bestStockRatios(rows: ThroughputRow[]): string[] {
  const out: string[] = [];
  for (const network of [...new Set(rows.map((r) => r.network))]) {
    const app = rows.find((r) => r.network === network && r.backend === 'wasm')?.app;
    const stock = rows.filter((r) => r.network === network && typeof r.stock === 'number').sort((a, b) => (b.stock as number) - (a.stock as number))[0];
    if (typeof app !== 'number' || !stock) continue;
    out.push(`- ${network}: app on wasm ${int(app)} ex/s is ${(app / (stock.stock as number)).toFixed(1)}× stock tfjs's best here (${stock.backend}, ${int(stock.stock as number)} ex/s)`);
  }
  return out;
}

export function formatReport(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(`Machine: ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.gpu}; Chromium ${r.machine.chromium}; ${r.date}${r.loadAverage ? `; load average at the end ${r.loadAverage}` : ''}`);
  lines.push('');
  lines.push(`Training, batch ${r.batchSize}, examples per second (app: its second epoch; stock: model.fit after 2 warm-up batches):`);
  lines.push('');
  lines.push('| network | backend | digits timed | app | stock tfjs model.fit | app ÷ stock |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const row of r.rows) {
    lines.push(`| ${row.network} | ${row.backend} | ${int(row.examples)} | ${cell(row.app)} | ${cell(row.stock)} | ${ratio(row.app, row.stock)} |`);
  }
  const ratios = bestStockRatios(r.rows);
  if (ratios.length > 0) {
    lines.push('');
    lines.push(...ratios);
  }
  if (r.to99?.length) {
    lines.push('');
    lines.push(...formatTo99(r.to99));
  }
  if (r.threads?.length) {
    lines.push('');
    lines.push('Diagnostic: the app\'s training step on WASM (fused path, batch 200, median of 10 steps, best of the rounds), examples per second:');
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
  if (r.predictionTrainingMs !== undefined) {
    lines.push(`| Stroke end → prediction while the simple CNN trains (wasm, median of 5) | ${typeof r.predictionTrainingMs === 'number' ? `${int(r.predictionTrainingMs)} ms` : r.predictionTrainingMs} |`);
  }
  if (r.evaluationSeconds !== undefined) {
    const e = r.evaluationSeconds;
    lines.push(`| Scoring the 10,000 test digits, simple CNN on wasm (median of 3) | ${typeof e === 'number' ? `${(e * 1000).toFixed(0)} ms` : e} |`);
  }
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
