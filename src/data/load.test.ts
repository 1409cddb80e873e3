// Tests for the MNIST loader: pure checks, decoding, and loadMnist against an in-memory server and cache.
// (Over real HTTP with the real assets: scripts/prepare-mnist.test.ts.)
import { describe, expect, it } from 'vitest';
import { MANIFEST_FORMAT, MANIFEST_VERSION, PART_FILES, PART_NAMES } from './assets';
import type { Manifest, PartEntry, PartName } from './assets';
import {
  cacheKey,
  CACHE_NAME,
  checkDigest,
  checkRawLength,
  corruptedMessage,
  createProgressTracker,
  decodePart,
  incompleteMessage,
  loadMnist,
  toHex,
} from './load';
import type { LoadOptions, LoadProgress } from './load';

type Bytes = Uint8Array<ArrayBuffer>;

const gzip = async (bytes: Bytes): Promise<Bytes> =>
  new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
const sha256 = async (bytes: Bytes): Promise<string> => toHex(await crypto.subtle.digest('SHA-256', bytes));
const pattern = (length: number, seed: number): Bytes => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);

const BASE = 'http://mnist.test/data/';

interface Site {
  manifest: Manifest;
  raw: Record<PartName, Bytes>;
  /** Served files by name: bytes, an HTTP status to answer with, or a whole response. */
  files: Map<string, Bytes | number | (() => Response)>;
}

/** A small dataset (12 training, 5 test images) laid out exactly as the build script writes it. */
async function makeSite(): Promise<Site> {
  const counts: Record<PartName, number> = { trainImages: 12 * 784, trainLabels: 12, testImages: 5 * 784, testLabels: 5 };
  const raw = Object.fromEntries(PART_NAMES.map((name, i) => [name, pattern(counts[name], i)])) as Record<PartName, Bytes>;
  const files = new Map<string, Bytes | number | (() => Response)>();
  const entries = {} as Record<PartName, PartEntry>;
  for (const name of PART_NAMES) {
    const compressed = await gzip(raw[name]);
    files.set(PART_FILES[name], compressed);
    const count = name.endsWith('Images') ? counts[name] / 784 : counts[name];
    entries[name] = { file: PART_FILES[name], count, bytes: compressed.byteLength, rawBytes: raw[name].byteLength, sha256: await sha256(raw[name]) };
  }
  const source = Object.fromEntries(PART_NAMES.map((name) => [name, { file: name, bytes: 1 }])) as Manifest['source'];
  const manifest: Manifest = { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, parts: entries, source };
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
  return { manifest, raw, files };
}

/** A fetch that serves `site.files` in 1000-byte chunks and records the files asked for. */
function server(site: Site) {
  const requests: string[] = [];
  let online = true;
  const fetchFn: typeof fetch = async (input) => {
    if (!online) throw new TypeError('fetch failed');
    const name = String(input).replace(BASE, '');
    requests.push(name);
    const file = site.files.get(name) ?? 404;
    if (typeof file === 'function') return file();
    if (typeof file === 'number') return new Response(null, { status: file, statusText: file === 404 ? 'Not Found' : '' });
    let offset = 0;
    const body = new ReadableStream<Bytes>({
      pull(controller) {
        if (offset >= file.byteLength) return controller.close();
        controller.enqueue(file.slice(offset, offset + 1000));
        offset += 1000;
      },
    });
    return new Response(body);
  };
  return { fetch: fetchFn, requests, setOnline: (value: boolean) => (online = value) };
}

/** Cache Storage in memory, with the few methods the loader uses. */
class MemoryCache {
  readonly entries = new Map<string, Bytes>();
  async match(key: RequestInfo | URL): Promise<Response | undefined> {
    const bytes = this.entries.get(String(key));
    return bytes && new Response(bytes.slice());
  }
  async put(key: RequestInfo | URL, response: Response): Promise<void> {
    this.entries.set(String(key), new Uint8Array(await response.arrayBuffer()));
  }
  async delete(key: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(key instanceof Request ? key.url : String(key));
  }
  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((key) => new Request(key));
  }
}

function memoryCacheStorage() {
  const caches = new Map<string, MemoryCache>();
  const storage = {
    async open(name: string) {
      if (!caches.has(name)) caches.set(name, new MemoryCache());
      return caches.get(name)!;
    },
  };
  return { storage: storage as unknown as CacheStorage, cache: () => caches.get(CACHE_NAME)! };
}

