// Downloads, verifies and caches a built-in dataset's assets (MNIST's by default); runs inside the training worker (no DOM).

import { MANIFEST_FILE, MANIFEST_FORMAT, PART_NAMES, PART_TITLES, parseManifest } from './assets';
import type { Manifest, PartEntry, PartName } from './assets';

export interface LoadProgress {
  /** Compressed bytes received (or found in the cache) so far. */
  loadedBytes: number;
  /** Compressed size of all four parts, from the manifest. */
  totalBytes: number;
}

/** Which dataset's assets to load: what its manifest says it is, its cache, and its name in messages. */
export interface AssetSource {
  /** The `format` of its manifest.json. */
  manifestFormat: string;
  /** Cache Storage bucket of its verified files; each dataset has its own, so pruning one keeps the others. */
  cacheName: string;
  /** "MNIST", "Fashion-MNIST": how messages name the dataset. */
  title: string;
}

export interface MnistData {
  /** trainCount × 28 × 28 pixels, 0..255, row-major. */
  trainImages: Uint8Array;
  /** trainCount digits 0..9. */
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
  trainCount: number;
  testCount: number;
  /** Every part came from Cache Storage, none over the network. */
  fromCache: boolean;
}

export interface LoadOptions {
  /** Where verified downloads are kept; null disables caching. Defaults to `caches` if present. */
  cacheStorage?: CacheStorage | null;
  fetch?: typeof fetch;
  /** Shortest time between two progress reports. */
  progressIntervalMs?: number;
  now?: () => number;
}

/** Bump the version when the asset layout changes, so old entries are never read. */
export const CACHE_NAME = 'mnist-v1';

export const MNIST_SOURCE: AssetSource = { manifestFormat: MANIFEST_FORMAT, cacheName: CACHE_NAME, title: 'MNIST' };

/** Messages name MNIST's parts as they always have ("the training images"), other datasets' with their name. */
const partTitle = (name: PartName, dataset: string) => (dataset === 'MNIST' || dataset === '' ? PART_TITLES[name] : `${dataset} ${PART_TITLES[name]}`);
const DEFAULT_PROGRESS_INTERVAL_MS = 200;

type Bytes = Uint8Array<ArrayBuffer>;

// ---------------------------------------------------------------------------------------------
// Pure helpers: messages, checks and progress accounting.

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** "The training images (train-images.u8.gzip)": how messages name a part. */
export function describePart(name: PartName, entry: PartEntry, dataset = ''): string {
  return `The ${partTitle(name, dataset)} (${entry.file})`;
}

export function corruptedMessage(name: PartName, entry: PartEntry, reason: string, dataset = ''): string {
  return `${describePart(name, entry, dataset)} are corrupted: ${reason}. Retry to download them again.`;
}

export function downloadFailedMessage(what: string, reason: string, advice = 'Check the connection and retry.'): string {
  return `Could not download ${what}: ${reason}. ${advice}`;
}

