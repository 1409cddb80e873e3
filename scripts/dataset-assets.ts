// What every dataset build shares: writing a part (gzip + SHA-256), its manifest, and telling when the assets are up to date.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { MANIFEST_FILE, PART_FILES, PART_NAMES, parseManifest } from '../src/data/assets';
import type { Manifest, PartEntry, PartName } from '../src/data/assets';

/** What a dataset build is given. */
export interface PrepareOptions {
  sourceDir: string;
  outDir: string;
  gzipLevel?: number;
  log?: (line: string) => void;
}

export const formatSize = (bytes: number): string => (bytes < 100_000 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(2)} MB`);

export const fileSize = (path: string): number => (existsSync(path) ? statSync(path).size : -1);

/** A path as the log shows it: relative to where the command runs. */
export const shown = (path: string): string => relative(process.cwd(), path) || path;

/** The manifest in `outDir` if it is one of `format`; null when missing, unreadable or from an older layout (all mean "rebuild"). */
export function readManifest(outDir: string, format?: string): Manifest | null {
  try {
    return parseManifest(JSON.parse(readFileSync(join(outDir, MANIFEST_FILE), 'utf8')), format);
  } catch {
    return null;
  }
}

/** Every part file the manifest names is there, at its size and under today's name. */
export function partsPresent(manifest: Manifest, outDir: string): boolean {
  return PART_NAMES.every((name) => manifest.parts[name].file === PART_FILES[name] && manifest.parts[name].bytes === fileSize(join(outDir, PART_FILES[name])));
}

/** Write one part as gzip-compressed raw bytes and describe it for the manifest. */
export function writePart(outDir: string, name: PartName, data: Uint8Array, count: number, gzipLevel: number): PartEntry {
  const compressed = gzipSync(data, { level: gzipLevel });
  writeFileSync(join(outDir, PART_FILES[name]), compressed);
  return {
    file: PART_FILES[name],
    count,
    bytes: compressed.byteLength,
    rawBytes: data.byteLength,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}

export interface Written {
  files: { path: string; bytes: number }[];
}

/**
 * Write the manifest (last: a run killed half-way leaves none, so the next run starts over) and
 * remove part files an older layout wrote, which would otherwise be served and copied into builds.
 */
export function finishAssets(outDir: string, manifest: Manifest, previous: Manifest | null, log: (line: string) => void): Written {
  const manifestPath = join(outDir, MANIFEST_FILE);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  for (const name of PART_NAMES) {
    const old = previous?.parts[name].file;
    if (old && old !== PART_FILES[name]) rmSync(join(outDir, old), { force: true });
  }
  const files = [
    ...PART_NAMES.map((name) => ({ path: join(outDir, manifest.parts[name].file), bytes: manifest.parts[name].bytes })),
    { path: manifestPath, bytes: fileSize(manifestPath) },
  ];
  for (const file of files) log(`wrote ${shown(file.path)} (${formatSize(file.bytes)})`);
  log(`total ${formatSize(files.reduce((sum, file) => sum + file.bytes, 0))}`);
  return { files };
}

/** The part files of an up-to-date manifest, for the one line that says nothing needed doing. */
export function upToDateFiles(manifest: Manifest, outDir: string): { path: string; bytes: number }[] {
  return PART_NAMES.map((name) => ({ path: join(outDir, manifest.parts[name].file), bytes: manifest.parts[name].bytes }));
}