const partKey = (site: Site, name: PartName) => cacheKey(BASE + site.manifest.parts[name].file, site.manifest.parts[name].sha256);

async function load(fetchFn: typeof fetch, options: LoadOptions = {}) {
  const reports: LoadProgress[] = [];
  const data = await loadMnist(BASE, (p) => reports.push(p), { cacheStorage: null, fetch: fetchFn, progressIntervalMs: 0, ...options });
  return { data, reports };
}

function expectData(site: Site, data: Awaited<ReturnType<typeof loadMnist>>): void {
  for (const name of PART_NAMES) expect(data[name]).toEqual(site.raw[name]);
  expect([data.trainCount, data.testCount]).toEqual([12, 5]);
}

const entry: PartEntry = { file: 'train-images.u8.gzip', count: 2, bytes: 100, rawBytes: 1568, sha256: 'ab'.repeat(32) };

describe('messages and checks', () => {
  it('name the part and tell the user what to do', () => {
    expect(corruptedMessage('trainImages', entry, 'checksum mismatch')).toBe(
      'The training images (train-images.u8.gzip) are corrupted: checksum mismatch. Retry to download them again.',
    );
    expect(() => checkDigest('trainImages', entry, 'cd'.repeat(32))).toThrow(
      'The training images (train-images.u8.gzip) are corrupted: checksum mismatch. Retry to download them again.',
    );
    expect(() => checkDigest('trainImages', entry, 'ab'.repeat(32))).not.toThrow();
    expect(() => checkRawLength('testLabels', { ...entry, file: 'test-labels.u8.gzip' }, 1567)).toThrow(
      'The test labels (test-labels.u8.gzip) are corrupted: expected 1568 bytes after decompression, found 1567. Retry to download them again.',
    );
    expect(incompleteMessage('trainImages', entry, 3)).toBe(
      'The training images (train-images.u8.gzip) are incomplete: received 3 of 100 bytes. Retry to download them again.',
    );
  });

  it('key cached parts by URL and hash', () => {
    expect(cacheKey('http://x/data/a.gz', 'ff')).toBe('http://x/data/a.gz?sha256=ff');
    expect(cacheKey('http://x/a.gz?v=1', 'ff')).toBe('http://x/a.gz?v=1&sha256=ff');
  });
});

describe('createProgressTracker', () => {
  const manifest = { parts: Object.fromEntries(PART_NAMES.map((name) => [name, { ...entry, bytes: 100 }])) } as unknown as Manifest;

  it('sums the parts, clamps each to its size and reports at most once per interval', () => {
    let time = 0;
    const reports: LoadProgress[] = [];
    const tracker = createProgressTracker(manifest, (p) => reports.push(p), 200, () => time);
    tracker.flush();
    tracker.set('trainImages', 50);
    time = 150;
    tracker.set('trainImages', 80); // within 200 ms of the last report: held back
    time = 250;
    tracker.set('trainLabels', 500); // clamped to the part's 100 bytes
    tracker.set('trainImages', 0); // a refetch starts the part again
    tracker.flush();
    expect(reports).toEqual([
      { loadedBytes: 0, totalBytes: 400 },
      { loadedBytes: 180, totalBytes: 400 },
      { loadedBytes: 100, totalBytes: 400 },
    ]);
  });
});

