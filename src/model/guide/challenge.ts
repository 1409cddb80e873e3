// Challenges: a goal with constraints, the built-in ones, a checker of a finished run, and a strict reader for links.

import { analyze } from '../analyze';
import type { Architecture } from '../architecture';
import { datasetOf } from '../architecture';
import type { DatasetId } from '../datasets';
import { DATASETS } from '../datasets';
import { groupDigits } from '../format';
import { layerName } from '../validate';
import type { RunFigures } from './types';

/** What a run must reach on the 10,000 test digits. */
export type Goal = { kind: 'errorBelow'; percent: number } | { kind: 'accuracyAtLeast'; percent: number };

/** A limit on how the run got there. */
export type Constraint =
  | { kind: 'paramsBelow'; value: number }
  | { kind: 'connectionsBelow'; value: number }
  | { kind: 'epochsAtMost'; value: number }
  | { kind: 'noHiddenDense' }
  | { kind: 'noAugmentation' };

export const CONSTRAINT_KINDS = ['paramsBelow', 'connectionsBelow', 'epochsAtMost', 'noHiddenDense', 'noAugmentation'] as const;

/** How entries of a class table are ranked, best first (every measure: lower is better). */
export const MEASURES = ['testError', 'params', 'seconds'] as const;
export type Measure = (typeof MEASURES)[number];

/** Datasets a class can be challenged on: each has one test set every learner shares. */
export const CHALLENGE_DATASETS = ['mnist', 'fashion-mnist'] as const satisfies readonly DatasetId[];
export type ChallengeDataset = (typeof CHALLENGE_DATASETS)[number];

export interface Challenge {
  /** Short and stable: a built-in's name, or "custom". */
  id: string;
  title: string;
  goal: Goal;
  constraints: Constraint[];
  rankBy: Measure;
  /** The test set the goal is on; absent means MNIST. */
  dataset?: Exclude<ChallengeDataset, 'mnist'>;
}

/** The dataset a challenge is on. */
export function challengeDataset(c: Pick<Challenge, 'dataset'>): ChallengeDataset {
  return c.dataset ?? 'mnist';
}

export const BUILTIN_CHALLENGES: readonly Challenge[] = [
  {
    id: 'small-net',
    title: 'Under 2% test error with fewer than 20,000 parameters',
    goal: { kind: 'errorBelow', percent: 2 },
    constraints: [{ kind: 'paramsBelow', value: 20_000 }],
    rankBy: 'testError',
  },
  {
    id: 'beat-seed-3',
    title: 'Beat the seed’s 0.83% in 3 epochs',
    goal: { kind: 'errorBelow', percent: 0.83 },
    constraints: [{ kind: 'epochsAtMost', value: 3 }],
    rankBy: 'testError',
  },
  {
    id: 'no-dense',
    title: 'Reach 98% with no Dense layer but the output',
    goal: { kind: 'accuracyAtLeast', percent: 98 },
    constraints: [{ kind: 'noHiddenDense' }],
    rankBy: 'testError',
  },
  {
    id: 'one-epoch',
    title: 'Beat the baseline’s 1.73% in one epoch, without augmentation',
    goal: { kind: 'errorBelow', percent: 1.73 },
    constraints: [{ kind: 'epochsAtMost', value: 1 }, { kind: 'noAugmentation' }],
    rankBy: 'testError',
  },
];

export function findChallenge(id: string): Challenge | undefined {
  return BUILTIN_CHALLENGES.find((c) => c.id === id);
}

/** Test errors are counts out of 10,000 turned into percent: compare them at that resolution, not at float noise. */
const percent = (x: number) => Math.round(x * 10_000) / 10_000;

export function describeGoal(g: Goal): string {
  return g.kind === 'errorBelow' ? `test error under ${g.percent}%` : `test accuracy of at least ${g.percent}%`;
}

