// The seed's results table, and rows for the user's runs to lay beside it.

import type { Architecture } from './architecture';
import { activeRegularizer, datasetOf } from './architecture';
import { analyze } from './analyze';
import type { DatasetId } from './datasets';
import { datasetInfo } from './datasets';
import { groupDigits } from './format';
import { optimizerSummary } from './optimizers';
import { findPreset, findPresetId } from './presets';
import type { TrainSettings } from './training';

/** The seed's figures: Keras, 10 epochs, batch 200, Adam, test set as validation, a 2016 CPU. */
export const SEED_RESULTS = [
  { presetId: 'seed-mlp', testError: 1.73, secondsPerEpoch: 8 },
  { presetId: 'seed-simple-cnn', testError: 1.0, secondsPerEpoch: 52 },
  { presetId: 'seed-larger-cnn', testError: 0.83, secondsPerEpoch: 59 },
] as const;

export const SEED_EPOCHS = 10;

export interface ResultRow {
  key: string;
  source: 'seed' | 'run';
  network: string;
  params: number;
  epochs: number;
  /** Percent of the 10,000 test digits misclassified. */
  testError: number;
  /** Training time in seconds, evaluation excluded. */
  seconds: number;
  /** How and where it was trained, in a few words. */
  detail: string;
  /** What it was trained and tested on: only MNIST's figures compare with the seed's. */
  dataset: DatasetId;
}

/** What the panel needs to know about one finished run (the current one now; a stored one later). */
export interface FinishedRun {
  id: string;
  architecture: Architecture;
  settings: TrainSettings;
  /** Epochs trained (fewer than settings.epochs when stopped early or by the user). */
  epochs: number;
  testError: number;
  seconds: number;
  backend: string | null;
  /** Set when early stopping ended the run and put this epoch's weights back. */
  bestEpoch?: number;
}

const paramsOf = (arch: Architecture) => analyze(arch).totals.params;

export function seedRows(): ResultRow[] {
  return SEED_RESULTS.map((r) => {
    const preset = findPreset(r.presetId)!;
    return {
      key: `seed:${r.presetId}`,
      source: 'seed',
      network: preset.name,
      params: paramsOf(preset.architecture),
      epochs: SEED_EPOCHS,
      testError: r.testError,
      seconds: r.secondsPerEpoch * SEED_EPOCHS,
      detail: 'Keras, batch 200, Adam 0.001',
      dataset: 'mnist',
    };
  });
}

/** "batch 200, Adam 0.001, augmented (±2 px, ±10°, ±10%), cosine": the recipe in a line. */
export function recipeSummary(s: TrainSettings, noun = 'digit'): string {
  const parts = [`batch ${s.batchSize}`, optimizerSummary(s)];
  if (s.augment) parts.push(`augmented (±${s.shiftPixels} px, ±${s.rotationDegrees}°, ±${s.zoomPercent}%)`);
  if (s.schedule === 'step') parts.push(`×${s.stepFactor} every ${s.stepEvery} epochs`);
  if (s.schedule === 'cosine') parts.push('cosine decay');
  if (s.schedule === 'onecycle') parts.push('one-cycle');
  if (s.earlyStop) parts.push(`early stop (patience ${s.patience})`);
  if (s.subset < 60_000) parts.push(`${groupDigits(s.subset)} ${noun}s`);
  return parts.join(', ');
}

/** ", L2 0.0005 on 2 layers": the kernel regularisers of a network in a few words; empty without any. */
export function regularizerSummary(arch: Architecture): string {
  const regs = arch.layers.map(activeRegularizer).filter((r) => r !== null);
  if (regs.length === 0) return '';
  const kinds = [regs.some((r) => r.l1 !== 0) ? 'L1' : null, regs.some((r) => r.l2 !== 0) ? 'L2' : null].filter((k) => k !== null).join('+');
  const same = regs.every((r) => r.l1 === regs[0]!.l1 && r.l2 === regs[0]!.l2);
  const value = same ? ` ${[regs[0]!.l1, regs[0]!.l2].filter((v) => v !== 0).join('/')}` : '';
  return `, ${kinds}${value} on ${regs.length} layer${regs.length === 1 ? '' : 's'}`;
}

export function runRow(r: FinishedRun): ResultRow {
  const presetId = findPresetId(r.architecture);
  const stopped = r.bestEpoch !== undefined ? `, stopped early, weights of epoch ${r.bestEpoch}` : '';
  const dataset = datasetOf(r.architecture);
  const info = datasetInfo(dataset);
  const network = presetId ? findPreset(presetId)!.name : 'Your network';
  return {
    key: `run:${r.id}`,
    source: 'run',
    network: dataset === 'mnist' ? network : `${network} on ${info.name.replace(/^Your/, 'your')}`,
    params: paramsOf(r.architecture),
    epochs: r.epochs,
    testError: r.testError,
    seconds: r.seconds,
    detail: `${r.backend ?? 'browser'}, ${recipeSummary(r.settings, info.noun)}${regularizerSummary(r.architecture)}${stopped}`,
    dataset,
  };
}