describe('decodePart', () => {
  it('returns the raw bytes of a good payload, gzip or already decompressed', async () => {
    const raw = pattern(1568, 7);
    const good = { ...entry, rawBytes: 1568, sha256: await sha256(raw) };
    const compressed = await gzip(raw);
    expect(await decodePart('trainImages', { ...good, bytes: compressed.byteLength }, compressed)).toEqual(raw);
    expect(await decodePart('trainImages', { ...good, bytes: compressed.byteLength }, raw.slice())).toEqual(raw);
  });

  it('rejects damaged, wrong, short, long and foreign payloads with a message naming the file', async () => {
    const raw = pattern(1568, 7);
    const compressed = await gzip(raw);
    const good = { ...entry, bytes: compressed.byteLength, rawBytes: 1568, sha256: await sha256(raw) };
    const damaged = compressed.slice();
    damaged[damaged.length - 6]! ^= 0xff; // gzip's CRC-32 of the contents
    await expect(decodePart('trainImages', good, damaged)).rejects.toThrow(
      /^The training images \(train-images\.u8\.gzip\) are corrupted: they could not be decompressed \(.+\)\. Retry to download them again\.$/,
    );
    // Another file that decompresses cleanly is wrong, not incomplete, even though it is shorter.
    const other = await gzip(new Uint8Array(1568));
    expect(other.byteLength).toBeLessThan(good.bytes);
    await expect(decodePart('trainImages', good, other)).rejects.toThrow(
      'The training images (train-images.u8.gzip) are corrupted: checksum mismatch. Retry to download them again.',
    );
    await expect(decodePart('trainImages', good, compressed.slice(0, 20))).rejects.toThrow(`are incomplete: received 20 of ${compressed.byteLength} bytes`);
    await expect(decodePart('trainImages', { ...good, bytes: 0 }, await gzip(pattern(1000, 7)))).rejects.toThrow(
      'expected 1568 bytes after decompression, found 1000',
    );
    await expect(decodePart('trainImages', { ...good, bytes: 0 }, await gzip(pattern(2000, 7)))).rejects.toThrow(
      'expected 1568 bytes after decompression, found more',
    );
    await expect(decodePart('trainImages', good, new TextEncoder().encode('<!doctype html>'))).rejects.toThrow('are corrupted: this is not a gzip file');
  });
});

