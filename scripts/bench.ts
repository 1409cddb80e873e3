// npm run bench: builds and serves the app, drives it in headless Chromium, and prints the performance table.
//   --quick            wasm only, 2,000 digits: a few minutes
//   --backends a,b     webgpu, webgl, wasm, cpu (default: every backend the browser can start)
//   --networks a,b     preset ids (default: seed-mlp, seed-simple-cnn, seed-larger-cnn)
//   --subset N         digits for WASM (default 4,000; 90% train, 10% validate); --slow-subset N for the rest (1,000)
//   --rounds N         alternate app and stock N times per row and keep each one's best (a busy machine)
//   --main-thread-runs N   runs of each view for the main thread's longest task (default 3)
//   --main-thread-only     measure only that (the learning curves, the network view, both, the top)
//   --main-thread-views charts,overview,both,top   which of them (default: all four)
//   --compare NAME=DIR[,NAME=DIR]  also measure the main thread with the builds in these dist
//                      directories, interleaved with this one, served on --compare-ports P[,P]
//                      (default --port + 1, + 2, …)
//   --threads-check    also time the app's training step on WASM with 1 thread and with every core
//   --to99 N           first-visit runs of the fast preset timed from Train to its test error (default 3; 0: none)
//   --report FILE      print the table of a saved --json run, measuring nothing
//   --json             print the results as JSON   --no-build   serve the existing dist/   --port N (default 4280)
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';
import type { AppRun, AppSettings, Backend } from './bench/appRuns';
import { appThroughput, datasetLoadMs, openApp, predictionLatency, predictionLatencyWhileTraining, trainToFirstMetric } from './bench/appRuns';
import { measureLoad } from './bench/loadSize';
import { INSTRUMENTS } from './bench/pageProbes';
import { mainThreadRuns, summarise } from './bench/mainThread';
import { OPEN_VIEWS } from './bench/viewsOpen';
import type { BenchReport, MainThreadReport, ThroughputRow } from './bench/report';
import { formatMainThread, formatReport } from './bench/report';
import type { Server } from './bench/server';
import { build, serve } from './bench/server';
import { evaluationSeconds, openBenchPage, probeBackends, stockThroughput, threadCheck } from './bench/stockRuns';
import type { RunTo99 } from './bench/timeTo99';
import { timeTo99 } from './bench/timeTo99';
import type { StockResult } from '../src/bench/protocol';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag('quick');
const BATCH = 200;
const networks = (option('networks') ?? 'seed-mlp,seed-simple-cnn,seed-larger-cnn').split(',');
const wasmSubset = Number(option('subset') ?? (quick ? 2000 : 4000));
const slowSubset = Number(option('slow-subset') ?? 1000);
const port = Number(option('port') ?? 4280);
const rounds = Math.max(1, Number(option('rounds') ?? 1));
const to99Runs = Math.max(0, Number(option('to99') ?? 3));
const log = (text: string) => process.stderr.write(`${text}\n`);

function subsetFor(backend: Backend): number {
  return backend === 'wasm' ? wasmSubset : slowSubset;
}

/** The machine's load averages (1, 5, 15 minutes) as the run ends: figures under load are lower. */
function loadAverage(): string {
  return loadavg().map((l) => l.toFixed(2)).join(', ');
}

function cpuName(): string {
  const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
  return line?.split(':')[1]?.trim() ?? cpus()[0]?.model ?? 'unknown CPU';
}

