import { describe, expect, it } from 'vitest';
import type { Architecture } from '../architecture';
import { findPreset } from '../presets';
import { DEFAULT_SETTINGS } from '../training';
import { findChallenge } from './challenge';
import type { ClassTable } from './classTable';
import { EMPTY_TABLE, MAX_ENTRIES, addClaim, confirmEntry, rankTable, readTable, removeEntry, serializeTable } from './classTable';
import { conv, flatten, maxPool, net, output } from './lessons/layers';
import type { ResultClaim } from './resultLink';

const small = net(28, [conv(8, 3), maxPool(), conv(16, 3), maxPool(), flatten, output]);
const larger = findPreset('seed-larger-cnn')!.architecture;
const smallNet = findChallenge('small-net')!;
const claim = (name: string, testError: number, architecture: Architecture = small, challenge = smallNet): ResultClaim => ({
  name,
  challenge,
  run: { architecture, settings: { ...DEFAULT_SETTINGS, epochs: 2 }, epochs: 2, testError, seconds: 30 },
  at: 1000,
});

function collect(...claims: ResultClaim[]): ClassTable {
  return claims.reduce((t, c, i) => addClaim(t, c, 10_000 + i).table, EMPTY_TABLE);
}

describe('the class table', () => {
  it('ranks entries that meet the challenge by its measure, then those that miss', () => {
    // Cy's network is too large for "fewer than 20,000 parameters", however low its error.
    const t = collect(claim('Ben', 1.9), claim('Ada', 1.4), claim('Cy', 0.9, larger), claim('Dee', 2.5));
    const [group] = rankTable(t);
    expect(group!.challenge).toEqual(smallNet);
    expect(group!.rows.map((r) => [r.rank, r.entry.claim.name, r.judgement.met])).toEqual([
      [1, 'Ada', true],
      [2, 'Ben', true],
      [3, 'Cy', false],
      [4, 'Dee', false],
    ]);
    expect(group!.rows[2]!.params).toBe(59_933);
  });

  it('ranks by parameters when the challenge says so, ties going to who sent first', () => {
    const byParams = { ...smallNet, rankBy: 'params' as const };
    const t = collect(claim('Ada', 1.4, small, byParams), claim('Ben', 1.9, net(28, [conv(2, 3), maxPool(4), flatten, output]), byParams), claim('Cy', 1.0, small, byParams));
    expect(rankTable(t)[0]!.rows.map((r) => r.entry.claim.name)).toEqual(['Ben', 'Ada', 'Cy']);
  });

  it('keeps each challenge apart, the latest first', () => {
    const t = collect(claim('Ada', 1.4), claim('Ben', 0.7, larger, findChallenge('beat-seed-3')!));
    expect(rankTable(t).map((g) => g.challenge.id)).toEqual(['beat-seed-3', 'small-net']);
  });

  it('adds the same link once', () => {
    const first = addClaim(EMPTY_TABLE, claim('Ada', 1.4), 1);
    const again = addClaim(first.table, claim('Ada', 1.4), 2);
    expect(first.added).toBe(true);
    expect(again.added).toBe(false);
    expect(again.table.entries).toHaveLength(1);
    expect(addClaim(first.table, claim('Ada', 1.3), 3).table.entries).toHaveLength(2);
  });

  it('records the teacher’s retraining, and removes entries', () => {
    const { table, id } = addClaim(EMPTY_TABLE, claim('Ada', 1.4), 1);
    const confirmed = confirmEntry(table, id, { testError: 1.52, epochs: 2 }, 99);
    expect(confirmed.entries[0]!.confirmed).toEqual({ testError: 1.52, epochs: 2, at: 99 });
    expect(removeEntry(confirmed, id).entries).toEqual([]);
  });

  it('keeps at most MAX_ENTRIES, dropping the oldest', () => {
    let t = EMPTY_TABLE;
    for (let i = 0; i < MAX_ENTRIES + 5; i++) t = addClaim(t, claim(`L${i}`, 1.5), i).table;
    expect(t.entries).toHaveLength(MAX_ENTRIES);
    expect(t.entries[0]!.claim.name).toBe('L5');
  });

  it('survives storage, and reads back each entry as strictly as a link', () => {
    const t = confirmEntry(collect(claim('Ada', 1.4), claim('Ben', 1.9)), collect(claim('Ada', 1.4)).entries[0]!.id, { testError: 1.5, epochs: 2 }, 5);
    expect(readTable(serializeTable(t))).toEqual(t);
    const stored = JSON.parse(serializeTable(t)) as { entries: { claim: { figures: { testError: unknown } }; id: string }[] };
    stored.entries[1]!.claim.figures.testError = 'cheat';
    stored.entries[0]!.id = 'forged';
    const read = readTable(JSON.stringify(stored));
    expect(read.entries.map((e) => e.claim.name)).toEqual(['Ada']);
    expect(read.entries[0]!.id).toBe(t.entries[0]!.id);
    for (const bad of [null, 'nope', '{}', '{"format":"cnn-playground/class-table","version":1,"entries":{}}']) expect(readTable(bad)).toEqual(EMPTY_TABLE);
  });
});
