// Result links: a learner's run (network, settings, figures) against a challenge, sent back to the teacher as #r=.
// What a link claims is the learner's claim: the teacher retrains the network to confirm it.

import { deflateToBase64Url, inflateFromBase64Url } from '../deflate';
import { readSettings } from '../lesson';
import { MAX_TEXT_LENGTH, parseArchitecture, serializeArchitecture } from '../parse';
import type { Challenge } from './challenge';
import { cleanText, readChallenge } from './challenge';
import type { RunFigures } from './types';

export const RESULT_PREFIX = '#r=';

/** What a learner sends: who, for which challenge, and the run they claim. */
export interface ResultClaim {
  /** The name the learner gave (up to 40 characters), or "Anonymous". */
  name: string;
  challenge: Challenge;
  run: RunFigures;
  /** When the learner made the link (ms since 1970, their clock). */
  at: number;
}

export type ResultRead = { ok: true; claim: ResultClaim } | { ok: false; error: string };

export const MAX_NAME = 40;
/** Longer than any real run: 200 epochs a run, continued a few times. */
const MAX_EPOCHS = 10_000;
/** A week of training, in seconds. */
const MAX_SECONDS = 7 * 24 * 3600;

export async function resultHash(claim: ResultClaim): Promise<string> {
  const doc = {
    v: 1,
    name: claim.name,
    challenge: claim.challenge,
    arch: JSON.parse(serializeArchitecture(claim.run.architecture)) as unknown,
    train: claim.run.settings,
    figures: { testError: claim.run.testError, epochs: claim.run.epochs, seconds: claim.run.seconds },
    at: claim.at,
  };
  return RESULT_PREFIX + (await deflateToBase64Url(JSON.stringify(doc)));
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const inRange = (x: unknown, lo: number, hi: number): x is number => typeof x === 'number' && Number.isFinite(x) && x >= lo && x <= hi;

/** The claim in a result document, checked field by field; the network and settings as strictly as any link's. */
export function readClaim(doc: unknown): ResultRead {
  const refuse = (why: string): ResultRead => ({ ok: false, error: `The result link was refused: ${why}` });
  if (!isObject(doc) || doc.v !== 1) return refuse('it is not a result of this app.');
  const challenge = readChallenge(doc.challenge);
  if (!challenge.ok) return refuse(challenge.error);
  const arch = parseArchitecture(JSON.stringify(doc.arch ?? null));
  if (!arch.ok) return refuse(`its network was not loaded. ${arch.error}`);
  const settings = readSettings(doc.train);
  if (!settings.ok) return refuse(settings.error);
  const f = doc.figures;
  if (!isObject(f)) return refuse('it has no figures.');
  if (!inRange(f.testError, 0, 100)) return refuse('its test error must be a percentage from 0 to 100.');
  if (!inRange(f.epochs, 1, MAX_EPOCHS) || !Number.isInteger(f.epochs)) return refuse('its epoch count must be a whole number of at least 1.');
  if (!inRange(f.seconds, 0, MAX_SECONDS)) return refuse('its training time is not a plausible number of seconds.');
  const at = inRange(doc.at, 0, 8.64e15) ? doc.at : 0;
  return {
    ok: true,
    claim: {
      name: cleanText(doc.name, MAX_NAME) || 'Anonymous',
      challenge: challenge.challenge,
      run: { architecture: arch.architecture, settings: settings.settings, epochs: f.epochs, testError: f.testError, seconds: f.seconds },
      at,
    },
  };
}

/** A result link's claim; null when the hash is not a result link. */
export async function readResultHash(hash: string): Promise<ResultRead | null> {
  if (!hash.startsWith(RESULT_PREFIX)) return null;
  const payload = hash.slice(RESULT_PREFIX.length);
  if (payload.length > MAX_TEXT_LENGTH) return { ok: false, error: `The result link is ${hash.length.toLocaleString('en-US')} characters long; a real one is far shorter.` };
  if (!/^[A-Za-z0-9_-]*$/.test(payload)) return { ok: false, error: 'The result link is garbled; it may have been cut short or changed when copied.' };
  const inflated = await inflateFromBase64Url(payload, MAX_TEXT_LENGTH * 2);
  if (!inflated.ok) {
    return { ok: false, error: inflated.why === 'too large' ? 'The result link unpacks to far more than any result needs.' : 'The result link is garbled; it may have been cut short when copied.' };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(inflated.text);
  } catch {
    return { ok: false, error: 'The result link is garbled; it may have been cut short when copied.' };
  }
  return readClaim(doc);
}
