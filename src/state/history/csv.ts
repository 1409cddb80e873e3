// The run history as CSV (RFC 4180): one row per run, quoted where needed, safe to open in a spreadsheet.

import { serializeArchitecture } from '../../model/parse';
import type { RunRecord } from './record';
import { layerSummary } from './record';
import { FIELD_LABEL, nonDefaultOptions } from '../../model/optimizers';

export type Cell = string | number | null | undefined;

/**
 * One CSV field. Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe; fields with commas, quotes, line breaks or edge spaces are quoted, quotes doubled.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const round = (v: number | null | undefined, digits: number) => (v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));

const COLUMNS: readonly [string, (r: RunRecord) => Cell][] = [
  ['run', (r) => r.number],
  ['network', (r) => r.name],
  ['started', (r) => new Date(r.startedAt).toISOString()],
  ['outcome', (r) => r.outcome],
  ['layers', (r) => layerSummary(r.architecture)],
  ['parameters', (r) => r.params],
  ['connections', (r) => r.connections],
  ['epochs', (r) => r.epochs.length],
  ['batch_size', (r) => r.settings.batchSize],
  ['optimizer', (r) => r.settings.optimizer],
  ['learning_rate', (r) => r.settings.learningRate],
  ['optimizer_settings', (r) => nonDefaultOptions(r.settings).map(([f, v]) => `${FIELD_LABEL[f].keras}=${String(v)}`).join(' ')],
  ['training_examples', (r) => r.settings.subset],
  ['validation', (r) => r.settings.validation],
  ['seed', (r) => r.settings.seed],
  ['backend', (r) => r.backend],
  ['seconds_per_epoch', (r) => round(r.secondsPerEpoch, 2)],
  ['examples_per_second', (r) => round(r.epochs.at(-1)?.examplesPerSecond, 0)],
  ['loss', (r) => round(r.epochs.at(-1)?.loss, 4)],
  ['acc', (r) => round(r.epochs.at(-1)?.acc, 4)],
  ['val_loss', (r) => round(r.epochs.at(-1)?.val_loss, 4)],
  ['val_acc', (r) => round(r.epochs.at(-1)?.val_acc, 4)],
  ['best_val_acc', (r) => round(r.bestValAcc, 4)],
  ['test_error_percent', (r) => round(r.testError, 2)],
  ['val_acc_per_epoch', (r) => r.epochs.map((e) => e.val_acc.toFixed(4)).join(' ')],
  ['message', (r) => r.message],
  ['architecture_json', (r) => serializeArchitecture(r.architecture)],
];

export function historyCsv(runs: readonly RunRecord[]): string {
  return toCsv(
    COLUMNS.map(([name]) => name),
    runs.map((r) => COLUMNS.map(([, get]) => get(r))),
  );
}