describe('loadMnist', () => {
  it('downloads, verifies and returns the four parts with progress in compressed bytes', async () => {
    const site = await makeSite();
    const { fetch } = server(site);
    const { data, reports } = await load(fetch);
    expectData(site, data);
    expect(data.fromCache).toBe(false);
    const total = PART_NAMES.reduce((sum, name) => sum + site.manifest.parts[name].bytes, 0);
    expect(reports[0]).toEqual({ loadedBytes: 0, totalBytes: total });
    expect(reports.at(-1)).toEqual({ loadedBytes: total, totalBytes: total });
    expect(reports.length).toBeGreaterThan(PART_NAMES.length); // several chunks of the images
    reports.slice(1).forEach((report, i) => expect(report.loadedBytes).toBeGreaterThanOrEqual(reports[i]!.loadedBytes));
  });

  it('throttles progress to the interval', async () => {
    const site = await makeSite();
    const { reports } = await load(server(site).fetch, { progressIntervalMs: 200, now: () => 0 });
    expect(reports.map((r) => r.loadedBytes)).toEqual([0, reports[0]!.totalBytes]);
  });

  it('accepts a base URL without a trailing slash', async () => {
    const site = await makeSite();
    const data = await loadMnist(BASE.slice(0, -1), () => {}, { cacheStorage: null, fetch: server(site).fetch });
    expectData(site, data);
  });

  it('loads a second time from the cache, and offline', async () => {
    const site = await makeSite();
    const { fetch, requests, setOnline } = server(site);
    const { storage, cache } = memoryCacheStorage();
    await load(fetch, { cacheStorage: storage });
    expect(cache().entries.size).toBe(5); // manifest + four parts

    requests.length = 0;
    const second = await load(fetch, { cacheStorage: storage });
    expectData(site, second.data);
    expect(second.data.fromCache).toBe(true);
    expect(requests).toEqual(['manifest.json']);
    expect(second.reports.at(-1)?.loadedBytes).toBe(second.reports.at(-1)?.totalBytes);

    setOnline(false);
    const offline = await load(fetch, { cacheStorage: storage });
    expectData(site, offline.data);
    expect(offline.data.fromCache).toBe(true);
  });

  it('deletes a cached part that fails verification and downloads it once more', async () => {
    const site = await makeSite();
    const { fetch, requests } = server(site);
    const { storage, cache } = memoryCacheStorage();
    await load(fetch, { cacheStorage: storage });
    const key = partKey(site, 'testImages');
    cache().entries.get(key)!.fill(0, 10, 30);

    requests.length = 0;
    const { data } = await load(fetch, { cacheStorage: storage });
    expectData(site, data);
    expect(data.fromCache).toBe(false);
    expect(requests).toEqual(['manifest.json', 'test-images.u8.gzip']);
    expect(cache().entries.get(key)).toEqual(site.files.get('test-images.u8.gzip'));
  });

  it('drops a damaged cached part even when it cannot be downloaded again', async () => {
    const site = await makeSite();
    const { fetch, setOnline } = server(site);
    const { storage, cache } = memoryCacheStorage();
    await load(fetch, { cacheStorage: storage });
    const key = partKey(site, 'trainLabels');
    cache().entries.get(key)!.fill(0);
    setOnline(false);
    await expect(load(fetch, { cacheStorage: storage })).rejects.toThrow(
      'Could not download the training labels (train-labels.u8.gzip): the request failed (fetch failed). Check the connection and retry.',
    );
    expect(cache().entries.has(key)).toBe(false);
  });

  it('fails with a clear message on a corrupted download and does not cache it', async () => {
    const site = await makeSite();
    site.files.set('train-labels.u8.gzip', await gzip(pattern(12, 99)));
    const { storage, cache } = memoryCacheStorage();
    await expect(load(server(site).fetch, { cacheStorage: storage })).rejects.toThrow(
      'The training labels (train-labels.u8.gzip) are corrupted: checksum mismatch. Retry to download them again.',
    );
    expect(cache().entries.has(partKey(site, 'trainLabels'))).toBe(false);
    expect(cache().entries.has(partKey(site, 'trainImages'))).toBe(true); // verified before the failure
  });

  it('fails with a clear message on a missing part, a missing manifest or no network', async () => {
    const site = await makeSite();
    const { fetch, setOnline } = server(site);
    site.files.set('test-images.u8.gzip', 404);
    await expect(load(fetch)).rejects.toThrow(
      'Could not download the test images (test-images.u8.gzip): the server answered 404 Not Found. Check the connection and retry.',
    );
    site.files.set('manifest.json', 404);
    await expect(load(fetch)).rejects.toThrow('Could not download the MNIST manifest (manifest.json): the server answered 404 Not Found.');
    setOnline(false);
    await expect(load(fetch)).rejects.toThrow('Could not download the MNIST manifest (manifest.json): the request failed (fetch failed).');
  });

  it('accepts a part the host sent with Content-Encoding, counting progress in wire bytes', async () => {
    const site = await makeSite();
    site.files.set(PART_FILES.trainImages, site.raw.trainImages); // as fetch hands it over, inflated
    const { data, reports } = await load(server(site).fetch);
    expectData(site, data);
    const { bytes, rawBytes } = site.manifest.parts.trainImages;
    expect(reports[1]?.loadedBytes).toBe(Math.round((1000 * bytes) / rawBytes));
    expect(reports.at(-1)?.loadedBytes).toBe(reports.at(-1)?.totalBytes);
  });

  it('says the files are missing when the server answers with a web page', async () => {
    const site = await makeSite();
    const page = () => new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } });
    site.files.set(PART_FILES.testLabels, page);
    await expect(load(server(site).fetch)).rejects.toThrow(
      'Could not download the test labels (test-labels.u8.gzip): the server sent a web page instead. The dataset files are probably missing from the server.',
    );
    site.files.set('manifest.json', page);
    await expect(load(server(site).fetch)).rejects.toThrow('Could not download the MNIST manifest (manifest.json): the server sent a web page instead.');
  });

  it('explains a manifest that is not one', async () => {
    const site = await makeSite();
    site.files.set('manifest.json', new TextEncoder().encode('{"format": "something else"}'));
    await expect(load(server(site).fetch)).rejects.toThrow(
      /^The MNIST manifest \(http:\/\/mnist\.test\/data\/manifest\.json\) is not valid: .+\. The data assets may be missing from the server\.$/,
    );
  });

  it('removes cache entries of an earlier dataset', async () => {
    const site = await makeSite();
    const { storage, cache } = memoryCacheStorage();
    const stale = cacheKey(`${BASE}train-images.u8.gzip`, '0'.repeat(64));
    (await storage.open(CACHE_NAME)).put(stale, new Response('old'));
    await load(server(site).fetch, { cacheStorage: storage });
    expect(cache().entries.has(stale)).toBe(false);
    expect(cache().entries.has(partKey(site, 'trainImages'))).toBe(true);
  });

  it('loads without caching when Cache Storage refuses to open', async () => {
    const site = await makeSite();
    const refusing = { open: () => Promise.reject(new DOMException('blocked', 'SecurityError')) } as unknown as CacheStorage;
    const { data } = await load(server(site).fetch, { cacheStorage: refusing });
    expectData(site, data);
  });
});
