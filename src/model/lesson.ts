// Lesson links: a share link that also carries training settings, a lock on the builder and
// presenter mode, in the readable #arch= form or a compressed #z= form short enough for a QR code.

import type { Architecture } from './architecture';
import type { ParseResult } from './parse';
import { MAX_TEXT_LENGTH, parseArchitecture, serializeArchitecture } from './parse';
import { HASH_PREFIX } from './share';
import type { TrainSettings } from './training';
import { mergeSettings, settingsProblems } from './training';

export interface Lesson {
  architecture: Architecture;
  /** Training settings to apply, or null to leave the learner's own. */
  settings: TrainSettings | null;
  /** Open with the builder locked against edits. */
  locked: boolean;
  /** Open in presenter mode. */
  presenter: boolean;
}

export type LessonResult = { ok: true; lesson: Lesson } | { ok: false; error: string };

export const COMPRESSED_PREFIX = '#z=';

/** The readable form: #arch=<JSON>&train=<JSON>&lock=1&present=1 (each part encodeURIComponent'ed). */
export function lessonHash(lesson: Lesson): string {
  let hash = HASH_PREFIX + encodeURIComponent(serializeArchitecture(lesson.architecture));
  if (lesson.settings) hash += `&train=${encodeURIComponent(JSON.stringify(lesson.settings))}`;
  if (lesson.locked) hash += '&lock=1';
  if (lesson.presenter) hash += '&present=1';
  return hash;
}

/**
 * Settings from untrusted JSON: only the known fields, each of the right type, the rest from the
 * defaults; refused when the result is out of range.
 */
export function readSettings(raw: unknown): { ok: true; settings: TrainSettings } | { ok: false; error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: 'The lesson’s training settings are not an object.' };
  const settings = mergeSettings(raw);
  const problems = settingsProblems(settings);
  return problems.length > 0 ? { ok: false, error: `The lesson’s training settings were refused: ${problems.join(' ')}` } : { ok: true, settings };
}

function fromParts(architecture: ParseResult, settingsJson: string | null, locked: boolean, presenter: boolean): LessonResult {
  if (!architecture.ok) return { ok: false, error: `The link's network was not loaded. ${architecture.error}` };
  let settings: TrainSettings | null = null;
  if (settingsJson !== null) {
    let raw: unknown;
    try {
      raw = JSON.parse(settingsJson);
    } catch {
      return { ok: false, error: 'The link’s training settings are not valid JSON; it may have been cut short when copied.' };
    }
    const read = readSettings(raw);
    if (!read.ok) return read;
    settings = read.settings;
  }
  return { ok: true, lesson: { architecture: architecture.architecture, settings, locked, presenter } };
}

/** The readable form; null when the hash carries no network at all. */
export function readLessonHash(hash: string): LessonResult | null {
  if (!hash.startsWith(HASH_PREFIX)) return null;
  const [archPart = '', ...rest] = hash.slice(HASH_PREFIX.length).split('&');
  if (hash.length > MAX_TEXT_LENGTH * 4) {
    return { ok: false, error: `The link is ${hash.length.toLocaleString('en-US')} characters long; a real one is far shorter.` };
  }
  const params = new Map(rest.map((p) => [p.slice(0, p.indexOf('=') < 0 ? p.length : p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
  try {
    const train = params.get('train');
    return fromParts(parseArchitecture(decodeURIComponent(archPart)), train === undefined ? null : decodeURIComponent(train), params.get('lock') === '1', params.get('present') === '1');
  } catch {
    return { ok: false, error: 'The link is garbled (bad %-encoding); it may have been cut short when copied.' };
  }
}

// ---- The compressed form: base64url of raw DEFLATE of {"arch":…,"train":…,"lock":…,"present":…}.

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    // A few hundred bytes must not inflate into megabytes (a "zip bomb" in a link).
    if (total > limit) {
      await reader.cancel();
      throw new RangeError('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export async function compressedLessonHash(lesson: Lesson): Promise<string> {
  const doc = { arch: JSON.parse(serializeArchitecture(lesson.architecture)) as unknown, train: lesson.settings ?? undefined, lock: lesson.locked || undefined, present: lesson.presenter || undefined };
  const bytes = await pipe(new TextEncoder().encode(JSON.stringify(doc)), new CompressionStream('deflate-raw'), Infinity);
  return COMPRESSED_PREFIX + toBase64Url(bytes);
}

/** The compressed form; null when the hash is not one. */
export async function readCompressedLessonHash(hash: string): Promise<LessonResult | null> {
  if (!hash.startsWith(COMPRESSED_PREFIX)) return null;
  const payload = hash.slice(COMPRESSED_PREFIX.length);
  if (payload.length > MAX_TEXT_LENGTH) return { ok: false, error: `The link is ${hash.length.toLocaleString('en-US')} characters long; a real one is far shorter.` };
  let doc: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(fromBase64Url(payload), new DecompressionStream('deflate-raw'), MAX_TEXT_LENGTH * 2));
    doc = JSON.parse(text);
  } catch (e) {
    const why = e instanceof RangeError ? 'it unpacks to far more than any network needs' : 'it may have been cut short when copied';
    return { ok: false, error: `The link could not be read: ${why}.` };
  }
  if (typeof doc !== 'object' || doc === null) return { ok: false, error: 'The link could not be read: it holds no network.' };
  const d = doc as Record<string, unknown>;
  return fromParts(parseArchitecture(JSON.stringify(d.arch ?? null)), d.train === undefined ? null : JSON.stringify(d.train), d.lock === true, d.present === true);
}
