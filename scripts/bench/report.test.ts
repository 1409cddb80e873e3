// The benchmark's printed time-to-99% section: median with min and max, held-out thresholds, the reference figures.
import { describe, expect, it } from 'vitest';
import type { BenchReport } from './report';
import { formatReport, medianOf } from './report';
import type { RunTo99 } from './timeTo99';
import { passedAt } from './timeTo99';

const epochs = [
  { epoch: 1, seconds: 6.1, valAcc: 0.9732 },
  { epoch: 2, seconds: 11.0, valAcc: 0.9872 },
  { epoch: 3, seconds: 16.2, valAcc: 0.9907 },
];
const run = (seconds: number | string, testError: number | null): RunTo99 => ({
  seconds,
  testError,
  epochs,
  passed98: passedAt(epochs, 0.98),
  passed992: passedAt(epochs, 0.992),
  backend: 'wasm',
  longestTaskMs: 12,
});

const report = (to99: RunTo99[]): BenchReport => ({
  date: '2026-12-02',
  machine: { cores: 2, cpu: 'AMD EPYC', chromium: '156', gpu: 'no GPU backend' },
  batchSize: 200,
  rows: [
    { network: 'seed-simple-cnn', backend: 'wasm', app: 4139, stock: 'fails', examples: 3600, backendText: '', longestTaskMs: 0, framesPerSecond: 60 },
    { network: 'seed-simple-cnn', backend: 'webgl', app: 120, stock: 103, examples: 900, backendText: '', longestTaskMs: 0, framesPerSecond: 60 },
  ],
  firstMetricMs: { cold: 900, cached: 500, backend: 'wasm', network: 'seed-simple-cnn' },
  longestTaskMs: 0,
  framesPerSecond: 60,
  predictionMs: 17,
  predictionTrainingMs: 16,
  to99,
  evaluationSeconds: 0.956,
  load: null,
  loadAverage: '0.10, 0.20, 0.30',
});

describe('the time-to-99% section', () => {
  it('finds when the held-out accuracy first passed a threshold, or that it did not', () => {
    expect(passedAt(epochs, 0.98)).toBe(11.0);
    expect(passedAt(epochs, 0.992)).toBeNull();
    expect(medianOf([26.2, 17.1, 17.4])).toEqual({ median: 17.4, min: 17.1, max: 26.2 });
    expect(medianOf([])).toBeNull();
  });

  it('prints each run, the median with min and max beside the reference figures, and how many reached 99%', () => {
    const text = formatReport(report([run(26.2, 0.83), run(17.1, 1.02), run('fails (diverged)', null)]));
    expect(text).toContain('| 1 | 26.2 s | 99.17% | 11.0 s | not reached | 1: 97.32% at 6.1 s; 2: 98.72% at 11.0 s; 3: 99.07% at 16.2 s | 12 ms | wasm |');
    expect(text).toContain('| 3 | fails (diverged) | — |');
    expect(text).toMatch(/Median 26\.2 s \(min 17\.1 s, max 26\.2 s\) over 3 runs, 1 of them at 99\.0% or better; the seed's Keras needed about 355 s, the best preset about 220 s/);
    // The simple CNN on wasm against stock tfjs's best backend for it in the same run.
    expect(text).toContain('seed-simple-cnn: app on wasm 4,139 ex/s is 40.2× stock tfjs\'s best here (webgl, 103 ex/s)');
    expect(text).toContain('| Stroke end → prediction while the simple CNN trains (wasm, median of 5) | 16 ms |');
    expect(text).toContain('| Scoring the 10,000 test digits, simple CNN on wasm (median of 3) | 956 ms |');
    expect(text).toContain('load average at the end 0.10, 0.20, 0.30');
  });
});