export function describeConstraint(c: Constraint): string {
  switch (c.kind) {
    case 'paramsBelow':
      return `fewer than ${groupDigits(c.value)} parameters`;
    case 'connectionsBelow':
      return `fewer than ${groupDigits(c.value)} connections`;
    case 'epochsAtMost':
      return `at most ${c.value} epoch${c.value === 1 ? '' : 's'} of training`;
    case 'noHiddenDense':
      return 'no Dense layer but the output';
    case 'noAugmentation':
      return 'no data augmentation';
  }
}

/** "Test error under 2%, with fewer than 20,000 parameters": a title for a challenge without one. */
export function describeChallenge(c: Pick<Challenge, 'goal' | 'constraints' | 'dataset'>): string {
  const goal = describeGoal(c.goal);
  const text = c.constraints.length === 0 ? goal : `${goal}, with ${c.constraints.map(describeConstraint).join(' and ')}`;
  const on = c.dataset ? `${DATASETS[c.dataset].name}: ` : '';
  return on + text.charAt(0).toUpperCase() + text.slice(1);
}

export interface JudgedItem {
  ok: boolean;
  text: string;
}

export interface Judgement {
  met: boolean;
  /** The goal first, then each constraint. */
  items: JudgedItem[];
  /** The run's value of the challenge's measure (lower is better). */
  measure: number;
}

function hiddenDense(arch: Architecture): string | null {
  const last = arch.layers.length - 1;
  const i = arch.layers.findIndex((l, index) => l.type === 'dense' && index !== last);
  return i < 0 ? null : `${layerName(arch.layers[i]!, i)} is a hidden Dense layer`;
}

function judgeConstraint(c: Constraint, run: RunFigures, params: number, connections: number): JudgedItem {
  switch (c.kind) {
    case 'paramsBelow':
      return { ok: params < c.value, text: `${groupDigits(params)} parameters (limit: fewer than ${groupDigits(c.value)})` };
    case 'connectionsBelow':
      return { ok: connections < c.value, text: `${groupDigits(connections)} connections (limit: fewer than ${groupDigits(c.value)})` };
    case 'epochsAtMost':
      return { ok: run.epochs <= c.value, text: `${run.epochs} epoch${run.epochs === 1 ? '' : 's'} (limit: ${c.value})` };
    case 'noHiddenDense': {
      const why = hiddenDense(run.architecture);
      return { ok: why === null, text: why ?? 'no Dense layer but the output' };
    }
    case 'noAugmentation':
      return { ok: !run.settings.augment, text: run.settings.augment ? 'trained on augmented digits' : 'no augmentation' };
  }
}

/** Does this finished run meet the challenge? Each item says why, with the run's own figures. */
export function judgeRun(challenge: Challenge, run: RunFigures): Judgement {
  const { totals } = analyze(run.architecture);
  const error = percent(run.testError);
  const goal: JudgedItem =
    challenge.goal.kind === 'errorBelow'
      ? { ok: error < percent(challenge.goal.percent), text: `test error ${run.testError.toFixed(2)}% (goal: under ${challenge.goal.percent}%)` }
      : { ok: percent(100 - run.testError) >= percent(challenge.goal.percent), text: `accuracy ${(100 - run.testError).toFixed(2)}% (goal: at least ${challenge.goal.percent}%)` };
  const items = [goal, ...challenge.constraints.map((c) => judgeConstraint(c, run, totals.params, totals.connections))];
  // A run on another dataset's test set cannot meet it, however low its error.
  const want = challengeDataset(challenge);
  const got = datasetOf(run.architecture);
  if (got !== want) items.push({ ok: false, text: `trained on ${DATASETS[got].name}; the challenge is on ${DATASETS[want].name}` });
  const measure = challenge.rankBy === 'testError' ? run.testError : challenge.rankBy === 'params' ? totals.params : run.seconds;
  return { met: items.every((i) => i.ok), items, measure };
}

