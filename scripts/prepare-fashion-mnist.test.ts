// Tests for the Fashion-MNIST build on the real files of the fashion-mnist package, and for loading its assets over HTTP.
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
import { FASHION_PIXELS, FASHION_SOURCE_FILES, TEST_PER_CLASS, classCounts } from '../src/data/fashion';
import { loadAssets } from '../src/data/load';
import { DATASETS } from '../src/model/datasets';
import { fashionAssetsUpToDate, fashionSourceDir, prepareFashionMnist } from './prepare-fashion-mnist';

const SOURCE_DIR = fashionSourceDir(fileURLToPath(new URL('..', import.meta.url)));
const ASSETS = DATASETS['fashion-mnist'].assets!;
const SOURCE = { manifestFormat: ASSETS.manifestFormat, cacheName: ASSETS.cacheName, title: 'Fashion-MNIST' };
const FAST = 1;

let tmp = '';
let prepared: { outDir: string; result: ReturnType<typeof prepareFashionMnist>; lines: string[] };
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'prepare-fashion-'));
  const outDir = join(tmp, 'out');
  const lines: string[] = [];
  prepared = { outDir, lines, result: prepareFashionMnist({ sourceDir: SOURCE_DIR, outDir, gzipLevel: FAST, log: (line) => lines.push(line) }) };
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const raw = (name: (typeof PART_NAMES)[number]) => gunzipSync(readFileSync(join(prepared.outDir, PART_FILES[name])));
const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');

describe('prepareFashionMnist on the real package', { timeout: 120_000 }, () => {
  it('finds what the README says: 7,000 images a class, 2 empty entries, 53 copies, one image with two labels', () => {
    const report = prepared.result.report!;
    expect(report.map((r) => r.read)).toEqual(new Array(10).fill(7000));
    expect(report.map((r) => r.empty)).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(report.reduce((sum, r) => sum + r.copies, 0)).toBe(53);
    // The same photo as a T-shirt/top (0) and as a Shirt (6): dropped from both.
    expect(report.map((r) => r.conflicts)).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    expect(report.reduce((sum, r) => sum + r.kept, 0)).toBe(69_945);
    expect(prepared.lines.find((line) => line.startsWith('all: '))).toBe('all: 70000 images (+2 empty entries), dropped 53 copies and 2 with two labels, kept 69945');
  });

  it('writes a manifest that describes the four parts exactly, with the split the registry states', () => {
    const manifest = parseManifest(JSON.parse(readFileSync(join(prepared.outDir, MANIFEST_FILE), 'utf8')), ASSETS.manifestFormat);
    for (const name of PART_NAMES) {
      const bytes = raw(name);
      expect(manifest.parts[name].rawBytes).toBe(bytes.byteLength);
      expect(manifest.parts[name].bytes).toBe(statSync(join(prepared.outDir, PART_FILES[name])).size);
      expect(manifest.parts[name].sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect([manifest.parts.trainImages.count, manifest.parts.testImages.count]).toEqual([DATASETS['fashion-mnist'].splits!.train, 10_000]);
    expect(Object.keys(manifest.source).sort()).toEqual([...FASHION_SOURCE_FILES].sort());
  });

  it('holds 1,000 test images of each class, every image once, none in both splits, all from the package', () => {
    const testLabels = raw('testLabels');
    expect(classCounts(testLabels)).toEqual(new Array(10).fill(TEST_PER_CLASS));
    const trainImages = raw('trainImages');
    const testImages = raw('testImages');
    const hashes = new Set<string>();
    for (const images of [trainImages, testImages]) {
      for (let i = 0; i < images.byteLength; i += FASHION_PIXELS) hashes.add(sha1(images.subarray(i, i + FASHION_PIXELS)));
    }
    expect(hashes.size).toBe(69_945);
    // The test set is the last 1,000 kept images of each class: the package's very last image of
    // class 9 is a test image labelled 9, and its first is in the training set.
    const boots = (JSON.parse(readFileSync(join(SOURCE_DIR, '9.json'), 'utf8')) as { data: number[][] }).data;
    const find = (images: Uint8Array, pixels: number[]) => {
      const want = sha1(Uint8Array.from(pixels));
      for (let i = 0; i < images.byteLength / FASHION_PIXELS; i++) if (sha1(images.subarray(i * FASHION_PIXELS, (i + 1) * FASHION_PIXELS)) === want) return i;
      return -1;
    };
    const last = find(testImages, boots.at(-1)!);
    expect(last).toBeGreaterThanOrEqual(0);
    expect(testLabels[last]).toBe(9);
    expect(find(testImages, boots[0]!)).toBe(-1);
    expect(raw('trainLabels')[find(trainImages, boots[0]!)]).toBe(9);
  });

  it('skips the work when up to date, and rebuilds when the split rule or a source changed', () => {
    const warm: string[] = [];
    expect(prepareFashionMnist({ sourceDir: SOURCE_DIR, outDir: prepared.outDir, log: (line) => warm.push(line) }).skipped).toBe(true);
    expect(warm).toEqual([expect.stringMatching(/up to date \(\d+\.\d\d MB in 4 files\)$/)]);

    const copy = join(tmp, 'stale');
    cpSync(prepared.outDir, copy, { recursive: true });
    const manifestPath = join(copy, MANIFEST_FILE);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { split: string; source: Record<string, { bytes: number }> };
    expect(fashionAssetsUpToDate(SOURCE_DIR, copy)).toBe(true);
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, split: 'an older rule' }));
    expect(fashionAssetsUpToDate(SOURCE_DIR, copy)).toBe(false);
    manifest.source['4.json']!.bytes += 1;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    expect(fashionAssetsUpToDate(SOURCE_DIR, copy)).toBe(false);
    manifest.source['4.json']!.bytes -= 1;
    writeFileSync(manifestPath, JSON.stringify(manifest));
    rmSync(join(copy, PART_FILES.testImages));
    expect(fashionAssetsUpToDate(SOURCE_DIR, copy)).toBe(false);
  });

  it('refuses a class file with a bad pixel or a missing file, writing no manifest', () => {
    const dir = join(tmp, 'bad-source');
    mkdirSync(dir);
    for (const file of FASHION_SOURCE_FILES) if (file !== '7.json') symlinkSync(join(SOURCE_DIR, file), join(dir, file));
    const sneakers = JSON.parse(readFileSync(join(SOURCE_DIR, '7.json'), 'utf8')) as { data: number[][] };
    sneakers.data[12]![400] = 300;
    writeFileSync(join(dir, '7.json'), JSON.stringify(sneakers));
    const out = join(tmp, 'bad-out');
    expect(() => prepareFashionMnist({ sourceDir: dir, outDir: out })).toThrow('7.json: entry 12 pixel 400 is 300, expected a whole number 0..255');
    expect(existsSync(join(out, MANIFEST_FILE))).toBe(false);
    rmSync(join(dir, '7.json'));
    expect(() => prepareFashionMnist({ sourceDir: dir, outDir: out })).toThrow(/^7\.json: expected the file .+, found nothing/);
  });
});