async function main(): Promise<void> {
  const saved = option('report');
  if (saved !== undefined) {
    // Print the table of an earlier --json run.
    const json = JSON.parse(readFileSync(saved, 'utf8')) as BenchReport | (MainThreadReport & { machine: string });
    // A --main-thread-only run has its machine as a line and no throughput rows.
    process.stdout.write('rows' in json ? `${formatReport(json)}\n` : `${json.machine}\n\n${formatMainThread(json)}\n`);
    return;
  }
  if (!flag('no-build')) {
    log('building…');
    build();
  }
  const server = await serve(port);
  const compare = (option('compare') ?? '').split(',').filter(Boolean).map((pair) => {
    const at = pair.indexOf('=');
    return at > 0 ? { label: pair.slice(0, at), dir: pair.slice(at + 1) } : { label: pair, dir: pair };
  });
  const comparePorts = (option('compare-ports') ?? '').split(',').filter(Boolean).map(Number);
  const compared: Server[] = [];
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    for (const [i, c] of compare.entries()) compared.push(await serve(comparePorts[i] ?? port + 1 + i, c.dir));
    const builds = [{ label: 'this build', url: server.url }, ...compare.map((c, i) => ({ label: c.label, url: compared[i]!.url }))];
    const measureMainThread = async (): Promise<MainThreadReport> => {
      log('the main thread while training with the learning curves, the network view, both on screen…');
      const o = { subset: subsetFor('wasm'), batchSize: BATCH, epochs: 2, runs: Math.max(1, Number(option('main-thread-runs') ?? 3)), log };
      const wantedViews = option('main-thread-views')?.split(',') ?? OPEN_VIEWS;
      const runs = await mainThreadRuns(browser, builds, OPEN_VIEWS.filter((v) => wantedViews.includes(v)), o);
      return { subset: o.subset, epochs: o.epochs, batchSize: o.batchSize, views: summarise(runs), runs };
    };
    if (flag('main-thread-only')) {
      const m = await measureMainThread();
      const machine = `Machine: ${cpus().length} cores (${cpuName()}); Chromium ${browser.version()}; ${new Date().toISOString().slice(0, 10)}`;
      process.stdout.write(flag('json') ? `${JSON.stringify({ machine, ...m }, null, 2)}\n` : `${machine}\n\n${formatMainThread(m)}\n`);
      return;
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(INSTRUMENTS);
    const page = await context.newPage();
    // Stock runs get a context (and so a tab) of their own: the app's tab stays the visible one.
    const benchPage = await (await browser.newContext()).newPage();
    await openBenchPage(benchPage, server.url);
    await page.bringToFront();
    const probes = await probeBackends(benchPage);
    const gpu = probes.filter((p) => p.name !== 'wasm' && p.name !== 'cpu').map((p) => `${p.name}: ${p.available ? p.detail : 'unavailable'}`).join('; ');
    const wanted = (option('backends') ?? (quick ? 'wasm' : 'webgpu,webgl,wasm,cpu')).split(',') as Backend[];
    const backends = wanted.filter((b) => probes.find((p) => p.name === b)?.available);
    log(`backends: ${backends.join(', ')} (${gpu})`);

    const rows: ThroughputRow[] = [];
    let predictionMs: number | string = 'n/a (not measured)';
    let predictionTrainingMs: number | string = 'n/a (not measured)';
    let summary: AppRun | null = null;
    let summaryOf = '';
    for (const backend of backends) {
      for (const network of networks) {
        const settings: AppSettings = { preset: network, backend, subset: subsetFor(backend), batchSize: BATCH };
        const examples = settings.subset - Math.max(1, Math.round(settings.subset * 0.1));
        // On a busy machine, alternate app and stock runs and keep each one's best.
        let app: AppRun | string = 'fails';
        let stock: StockResult = { ok: false, error: 'not run' };
        for (let round = 1; round <= rounds; round++) {
          log(`${network} on ${backend}, round ${round} of ${rounds}: app…`);
          const a = await appRun(page, server.url, settings);
          if (round === 1 || (typeof a !== 'string' && (typeof app === 'string' || a.examplesPerSecond > app.examplesPerSecond))) app = a;
          // The main thread's figures come from the simple CNN on WASM (else the first network that trained).
          const isSummary = network === 'seed-simple-cnn' && backend === 'wasm';
          if (typeof a !== 'string' && (isSummary || summary === null)) {
            summary = a;
            summaryOf = `${network}, ${backend}`;
          }
          if (typeof a !== 'string' && isSummary && round === 1) predictionMs = await measurePrediction(page);
          // Nothing of the app may run beside the stock measurement (it would go on to score the test set).
          await page.goto('about:blank');
          log(`${network} on ${backend}, round ${round} of ${rounds}: stock model.fit…`);
          const s = await stockThroughput(benchPage, { backend, presetId: network, batchSize: BATCH, warmupBatches: 2, examples });
          if (!s.ok) log(`  stock: ${s.error}`);
          if (round === 1 || (s.ok && (!stock.ok || s.examplesPerSecond > stock.examplesPerSecond))) stock = s;
          log(`  app ${typeof a === 'string' ? a : Math.round(a.examplesPerSecond)} ex/s, stock ${s.ok ? Math.round(s.examplesPerSecond) : 'fails'} ex/s`);
          if (!s.ok && typeof a === 'string') break;
        }
        rows.push({
          network,
          backend,
          app: typeof app === 'string' ? app : app.examplesPerSecond,
          stock: stock.ok ? stock.examplesPerSecond : 'fails',
          examples,
          backendText: typeof app === 'string' ? '' : app.backendText,
          longestTaskMs: typeof app === 'string' ? null : app.page.longestTaskMs,
          framesPerSecond: typeof app === 'string' ? null : app.page.framesPerSecond,
        });
      }
    }

    let threads: BenchReport['threads'];
    if (flag('threads-check') && backends.includes('wasm')) {
      log('the app\'s training step on wasm, 1 thread against every core…');
      threads = await threadCheck(benchPage, [...networks, 'fast'], Math.max(rounds, 2), cpus().length);
    }

    const to99: RunTo99[] = [];
    for (let i = 0; i < to99Runs; i++) {
      log(`time to 99%, fast preset, first visit, run ${i + 1} of ${to99Runs}…`);
      const run = await timeTo99(browser, server.url);
      log(`  ${typeof run.seconds === 'number' ? `${run.seconds.toFixed(1)} s` : run.seconds}, test error ${run.testError ?? '—'}%`);
      to99.push(run);
    }

    let evaluation: number | string = 'not measured';
    if (backends.includes('wasm')) {
      log('scoring 10,000 test digits, simple CNN…');
      evaluation = await evaluationSeconds(benchPage, 'seed-simple-cnn', 10_000, 3);
      log('stroke end → prediction while the simple CNN trains…');
      const whileTraining = await predictionLatencyWhileTraining(page, server.url, 'seed-simple-cnn', 'wasm', 5).catch((e: unknown) => ({ kind: 'absent' as const, reason: `fails (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` }));
      predictionTrainingMs = whileTraining.kind === 'measured' ? whileTraining.medianMs : whileTraining.reason;
    }

    const mainThread = backends.includes('wasm') ? await measureMainThread() : undefined;

    log('time to first metric…');
    const firstMetric = await firstMetricTimes(browser, server.url);
    log('load size…');
    const load = await measureLoad(browser, server.url);
    const report: BenchReport = {
      date: new Date().toISOString().slice(0, 10),
      machine: { cores: cpus().length, cpu: cpuName(), chromium: browser.version(), gpu: gpu || 'no GPU backend' },
      batchSize: BATCH,
      rows,
      firstMetricMs: { cold: firstMetric.cold, cached: firstMetric.cached, backend: firstMetric.backend, network: firstMetric.network },
      datasetLoadMs: firstMetric.load,
      longestTaskMs: summary?.page.longestTaskMs ?? null,
      framesPerSecond: summary?.page.framesPerSecond ?? null,
      mainThreadDuring: summaryOf,
      mainThread,
      threads,
      predictionMs,
      predictionTrainingMs,
      to99,
      evaluationSeconds: evaluation,
      load,
      loadAverage: loadAverage(),
    };
    process.stdout.write(flag('json') ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  } finally {
    await browser.close();
    server.stop();
    for (const c of compared) c.stop();
  }
}

/** The app's throughput for these settings, or why it failed. */
async function appRun(page: Page, url: string, settings: AppSettings): Promise<AppRun | string> {
  try {
    return await appThroughput(page, url, settings, settings.backend === 'wasm' ? 10 * 60_000 : 30 * 60_000);
  } catch (e) {
    return `fails (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
  }
}

/** After the simple CNN has trained: wait for the run to finish, then time strokes on the draw canvas. */
async function measurePrediction(page: Page): Promise<number | string> {
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-testid="train-status"]')?.getAttribute('data-state') ?? ''), null, { timeout: 120_000 });
  const latency = await predictionLatency(page, 5);
  return latency.kind === 'measured' ? latency.medianMs : latency.reason;
}

/** Pressing Train to the first live metric: in a fresh browser profile, then again after a reload. */
async function firstMetricTimes(
  browser: Awaited<ReturnType<typeof chromium.launch>>,
  url: string,
): Promise<BenchReport['firstMetricMs'] & { load: NonNullable<BenchReport['datasetLoadMs']> }> {
  const settings: AppSettings = { preset: 'seed-simple-cnn', backend: 'wasm', subset: wasmSubset, batchSize: BATCH };
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await openApp(page, url);
    const cold = await trainToFirstMetric(page, settings);
    const loadCold = await datasetLoadMs(page);
    await openApp(page, url);
    const cached = await trainToFirstMetric(page, settings);
    const loadCached = await datasetLoadMs(page);
    return { cold, cached, backend: settings.backend, network: settings.preset, load: { cold: loadCold, cached: loadCached } };
  } catch (e) {
    const reason = `fails (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
    return { cold: reason, cached: reason, backend: settings.backend, network: settings.preset, load: { cold: reason, cached: reason } };
  } finally {
    await context.close();
  }
}

await main();
