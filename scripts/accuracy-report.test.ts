// The accuracy benchmark's options, verdicts and table.
import { describe, expect, it } from 'vitest';
import { NETWORKS, parseArgs, table, verdict } from './accuracy-report';

const mlp = NETWORKS.find((n) => n.presetId === 'seed-mlp')!;
const best = NETWORKS.find((n) => n.presetId === 'best')!;
const measured = (testError: number | null) => ({ presetId: 'seed-mlp', epochs: 10, testError, seconds: 312, examplesPerSecond: 2300, failure: testError === null ? 'timed out' : null });

describe('parseArgs', () => {
  it('defaults to every network on wasm, full data, with a build', () => {
    expect(parseArgs([])).toEqual({ only: null, backend: 'wasm', port: 4190, build: true, epochs: null, subset: 60000 });
  });

  it('runs one network at a time and refuses names it does not know', () => {
    expect(parseArgs(['--only', 'seed-mlp', '--no-build', '--port', '4284']).only).toEqual(['seed-mlp']);
    expect(() => parseArgs(['--only', 'seed-mpl'])).toThrow('Unknown network seed-mpl; choose from seed-mlp, seed-simple-cnn, seed-larger-cnn, best, fast, fashion-simple-cnn.');
    expect(() => parseArgs(['--epochs', '0'])).toThrow('--epochs needs a positive whole number, not 0');
    expect(() => parseArgs(['--fast'])).toThrow('Unknown option --fast');
  });
});

describe('verdict and table', () => {
  it('accepts up to 0.3 points above the seed, and best at 0.5% or less', () => {
    expect(verdict(mlp, measured(2.03))).toBe(true);
    expect(verdict(mlp, measured(2.04))).toBe(false);
    expect(verdict(mlp, measured(1.2))).toBe(true);
    expect(verdict(mlp, measured(null))).toBeNull();
    expect(verdict(best, { ...measured(0.5), presetId: 'best' })).toBe(true);
    expect(verdict(best, { ...measured(0.51), presetId: 'best' })).toBe(false);
  });

  it('holds fast to 1.00% test error (99% accuracy) and says so in the table', () => {
    const fast = NETWORKS.find((n) => n.presetId === 'fast')!;
    expect(verdict(fast, { ...measured(1.0), presetId: 'fast' })).toBe(true);
    expect(verdict(fast, { ...measured(1.01), presetId: 'fast' })).toBe(false);
    expect(table([{ network: fast, measured: { ...measured(0.93), presetId: 'fast', epochs: 2, seconds: 21 } }]).split('\n')[1]).toMatch(/^fast\s.*\s2\s+—\s+0\.93%\s+yes \(≤ 1\.00%\)\s+21 s/);
  });

  it('has a Fashion-MNIST row for the simple CNN, measured without a published figure to meet', () => {
    const fashion = NETWORKS.find((n) => n.id === 'fashion-simple-cnn')!;
    expect(fashion).toMatchObject({ presetId: 'seed-simple-cnn', dataset: 'fashion-mnist', epochs: 10, seedError: null, limit: null });
    const m = { ...measured(8.9), presetId: 'seed-simple-cnn' };
    expect(verdict(fashion, m)).toBeNull();
    expect(table([{ network: fashion, measured: m }]).split('\n')[1]).toMatch(/^fashion-simple-cnn\s+592,074\s+10\s+—\s+8\.90%\s+measured only/);
    expect(parseArgs(['--only', 'fashion-simple-cnn']).only).toEqual(['fashion-simple-cnn']);
  });

  it('prints each error beside the seed’s with the difference and the time', () => {
    const text = table([{ network: mlp, measured: measured(1.79) }, { network: mlp, measured: measured(null) }]);
    const [head, row, failed] = text.split('\n');
    expect(head).toMatch(/^network\s+params\s+epochs\s+seed\s+ours\s+diff\s+ok\s+time\s+ex\/s$/);
    expect(row).toMatch(/^seed-mlp\s+623,290\s+10\s+1\.73%\s+1\.79%\s+\+0\.06\s+yes \(≤ seed \+ 0\.3\)\s+5\.2 min\s+2300$/);
    expect(failed).toMatch(/n\/a .*failed: timed out/);
  });
});
