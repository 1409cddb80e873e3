// The class table on the teacher's device: result links collected, ranked by their challenge's measure, kept locally.

import { analyze } from '../analyze';
import type { Challenge, Judgement } from './challenge';
import { challengeKey, judgeRun } from './challenge';
import { serializeArchitecture } from '../parse';
import type { ResultClaim } from './resultLink';
import { readClaim } from './resultLink';

export interface ClassEntry {
  /** Stable for the same claim: opening one link twice does not add it twice. */
  id: string;
  claim: ResultClaim;
  /** When the teacher's device received it. */
  receivedAt: number;
  /** The teacher's own retraining of the network, when done: the claim confirmed or not. */
  confirmed: { testError: number; epochs: number; at: number } | null;
}

export interface ClassTable {
  entries: ClassEntry[];
}

export const TABLE_FORMAT = 'cnn-playground/class-table';
/** A class of 30 sending a few results each, with room to spare; the oldest go first beyond it. */
export const MAX_ENTRIES = 300;

export const EMPTY_TABLE: ClassTable = { entries: [] };

/** A short hash of the claim's content (FNV-1a), enough to tell entries apart. */
function claimId(claim: ResultClaim): string {
  const text = JSON.stringify([claim.name, challengeKey(claim.challenge), serializeArchitecture(claim.run.architecture), claim.run.settings, claim.run.testError, claim.run.epochs, claim.run.seconds, claim.at]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** Add a claim; the same claim again changes nothing. Says whether it was new. */
export function addClaim(table: ClassTable, claim: ResultClaim, now: number): { table: ClassTable; added: boolean; id: string } {
  const id = claimId(claim);
  if (table.entries.some((e) => e.id === id)) return { table, added: false, id };
  const entries = [...table.entries, { id, claim, receivedAt: now, confirmed: null }].slice(-MAX_ENTRIES);
  return { table: { entries }, added: true, id };
}

export function removeEntry(table: ClassTable, id: string): ClassTable {
  return { entries: table.entries.filter((e) => e.id !== id) };
}

/** Record the teacher's own run of an entry's network. */
export function confirmEntry(table: ClassTable, id: string, result: { testError: number; epochs: number }, now: number): ClassTable {
  return { entries: table.entries.map((e) => (e.id === id ? { ...e, confirmed: { ...result, at: now } } : e)) };
}

export interface RankedEntry {
  entry: ClassEntry;
  judgement: Judgement;
  params: number;
  /** 1-based place among the entries of its challenge. */
  rank: number;
}

export interface ChallengeGroup {
  challenge: Challenge;
  rows: RankedEntry[];
}

/**
 * The table grouped by challenge (the most recently active first), each ranked best first:
 * entries that meet the challenge before those that do not, then by the challenge's measure
 * (lower is better), then by who sent it first.
 */
export function rankTable(table: ClassTable): ChallengeGroup[] {
  const groups = new Map<string, { challenge: Challenge; entries: ClassEntry[]; latest: number }>();
  for (const e of table.entries) {
    const key = challengeKey(e.claim.challenge);
    const g = groups.get(key) ?? { challenge: e.claim.challenge, entries: [], latest: 0 };
    g.entries.push(e);
    g.latest = Math.max(g.latest, e.receivedAt);
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => b.latest - a.latest)
    .map((g) => {
      const rows = g.entries
        .map((entry) => ({ entry, judgement: judgeRun(g.challenge, entry.claim.run), params: analyze(entry.claim.run.architecture).totals.params }))
        .sort((a, b) => Number(b.judgement.met) - Number(a.judgement.met) || a.judgement.measure - b.judgement.measure || a.entry.receivedAt - b.entry.receivedAt)
        .map((r, i) => ({ ...r, rank: i + 1 }));
      return { challenge: g.challenge, rows };
    });
}

export function serializeTable(t: ClassTable): string {
  return JSON.stringify({ format: TABLE_FORMAT, version: 1, entries: t.entries.map((e) => ({ ...e, claim: claimDoc(e.claim) })) });
}

/** An entry's claim in the shape readClaim reads. */
function claimDoc(c: ResultClaim) {
  return { v: 1, name: c.name, challenge: c.challenge, arch: c.run.architecture, train: c.run.settings, figures: { testError: c.run.testError, epochs: c.run.epochs, seconds: c.run.seconds }, at: c.at };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** The table read back from storage: every entry checked as strictly as a link; unreadable ones dropped. */
export function readTable(text: string | null): ClassTable {
  if (text === null || text.length > 5_000_000) return EMPTY_TABLE;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return EMPTY_TABLE;
  }
  if (!isObject(raw) || raw.format !== TABLE_FORMAT || raw.version !== 1 || !Array.isArray(raw.entries)) return EMPTY_TABLE;
  const entries: ClassEntry[] = [];
  for (const e of raw.entries.slice(-MAX_ENTRIES)) {
    if (!isObject(e) || !finite(e.receivedAt)) continue;
    const read = readClaim(e.claim);
    if (!read.ok) continue;
    const c = e.confirmed;
    const confirmed = isObject(c) && finite(c.testError) && finite(c.epochs) && finite(c.at) ? { testError: c.testError, epochs: c.epochs, at: c.at } : null;
    // The id is the claim's own hash, not whatever was stored.
    const id = claimId(read.claim);
    if (entries.some((x) => x.id === id)) continue;
    entries.push({ id, claim: read.claim, receivedAt: e.receivedAt, confirmed });
  }
  return { entries };
}