/** One canonical text per challenge: entries of the same challenge share it. */
export function challengeKey(c: Challenge): string {
  return JSON.stringify([c.id, c.goal, c.constraints, c.rankBy, challengeDataset(c)]);
}

// ---- Reading a challenge from a link or from storage: every field checked, nothing else kept.

export type ChallengeResult = { ok: true; challenge: Challenge } | { ok: false; error: string };

export const MAX_TITLE = 100;
export const MAX_CONSTRAINTS = 6;

const LIMITS = { paramsBelow: [1, 10_000_000], connectionsBelow: [1, 100_000_000], epochsAtMost: [1, 200] } as const;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Printable text only: control and bidirectional-override characters are dropped. */
export function cleanText(x: unknown, max: number): string {
  if (typeof x !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  return x.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, max);
}

function readGoal(g: unknown): Goal | string {
  if (!isObject(g)) return 'it has no goal.';
  const p = g.percent;
  if (typeof p !== 'number' || !Number.isFinite(p) || p <= 0 || p >= 100) return 'its goal must be a percentage above 0 and below 100.';
  if (g.kind === 'errorBelow' || g.kind === 'accuracyAtLeast') return { kind: g.kind, percent: p };
  return 'its goal must be a test error to get under, or an accuracy to reach.';
}

function readConstraint(c: unknown, n: number): Constraint | string {
  if (!isObject(c) || typeof c.kind !== 'string' || !(CONSTRAINT_KINDS as readonly string[]).includes(c.kind)) return `limit ${n} is not one this app knows.`;
  const kind = c.kind as Constraint['kind'];
  if (kind === 'noHiddenDense' || kind === 'noAugmentation') return { kind };
  const [lo, hi] = LIMITS[kind];
  const v = c.value;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) return `limit ${n} (${kind}) must be a whole number from ${groupDigits(lo)} to ${groupDigits(hi)}.`;
  return { kind, value: v };
}

/** A challenge from untrusted JSON, checked field by field; refused with the reason. */
export function readChallenge(raw: unknown): ChallengeResult {
  const refuse = (why: string): ChallengeResult => ({ ok: false, error: `The challenge was refused: ${why}` });
  if (!isObject(raw)) return refuse('it is not an object.');
  const goal = readGoal(raw.goal);
  if (typeof goal === 'string') return refuse(goal);
  const list = raw.constraints ?? [];
  if (!Array.isArray(list)) return refuse('its limits are not a list.');
  if (list.length > MAX_CONSTRAINTS) return refuse(`it has ${list.length} limits; at most ${MAX_CONSTRAINTS}.`);
  const constraints: Constraint[] = [];
  for (const [i, c] of list.entries()) {
    const read = readConstraint(c, i + 1);
    if (typeof read === 'string') return refuse(read);
    if (constraints.some((k) => k.kind === read.kind)) return refuse(`it sets the ${read.kind} limit twice.`);
    constraints.push(read);
  }
  const rankBy = raw.rankBy ?? 'testError';
  if (typeof rankBy !== 'string' || !(MEASURES as readonly string[]).includes(rankBy)) return refuse(`it ranks by an unknown measure; use one of ${MEASURES.join(', ')}.`);
  const dataset = raw.dataset ?? 'mnist';
  if (typeof dataset !== 'string' || !(CHALLENGE_DATASETS as readonly string[]).includes(dataset)) return refuse(`its dataset must be one of ${CHALLENGE_DATASETS.join(', ')}.`);
  const on = dataset === 'mnist' ? {} : { dataset: dataset as Exclude<ChallengeDataset, 'mnist'> };
  const id = typeof raw.id === 'string' && /^[a-z0-9-]{1,40}$/.test(raw.id) ? raw.id : 'custom';
  const title = cleanText(raw.title, MAX_TITLE) || describeChallenge({ goal, constraints, ...on });
  return { ok: true, challenge: { id, title, goal, constraints, rankBy: rankBy as Measure, ...on } };
}
