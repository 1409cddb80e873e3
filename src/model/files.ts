// Files the app writes and reads: their names, and the size limits checked before reading any.

import { formatBytes } from './format';
import { MAX_TEXT_LENGTH } from './parse';
import { LIMITS } from './validate';

/** An architecture file is a few KB; UTF-8 needs at most 4 bytes a character. */
export const MAX_ARCHITECTURE_FILE_BYTES = MAX_TEXT_LENGTH * 4;
/** A model.json holds the topology and the weights manifest, never the weights themselves. */
export const MAX_MODEL_JSON_BYTES = 2_000_000;
/** The weights of the largest network the app trains, as 32-bit floats, with room to spare. */
export const MAX_WEIGHTS_BYTES = LIMITS.maxParams * 4 + 1_000_000;

export type FileKind = 'architecture' | 'model.json' | 'weights';

const LIMIT: Record<FileKind, { bytes: number; why: string }> = {
  architecture: { bytes: MAX_ARCHITECTURE_FILE_BYTES, why: 'an architecture file is a few kilobytes' },
  'model.json': { bytes: MAX_MODEL_JSON_BYTES, why: 'a model.json holds only the layers and a list of weights, a few kilobytes' },
  weights: {
    bytes: MAX_WEIGHTS_BYTES,
    why: `the largest network this app trains has ${LIMITS.maxParams.toLocaleString('en-US')} parameters (${formatBytes(LIMITS.maxParams * 4)} of weights)`,
  },
};

/** Why a file is too large to be what it claims (checked before a byte of it is read), or null. */
export function fileTooLarge(kind: FileKind, name: string, size: number): string | null {
  const limit = LIMIT[kind];
  if (size <= limit.bytes) return null;
  return `"${shortName(name)}" is ${formatBytes(size)}, far too large to be read: ${limit.why}.`;
}

/** A file name shown in a message, cut short so a hostile name cannot flood the page. */
export function shortName(name: string): string {
  return name.length > 60 ? `${name.slice(0, 57)}…` : name;
}

/** A safe base name for downloads: letters, digits, dashes; "network" when nothing is left. */
export function fileBaseName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
  return slug || 'network';
}
