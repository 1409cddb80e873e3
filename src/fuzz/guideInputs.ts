// The guide's outside inputs in the fuzz registry: lesson links that carry a challenge (and a
// guided lesson to open), in both forms, and result links (#r=) sent back to the teacher.

import { BUILTIN_CHALLENGES, findChallenge } from '../model/guide/challenge';
import type { Challenge } from '../model/guide/challenge';
import type { Lesson } from '../model/lesson';
import { compressedLessonHash, lessonHash } from '../model/lesson';
import { resultHash } from '../model/guide/resultLink';
import { findPreset } from '../model/presets';
import { DEFAULT_SETTINGS } from '../model/training';
import type { UntrustedInput } from './inputs';
import { shareLink } from './inputs';

/** Opened as the address is: inputs.ts imports this module, so its entry is only reached when called. */
const openHash = (text: string) => shareLink.open(text);

/** A teacher's own challenge using every kind of goal field and limit. */
const custom: Challenge = {
  id: 'custom',
  title: 'Tiny but good',
  goal: { kind: 'accuracyAtLeast', percent: 98.5 },
  constraints: [{ kind: 'paramsBelow', value: 50_000 }, { kind: 'connectionsBelow', value: 2_000_000 }, { kind: 'epochsAtMost', value: 3 }, { kind: 'noHiddenDense' }, { kind: 'noAugmentation' }],
  rankBy: 'params',
};

/**
 * Lessons with a challenge. The guided lesson named is the first, whose first step needs no
 * network of its own, so opening it never writes to Models (the fuzz test has no IndexedDB).
 */
const lessons = (): Lesson[] => [
  { architecture: findPreset('seed-simple-cnn')!.architecture, settings: { ...DEFAULT_SETTINGS, epochs: 3 }, locked: true, presenter: false, challenge: findChallenge('small-net')! },
  { architecture: findPreset('seed-mlp')!.architecture, settings: null, locked: false, presenter: true, challenge: custom, guide: 'images' },
];

export const challengeLink: UntrustedInput = {
  name: 'challenge in a lesson link (&challenge=)',
  seeds: async () => lessons().map(lessonHash),
  open: openHash,
};

export const compressedChallengeLink: UntrustedInput = {
  name: 'challenge in a compressed lesson link (#z=)',
  seeds: () => Promise.all(lessons().map(compressedLessonHash)),
  open: openHash,
};

export const resultLink: UntrustedInput = {
  name: 'result link (#r=)',
  seeds: () =>
    Promise.all(
      [BUILTIN_CHALLENGES[0]!, custom].map((challenge, i) =>
        resultHash({
          name: ['Ada', 'Ben'][i]!,
          challenge,
          run: { architecture: findPreset(i === 0 ? 'seed-larger-cnn' : 'seed-mlp')!.architecture, settings: { ...DEFAULT_SETTINGS, epochs: 2, subset: 6000 }, epochs: 2, testError: 1.87, seconds: 41.5 },
          at: 1_764_000_000_000,
        }),
      ),
    ),
  open: openHash,
};

export const GUIDE_INPUTS: UntrustedInput[] = [challengeLink, compressedChallengeLink, resultLink];