describe('loadAssets over HTTP on the Fashion-MNIST assets', { timeout: 60_000 }, () => {
  const overrides = new Map<string, Uint8Array>();
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      const name = (request.url ?? '').replace(/^\/data\/fashion-mnist\//, '');
      const path = join(prepared.outDir, name);
      if (!overrides.has(name) && !existsSync(path)) {
        response.writeHead(404).end();
        return;
      }
      const body = overrides.get(name) ?? readFileSync(path);
      response.writeHead(200, { 'Content-Length': body.byteLength }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data/fashion-mnist/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('returns the verified split', async () => {
    overrides.clear();
    const data = await loadAssets(base, SOURCE, () => {}, { cacheStorage: null });
    expect([data.trainCount, data.testCount]).toEqual([59_945, 10_000]);
    expect(classCounts(data.testLabels)).toEqual(new Array(10).fill(1000));
    expect(Buffer.compare(data.trainImages, raw('trainImages'))).toBe(0);
  });

  it('names the Fashion-MNIST file that is wrong, and refuses MNIST’s manifest in its place', async () => {
    overrides.clear();
    const labels = raw('testLabels');
    [labels[0], labels[1]] = [(labels[0]! + 1) % 10, labels[1]!];
    overrides.set(PART_FILES.testLabels, gzipSync(labels));
    await expect(loadAssets(base, SOURCE, () => {}, { cacheStorage: null })).rejects.toThrow(
      'The Fashion-MNIST test labels (test-labels.u8.gzip) are corrupted: checksum mismatch. Retry to download them again.',
    );
    overrides.clear();
    const mnistManifest = JSON.parse(readFileSync(join(prepared.outDir, MANIFEST_FILE), 'utf8')) as Record<string, unknown>;
    overrides.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify({ ...mnistManifest, format: 'cnn-playground/mnist' })));
    await expect(loadAssets(base, SOURCE, () => {}, { cacheStorage: null })).rejects.toThrow('is not valid: not a cnn-playground/fashion-mnist manifest');
  });
});
