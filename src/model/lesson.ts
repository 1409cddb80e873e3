// Lesson links: a share link that also carries training settings, a lock on the builder,
// presenter mode and a challenge, in the readable #arch= form or a compressed #z= form short
// enough for a QR code.

import type { Architecture } from './architecture';
import { deflateToBase64Url, inflateFromBase64Url } from './deflate';
import type { Challenge } from './guide/challenge';
import { readChallenge } from './guide/challenge';
import { findLesson } from './guide/lessons';
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
  /** A teacher's challenge for the class; absent when the link sets none. */
  challenge?: Challenge;
  /** The guided lesson (its id, src/model/guide/lessons) to open; absent when none. */
  guide?: string;
}

export type LessonResult = { ok: true; lesson: Lesson } | { ok: false; error: string };

export const COMPRESSED_PREFIX = '#z=';

/** The readable form: #arch=<JSON>&train=<JSON>&lock=1&present=1&challenge=<JSON>&guide=<id> (each part encodeURIComponent'ed). */
export function lessonHash(lesson: Lesson): string {
  let hash = HASH_PREFIX + encodeURIComponent(serializeArchitecture(lesson.architecture));
  if (lesson.settings) hash += `&train=${encodeURIComponent(JSON.stringify(lesson.settings))}`;
  if (lesson.locked) hash += '&lock=1';
  if (lesson.presenter) hash += '&present=1';
  if (lesson.challenge) hash += `&challenge=${encodeURIComponent(JSON.stringify(lesson.challenge))}`;
  if (lesson.guide) hash += `&guide=${encodeURIComponent(lesson.guide)}`;
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

/** JSON text of a link part, or the reason it is not. */
function parsePart(json: string, what: string): { ok: true; raw: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, raw: JSON.parse(json) };
  } catch {
    return { ok: false, error: `The link’s ${what} is not valid JSON; it may have been cut short when copied.` };
  }
}

/** A guided lesson's id from a link: one this version has, or the reason not. */
function readGuide(raw: unknown): { ok: true; guide: string | undefined } | { ok: false; error: string } {
  if (raw === undefined || raw === null) return { ok: true, guide: undefined };
  if (typeof raw === 'string' && findLesson(raw)) return { ok: true, guide: raw };
  const shown = typeof raw === 'string' ? `“${raw.slice(0, 30)}”` : 'one that is not a name';
  return { ok: false, error: `The link opens a guided lesson this version of the app does not have (${shown}).` };
}

function fromParts(
  architecture: ParseResult,
  settingsJson: string | null,
  locked: boolean,
  presenter: boolean,
  challengeJson: string | null = null,
  guideId: unknown = undefined,
): LessonResult {
  if (!architecture.ok) return { ok: false, error: `The link's network was not loaded. ${architecture.error}` };
  const guide = readGuide(guideId);
  if (!guide.ok) return guide;
  let challenge: Challenge | undefined;
  if (challengeJson !== null) {
    const part = parsePart(challengeJson, 'challenge');
    if (!part.ok) return part;
    const read = readChallenge(part.raw);
    if (!read.ok) return read;
    challenge = read.challenge;
  }
  let settings: TrainSettings | null = null;
  if (settingsJson !== null) {
    const part = parsePart(settingsJson, 'training settings');
    if (!part.ok) return part;
    const read = readSettings(part.raw);
    if (!read.ok) return read;
    settings = read.settings;
  }
  return {
    ok: true,
    lesson: { architecture: architecture.architecture, settings, locked, presenter, ...(challenge ? { challenge } : {}), ...(guide.guide ? { guide: guide.guide } : {}) },
  };
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
    const challenge = params.get('challenge');
    return fromParts(
      parseArchitecture(decodeURIComponent(archPart)),
      train === undefined ? null : decodeURIComponent(train),
      params.get('lock') === '1',
      params.get('present') === '1',
      challenge === undefined ? null : decodeURIComponent(challenge),
      params.has('guide') ? decodeURIComponent(params.get('guide')!) : undefined,
    );
  } catch {
    return { ok: false, error: 'The link is garbled (bad %-encoding); it may have been cut short when copied.' };
  }
}

// ---- The compressed form: base64url of raw DEFLATE of {"arch":…,"train":…,"lock":…,"present":…,"challenge":…}.

export async function compressedLessonHash(lesson: Lesson): Promise<string> {
  const doc = {
    arch: JSON.parse(serializeArchitecture(lesson.architecture)) as unknown,
    train: lesson.settings ?? undefined,
    lock: lesson.locked || undefined,
    present: lesson.presenter || undefined,
    challenge: lesson.challenge,
    guide: lesson.guide,
  };
  return COMPRESSED_PREFIX + (await deflateToBase64Url(JSON.stringify(doc)));
}

/** The compressed form; null when the hash is not one. */
export async function readCompressedLessonHash(hash: string): Promise<LessonResult | null> {
  if (!hash.startsWith(COMPRESSED_PREFIX)) return null;
  const payload = hash.slice(COMPRESSED_PREFIX.length);
  if (payload.length > MAX_TEXT_LENGTH) return { ok: false, error: `The link is ${hash.length.toLocaleString('en-US')} characters long; a real one is far shorter.` };
  const inflated = await inflateFromBase64Url(payload, MAX_TEXT_LENGTH * 2);
  const part = inflated.ok ? parsePart(inflated.text, 'content') : null;
  if (!part?.ok) {
    const why = !inflated.ok && inflated.why === 'too large' ? 'it unpacks to far more than any network needs' : 'it may have been cut short when copied';
    return { ok: false, error: `The link could not be read: ${why}.` };
  }
  const doc = part.raw;
  if (typeof doc !== 'object' || doc === null) return { ok: false, error: 'The link could not be read: it holds no network.' };
  const d = doc as Record<string, unknown>;
  return fromParts(
    parseArchitecture(JSON.stringify(d.arch ?? null)),
    d.train === undefined ? null : JSON.stringify(d.train),
    d.lock === true,
    d.present === true,
    d.challenge === undefined ? null : JSON.stringify(d.challenge),
    d.guide,
  );
}
