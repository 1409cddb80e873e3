// The guide's part of localStorage: lesson progress, the active challenge, the class table, the learner's name.

import type { Challenge } from '../../model/guide/challenge';
import { readChallenge } from '../../model/guide/challenge';
import type { ClassTable } from '../../model/guide/classTable';
import { readTable, serializeTable } from '../../model/guide/classTable';
import { LESSONS } from '../../model/guide/lessons';
import type { GuideProgress } from '../../model/guide/progress';
import { readProgress, serializeProgress } from '../../model/guide/progress';
import { MAX_NAME } from '../../model/guide/resultLink';
import type { GuideState } from './guideSlice';

export const KEYS = {
  progress: 'cnn-playground:guide-progress',
  challenge: 'cnn-playground:challenge',
  classTable: 'cnn-playground:class-table',
  name: 'cnn-playground:learner-name',
} as const;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const storage = (): Store | null => globalThis.localStorage ?? null;

function get(s: Store | null, key: string): string | null {
  try {
    return s?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function readActiveChallenge(text: string | null): GuideState['challenge'] {
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as { challenge?: unknown; fromTeacher?: unknown };
    const read = readChallenge(raw.challenge);
    return read.ok ? { challenge: read.challenge, fromTeacher: raw.fromTeacher === true } : null;
  } catch {
    return null;
  }
}

/** What a previous visit left, every part checked; anything unreadable starts afresh. */
export function readGuideStorage(s: Store | null = storage()): { progress: GuideProgress; challenge: GuideState['challenge']; classTable: ClassTable; learnerName: string } {
  return {
    progress: readProgress(get(s, KEYS.progress), LESSONS),
    challenge: readActiveChallenge(get(s, KEYS.challenge)),
    classTable: readTable(get(s, KEYS.classTable)),
    learnerName: (get(s, KEYS.name) ?? '').slice(0, MAX_NAME),
  };
}

/** Write what changed; a full or private storage keeps it for this visit only (false says so). */
export function writeGuideStorage(now: GuideState, before: GuideState | null, s: Store | null = storage()): boolean {
  try {
    if (!s) return false;
    if (now.progress !== before?.progress) s.setItem(KEYS.progress, serializeProgress(now.progress));
    if (now.challenge !== before?.challenge) {
      if (now.challenge) s.setItem(KEYS.challenge, JSON.stringify(now.challenge satisfies { challenge: Challenge; fromTeacher: boolean }));
      else s.removeItem(KEYS.challenge);
    }
    if (now.classTable !== before?.classTable) s.setItem(KEYS.classTable, serializeTable(now.classTable));
    if (now.learnerName !== before?.learnerName) s.setItem(KEYS.name, now.learnerName);
    return true;
  } catch {
    return false;
  }
}