/** The key a verified part is cached under; the hash in it makes a new dataset miss the cache. */
export function cacheKey(url: string, sha256: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}sha256=${sha256}`;
}

const partUrl = (base: string, entry: PartEntry): string => new URL(entry.file, base).href;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function incompleteMessage(name: PartName, entry: PartEntry, received: number, dataset = ''): string {
  return `${describePart(name, entry, dataset)} are incomplete: received ${received} of ${entry.bytes} bytes. Retry to download them again.`;
}

export function checkRawLength(name: PartName, entry: PartEntry, rawBytes: number, dataset = ''): void {
  if (rawBytes !== entry.rawBytes) {
    throw new Error(corruptedMessage(name, entry, `expected ${entry.rawBytes} bytes after decompression, found ${rawBytes}`, dataset));
  }
}

export function checkDigest(name: PartName, entry: PartEntry, sha256: string, dataset = ''): void {
  if (sha256 !== entry.sha256) throw new Error(corruptedMessage(name, entry, 'checksum mismatch', dataset));
}

export interface ProgressTracker {
  /** Bytes of this part received so far (replaces, not adds, so a refetch starts at 0). */
  set(name: PartName, bytes: number): void;
  /** Report now, whatever the throttle says. */
  flush(): void;
}

/** Sums per-part byte counts and reports them at most once per `intervalMs`. */
export function createProgressTracker(
  manifest: Manifest,
  report: (progress: LoadProgress) => void,
  intervalMs: number,
  now: () => number,
): ProgressTracker {
  const loaded = new Map<PartName, number>();
  const totalBytes = PART_NAMES.reduce((sum, name) => sum + manifest.parts[name].bytes, 0);
  let lastReport = -Infinity;
  const flush = () => {
    lastReport = now();
    let loadedBytes = 0;
    for (const bytes of loaded.values()) loadedBytes += bytes;
    report({ loadedBytes, totalBytes });
  };
  return {
    set(name, bytes) {
      // Clamped so a part that arrives larger than announced cannot push the sum past the total.
      loaded.set(name, Math.min(Math.round(bytes), manifest.parts[name].bytes));
      if (now() - lastReport >= intervalMs) flush();
    },
    flush,
  };
}

// ---------------------------------------------------------------------------------------------
// Decoding and verification (async only because the platform APIs are).

/** Decompress into a buffer of the expected size; stops early rather than grow without bound. */
async function gunzip(name: PartName, entry: PartEntry, compressed: Bytes, dataset: string): Promise<Bytes> {
  const out = new Uint8Array(entry.rawBytes);
  let length = 0;
  let tooLong = false;
  const reader = new Blob([compressed]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (length + chunk.value.byteLength > out.byteLength) {
        tooLong = true;
        await reader.cancel();
        break;
      }
      out.set(chunk.value, length);
      length += chunk.value.byteLength;
    }
  } catch (error) {
    // Truncated or damaged gzip data, including a CRC-32 that does not match its contents. Only
    // now is "shorter than the manifest says" a cut-off download: a shorter file that
    // decompresses cleanly is a different file, which the checksum then reports.
    const message = compressed.byteLength < entry.bytes
      ? incompleteMessage(name, entry, compressed.byteLength, dataset)
      : corruptedMessage(name, entry, `they could not be decompressed (${errorText(error)})`, dataset);
    throw new Error(message, { cause: error });
  }
  if (tooLong) throw new Error(corruptedMessage(name, entry, `expected ${entry.rawBytes} bytes after decompression, found more`, dataset));
  return out.subarray(0, length);
}

async function sha256Hex(bytes: Bytes): Promise<string | null> {
  // crypto.subtle exists only in secure contexts (https or localhost). Elsewhere gzip's own
  // CRC-32, checked while decompressing, still catches damaged downloads.
  if (typeof crypto === 'undefined' || !crypto.subtle) return null;
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}

/** Turn a downloaded or cached payload into the part's verified raw bytes, or throw saying why not. */
export async function decodePart(name: PartName, entry: PartEntry, payload: Bytes, dataset = ''): Promise<Bytes> {
  let raw: Bytes;
  if (isGzip(payload)) raw = await gunzip(name, entry, payload, dataset);
  // A host that sends the file with Content-Encoding: gzip has the browser inflate it on the
  // way in; the checksum below still decides whether these are the right bytes.
  else if (payload.byteLength === entry.rawBytes) raw = payload;
  else throw new Error(corruptedMessage(name, entry, 'this is not a gzip file', dataset));
  checkRawLength(name, entry, raw.byteLength, dataset);
  const digest = await sha256Hex(raw);
  if (digest !== null) checkDigest(name, entry, digest, dataset);
  return raw;
}

// ---------------------------------------------------------------------------------------------
// Network and cache.

interface Context {
  source: AssetSource;
  base: string;
  manifest: Manifest;
  cache: Cache | null;
  fetch: typeof fetch;
  progress: ProgressTracker;
}

/** Fetch a URL; a network failure or an HTTP error becomes a message naming `what`. */
async function request(fetchFn: typeof fetch, url: string, what: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetchFn(url, init);
  } catch (error) {
    throw new Error(downloadFailedMessage(what, `the request failed (${errorText(error)})`), { cause: error });
  }
  if (!response.ok) throw new Error(downloadFailedMessage(what, `the server answered ${response.status} ${response.statusText}`.trimEnd()));
  // Single-page-app servers (Vite's included) answer a missing file with index.html.
  if (response.headers.get('Content-Type')?.startsWith('text/html')) {
    throw new Error(downloadFailedMessage(what, 'the server sent a web page instead', 'The dataset files are probably missing from the server.'));
  }
  return response;
}

/** Read a response body to the end, telling `onChunk` each chunk and the running total. */
async function readBody(response: Response, what: string, onChunk: (chunk: Uint8Array, received: number) => void): Promise<Bytes> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      chunks.push(chunk.value);
      received += chunk.value.byteLength;
      onChunk(chunk.value, received);
    }
  } catch (error) {
    throw new Error(downloadFailedMessage(what, `the connection was interrupted (${errorText(error)})`), { cause: error });
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function openCache(storage: CacheStorage | null, name: string): Promise<Cache | null> {
  if (!storage) return null;
  try {
    return await storage.open(name);
  } catch {
    return null; // e.g. storage blocked in a private window: load without caching
  }
}

async function cachedBytes(cache: Cache | null, key: string): Promise<Bytes | null> {
  try {
    const response = await cache?.match(key);
    return response ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

async function storeQuietly(cache: Cache | null, key: string, bytes: Bytes, type: string): Promise<void> {
  // Caching only saves the next visit a download; a full quota must not fail this one.
  await cache?.put(key, new Response(bytes, { headers: { 'Content-Type': type } })).catch(() => undefined);
}

/** Prefer the network so a rebuilt dataset is picked up; fall back to the cached copy offline. */
async function loadManifest(url: string, source: AssetSource, fetchFn: typeof fetch, cache: Cache | null): Promise<Manifest> {
  const what = `the ${source.title} manifest (${MANIFEST_FILE})`;
  const parse = (text: string): Manifest => {
    try {
      return parseManifest(JSON.parse(text), source.manifestFormat);
    } catch (error) {
      throw new Error(`The ${source.title} manifest (${url}) is not valid: ${errorText(error)}. The data assets may be missing from the server.`, { cause: error });
    }
  };
  try {
    const text = await (await request(fetchFn, url, what, { cache: 'no-cache' })).text();
    const manifest = parse(text);
    await storeQuietly(cache, url, new TextEncoder().encode(text), 'application/json');
    return manifest;
  } catch (error) {
    const cached = await cachedBytes(cache, url);
    if (cached) return parse(new TextDecoder().decode(cached));
    throw error;
  }
}

async function download(ctx: Context, name: PartName, url: string): Promise<Bytes> {
  const entry = ctx.manifest.parts[name];
  const what = `the ${partTitle(name, ctx.source.title)} (${entry.file})`;
  const response = await request(ctx.fetch, url, what);
  let scale: number | undefined;
  return readBody(response, what, (chunk, received) => {
    // A body without the gzip magic was inflated on the way (Content-Encoding): scale it back
    // to wire bytes so the bar moves at the pace of the download.
    scale ??= isGzip(chunk) ? 1 : entry.bytes / entry.rawBytes;
    ctx.progress.set(name, received * scale);
  });
}

/** One part from the cache if a verified copy is there, else from the network (then cached). */
async function loadPart(ctx: Context, name: PartName): Promise<{ bytes: Bytes; fromCache: boolean }> {
  const entry = ctx.manifest.parts[name];
  const url = partUrl(ctx.base, entry);
  const key = cacheKey(url, entry.sha256);
  const cached = await cachedBytes(ctx.cache, key);
  if (cached) {
    ctx.progress.set(name, entry.bytes);
    try {
      return { bytes: await decodePart(name, entry, cached, ctx.source.title), fromCache: true };
    } catch {
      // A damaged cache entry would fail every visit; drop it and download afresh.
      await ctx.cache?.delete(key).catch(() => false);
      ctx.progress.set(name, 0);
    }
  }
  const payload = await download(ctx, name, url);
  const bytes = await decodePart(name, entry, payload, ctx.source.title);
  await storeQuietly(ctx.cache, key, payload, 'application/gzip');
  return { bytes, fromCache: false };
}

/** Remove entries of earlier datasets (other hashes), which would otherwise sit there forever. */
async function pruneCache(cache: Cache | null, keep: Set<string>): Promise<void> {
  if (!cache) return;
  try {
    for (const request of await cache.keys()) {
      if (!keep.has(request.url)) await cache.delete(request);
    }
  } catch {
    // Pruning is housekeeping; the data is loaded either way.
  }
}

function defaultCacheStorage(): CacheStorage | null {
  return typeof caches === 'undefined' ? null : caches;
}

/**
 * Load MNIST from `baseUrl` (the directory holding manifest.json), reporting compressed bytes
 * as they arrive. Every part is checked against the manifest's length and SHA-256 before use.
 */
export function loadMnist(baseUrl: string, onProgress: (progress: LoadProgress) => void, options: LoadOptions = {}): Promise<MnistData> {
  return loadAssets(baseUrl, MNIST_SOURCE, onProgress, options);
}

/** Load any built-in dataset's assets from `baseUrl`, as loadMnist does MNIST's. */
export async function loadAssets(baseUrl: string, source: AssetSource, onProgress: (progress: LoadProgress) => void, options: LoadOptions = {}): Promise<MnistData> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  // Wrapped because calling the global fetch detached from its global throws in browsers.
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const cache = await openCache(options.cacheStorage === undefined ? defaultCacheStorage() : options.cacheStorage, source.cacheName);
  const manifestUrl = new URL(MANIFEST_FILE, base).href;
  const manifest = await loadManifest(manifestUrl, source, fetchFn, cache);
  const progress = createProgressTracker(manifest, onProgress, options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS, options.now ?? (() => performance.now()));
  progress.flush();

  const ctx: Context = { source, base, manifest, cache, fetch: fetchFn, progress };
  const trainImages = await loadPart(ctx, 'trainImages');
  const trainLabels = await loadPart(ctx, 'trainLabels');
  const testImages = await loadPart(ctx, 'testImages');
  const testLabels = await loadPart(ctx, 'testLabels');
  progress.flush();

  const parts = PART_NAMES.map((name) => manifest.parts[name]);
  await pruneCache(cache, new Set([manifestUrl, ...parts.map((entry) => cacheKey(partUrl(base, entry), entry.sha256))]));
  return {
    trainImages: trainImages.bytes,
    trainLabels: trainLabels.bytes,
    testImages: testImages.bytes,
    testLabels: testLabels.bytes,
    trainCount: manifest.parts.trainImages.count,
    testCount: manifest.parts.testImages.count,
    fromCache: [trainImages, trainLabels, testImages, testLabels].every((part) => part.fromCache),
  };
}
