// A full disk without root: IndexedDB (fake-indexeddb) aborts writes past a byte budget with the
// browser's QuotaExceededError; saving explains it, leaves no half model, and loses nothing saved.
import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPreset } from '../model/presets';
import { dbAll, dbPut, STORES, StorageError } from './db';
import { refreshModels, saveModel } from './models';
import { resetStore, useAppStore } from './store';

/** Bytes the fake disk still takes; writes that would go past it abort the transaction. */
const disk = { left: Infinity, error: 'QuotaExceededError' as 'QuotaExceededError' | 'UnknownError' };
const put = IDBObjectStore.prototype.put;

function sizeOf(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + sizeOf(v), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + sizeOf(v), 0);
  return String(value).length;
}

beforeEach(() => {
  resetStore();
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const request = put.call(this, value, key);
    const bytes = sizeOf(value);
    if (bytes > disk.left) {
      // As Chromium does when the origin's quota (or the disk) is exhausted: the transaction aborts.
      (this.transaction as unknown as { _abort(name: string): void })._abort(disk.error);
    } else {
      disk.left -= bytes;
    }
    return request;
  } as typeof put;
});
afterEach(() => {
  IDBObjectStore.prototype.put = put;
  disk.left = Infinity;
});

const mlp = () => findPreset('seed-mlp')!.architecture;
const weights = () => {
  const shapes = [[784, 784], [784], [784, 10], [10]];
  return { architecture: mlp(), epochsDone: 1, values: shapes.map((s) => new Float32Array(s.reduce((a, b) => a * b, 1)).fill(0.01)), shapes, savedAt: 1 };
};

describe('a full disk', () => {
  it('is explained in words, as a quota error or as a failed write', async () => {
    disk.left = 10;
    await expect(dbPut(STORES.state, 'x', { text: 'more than ten bytes' })).rejects.toThrow(new StorageError("The browser's storage is full, so saving state failed. Delete saved models you no longer need, then try again.", true));
    disk.error = 'UnknownError';
    await expect(dbPut(STORES.state, 'x', { text: 'more than ten bytes' })).rejects.toMatchObject({ quota: false });
    disk.error = 'QuotaExceededError';
  });

  it('a model that does not fit leaves no half model and loses none saved before', async () => {
    const first = await saveModel('First', mlp(), weights());
    disk.left = 3_000_000; // room for the weights of one more model (2.5 MB), not of two
    const second = await saveModel('Second', mlp(), weights());
    await expect(saveModel('Third', mlp(), weights())).rejects.toMatchObject({ quota: true });
    await refreshModels();
    expect(useAppStore.getState().models.map((m) => m.name).sort()).toEqual(['First', 'Second']);
    // No weights without a model to list them: the third's weights were never stored.
    const stored = await dbAll<{ values: Float32Array[] }>(STORES.weights);
    expect(stored).toHaveLength(2);
    expect(new Set([first.id, second.id]).size).toBe(2);
  });

  it('when the listing fails after the weights were written, the weights are taken back', async () => {
    const before = (await dbAll(STORES.weights)).length;
    // Room for the weights (2.5 MB) but not for the entry that lists them.
    disk.left = weights().values.reduce((n, v) => n + v.byteLength, 0) + 20;
    await expect(saveModel('Tight', mlp(), weights())).rejects.toMatchObject({ quota: true });
    await refreshModels();
    expect(useAppStore.getState().models.map((m) => m.name)).not.toContain('Tight');
    expect((await dbAll(STORES.weights)).length).toBe(before);
  });
});
