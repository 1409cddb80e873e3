// Pure parts of the accuracy benchmark: which networks, what to compare against, the printed table.

import { analyze } from '../src/model/analyze';
import { findPreset } from '../src/model/presets';
import { SEED_RESULTS } from '../src/model/results';

/** How far above the seed's test error a network may land (percentage points); spread is about ±0.15. */
export const TOLERANCE_POINTS = 0.3;
/** The `best` preset's goal: at most this test error (percent) within its epochs. */
export const BEST_TARGET = 0.5;
/** The `fast` preset's goal (issue 15): 99% test accuracy, that is at most 1.00% test error. */
export const FAST_TARGET = 1.0;

export interface Network {
  /** How the run is named on the command line and in the table (the preset's id for MNIST). */
  id: string;
  presetId: string;
  /** The dataset to train on; MNIST when absent. */
  dataset?: 'fashion-mnist';
  /** The seed's figure, or null for our own preset. */
  seedError: number | null;
  /** Highest acceptable test error in percent; null when there is no figure to hold it to. */
  limit: number | null;
  /** Epochs to set, or null to keep the preset's recipe. */
  epochs: number | null;
}

export const NETWORKS: Network[] = [
  ...SEED_RESULTS.map((r) => ({ id: r.presetId, presetId: r.presetId, seedError: r.testError, limit: r.testError + TOLERANCE_POINTS, epochs: 10 })),
  { id: 'best', presetId: 'best', seedError: null, limit: BEST_TARGET, epochs: null },
  { id: 'fast', presetId: 'fast', seedError: null, limit: FAST_TARGET, epochs: null },
  // No published Keras figure exists for this network on Fashion-MNIST (and the app's test set is
  // not the official one): the measured figure stands alone.
  { id: 'fashion-simple-cnn', presetId: 'seed-simple-cnn', dataset: 'fashion-mnist', seedError: null, limit: null, epochs: 10 },
];

export interface Options {
  only: string[] | null;
  backend: string;
  port: number;
  build: boolean;
  /** Overrides for quick trials; results are then not comparable with the seed's. */
  epochs: number | null;
  subset: number;
}

export function parseArgs(argv: string[]): Options {
  const o: Options = { only: null, backend: 'wasm', port: 4190, build: true, epochs: null, subset: 60_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const count = (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive whole number, not ${v}`);
      return n;
    };
    if (flag === '--only') o.only = value().split(',');
    else if (flag === '--backend') o.backend = value();
    else if (flag === '--port') o.port = count(value());
    else if (flag === '--no-build') o.build = false;
    else if (flag === '--epochs') o.epochs = count(value());
    else if (flag === '--subset') o.subset = count(value());
    else throw new Error(`Unknown option ${flag}. Options: --only id[,id] --backend name --port n --no-build --epochs n --subset n`);
  }
  const known = NETWORKS.map((n) => n.id);
  const unknown = (o.only ?? []).filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new Error(`Unknown network ${unknown.join(', ')}; choose from ${known.join(', ')}.`);
  return o;
}

export interface Measured {
  presetId: string;
  epochs: number;
  testError: number | null;
  /** Training time in seconds (every epoch with its validation), as the app measures it. */
  seconds: number;
  examplesPerSecond: number | null;
  failure: string | null;
}

export function paramsOf(presetId: string): number {
  return analyze(findPreset(presetId)!.architecture).totals.params;
}

/** Within the seed's figure plus the tolerance (or, for our presets, at their target); null when no figure or no limit. */
export function verdict(network: Network, m: Measured): boolean | null {
  return m.testError === null || network.limit === null ? null : m.testError <= network.limit + 1e-9;
}

const pad = (s: string, n: number, right = false) => (right ? s.padStart(n) : s.padEnd(n));
const minutes = (s: number) => (s < 120 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(1)} min`);

export function table(rows: { network: Network; measured: Measured }[]): string {
  const head = ['network', 'params', 'epochs', 'seed', 'ours', 'diff', 'ok', 'time', 'ex/s'];
  const widths = [18, 9, 6, 6, 6, 6, 20, 10, 6];
  const lines = [head.map((h, i) => pad(h, widths[i]!, i > 0 && i < 6)).join('  ').trimEnd()];
  for (const { network, measured: m } of rows) {
    const ok = verdict(network, m);
    const limit = network.seedError !== null ? `≤ seed + ${TOLERANCE_POINTS}` : `≤ ${(network.limit ?? 0).toFixed(2)}%`;
    const okCell = m.testError === null ? `failed: ${m.failure ?? '?'}` : ok === null ? 'measured only' : `${ok ? 'yes' : 'NO'} (${limit})`;
    const cells = [
      network.id,
      paramsOf(network.presetId).toLocaleString('en-US'),
      String(m.epochs),
      network.seedError === null ? '—' : `${network.seedError.toFixed(2)}%`,
      m.testError === null ? 'n/a' : `${m.testError.toFixed(2)}%`,
      m.testError === null || network.seedError === null ? '' : `${m.testError - network.seedError >= 0 ? '+' : ''}${(m.testError - network.seedError).toFixed(2)}`,
      okCell,
      minutes(m.seconds),
      m.examplesPerSecond === null ? '' : String(Math.round(m.examplesPerSecond)),
    ];
    lines.push(cells.map((c, i) => pad(c, widths[i]!, i > 0 && i < 6)).join('  ').trimEnd());
  }
  return lines.join('\n');
}
