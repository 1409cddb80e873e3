import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import type { Architecture } from '../architecture';
import { withDataset } from '../architecture';
import { findPreset } from '../presets';
import { DEFAULT_SETTINGS } from '../training';
import type { Challenge } from './challenge';
import { BUILTIN_CHALLENGES, challengeKey, describeChallenge, findChallenge, judgeRun, readChallenge } from './challenge';
import { conv, flatten, maxPool, net, output } from './lessons/layers';
import type { RunFigures } from './types';

const preset = (id: string) => findPreset(id)!.architecture;
const run = (architecture: Architecture, testError: number, epochs = 3, extra: Partial<RunFigures> = {}): RunFigures => ({ architecture, settings: { ...DEFAULT_SETTINGS, epochs }, epochs, testError, seconds: 60, ...extra });
/** 8@3×3, pool, 16@3×3, pool, dense 10: (9+1)·8 + (72+1)·16 + (400+1)·10 = 5,258 parameters, no hidden Dense. */
const small = net(28, [conv(8, 3), maxPool(), conv(16, 3), maxPool(), flatten, output]);

describe('built-in challenges', () => {
  it('are the ones the issue names, with titles that read as their rules', () => {
    expect(BUILTIN_CHALLENGES.map((c) => c.id)).toEqual(['small-net', 'beat-seed-3', 'no-dense', 'one-epoch']);
    expect(describeChallenge(findChallenge('small-net')!)).toBe('Test error under 2%, with fewer than 20,000 parameters');
    for (const c of BUILTIN_CHALLENGES) expect(readChallenge(JSON.parse(JSON.stringify(c)))).toEqual({ ok: true, challenge: c });
  });

  it('"under 2% with fewer than 20,000 parameters": met, missed on error, missed on size', () => {
    const c = findChallenge('small-net')!;
    expect(analyze(small).totals.params).toBe(5258);
    const met = judgeRun(c, run(small, 1.62));
    expect(met.met).toBe(true);
    expect(met.items.map((i) => i.text)).toEqual(['test error 1.62% (goal: under 2%)', '5,258 parameters (limit: fewer than 20,000)']);
    expect(judgeRun(c, run(small, 2.0)).met).toBe(false); // "under" is strict: exactly 2% misses
    expect(judgeRun(c, run(small, 1.9999999999999998)).met).toBe(false); // 200 of 10,000 in float noise
    const big = judgeRun(c, run(preset('seed-simple-cnn'), 0.9));
    expect(big.met).toBe(false);
    expect(big.items[1]).toEqual({ ok: false, text: '592,074 parameters (limit: fewer than 20,000)' });
  });

  it('"beat the seed’s 0.83% in 3 epochs": the epoch limit counts every epoch trained', () => {
    const c = findChallenge('beat-seed-3')!;
    expect(judgeRun(c, run(preset('best'), 0.8, 3)).met).toBe(true);
    expect(judgeRun(c, run(preset('best'), 0.83, 3)).met).toBe(false);
    const long = judgeRun(c, run(preset('best'), 0.5, 4));
    expect(long.met).toBe(false);
    expect(long.items[1]).toEqual({ ok: false, text: '4 epochs (limit: 3)' });
  });

  it('"98% with no Dense layer but the output": names the hidden Dense layer', () => {
    const c = findChallenge('no-dense')!;
    expect(judgeRun(c, run(small, 2)).met).toBe(true); // 98.00% is "at least 98%"
    expect(judgeRun(c, run(small, 2.01)).met).toBe(false);
    const mlp = judgeRun(c, run(preset('seed-mlp'), 1.5));
    expect(mlp.met).toBe(false);
    expect(mlp.items[1]!.text).toBe('Dense (layer 2) is a hidden Dense layer');
  });

  it('"no augmentation" reads the run’s settings', () => {
    const c = findChallenge('one-epoch')!;
    expect(judgeRun(c, run(small, 1.5, 1)).met).toBe(true);
    const augmented = run(small, 1.5, 1, { settings: { ...DEFAULT_SETTINGS, epochs: 1, augment: true } });
    expect(judgeRun(c, augmented).items[2]).toEqual({ ok: false, text: 'trained on augmented digits' });
  });

  it('measure runs by the challenge’s own measure', () => {
    const byParams: Challenge = { ...findChallenge('small-net')!, rankBy: 'params' };
    expect(judgeRun(byParams, run(small, 1.5)).measure).toBe(5258);
    expect(judgeRun(findChallenge('small-net')!, run(small, 1.5)).measure).toBe(1.5);
    expect(judgeRun({ ...byParams, rankBy: 'seconds' }, run(small, 1.5)).measure).toBe(60);
    expect(challengeKey(byParams)).not.toBe(challengeKey(findChallenge('small-net')!));
  });
});

describe('challenges on a dataset', () => {
  it('an MNIST challenge is not met by a run on another test set, however good', () => {
    const fashion = withDataset(small, 'fashion-mnist');
    const judged = judgeRun(findChallenge('small-net')!, run(fashion, 0.5));
    expect(judged.met).toBe(false);
    expect(judged.items.at(-1)).toEqual({ ok: false, text: 'trained on Fashion-MNIST; the challenge is on MNIST digits' });
  });

  it('a Fashion-MNIST challenge reads back, says so in its rules, and takes Fashion-MNIST runs only', () => {
    const read = readChallenge({ goal: { kind: 'errorBelow', percent: 12 }, dataset: 'fashion-mnist' });
    expect(read.ok && read.challenge).toEqual({ id: 'custom', title: 'Fashion-MNIST: Test error under 12%', goal: { kind: 'errorBelow', percent: 12 }, constraints: [], rankBy: 'testError', dataset: 'fashion-mnist' });
    const c = (read as { challenge: Challenge }).challenge;
    expect(judgeRun(c, run(withDataset(small, 'fashion-mnist'), 10)).met).toBe(true);
    expect(judgeRun(c, run(small, 1)).met).toBe(false);
    expect(challengeKey(c)).not.toBe(challengeKey({ ...c, dataset: undefined }));
    // MNIST is written as no field, so built-in challenges and old links read as they were.
    expect(readChallenge({ ...findChallenge('small-net')!, dataset: 'mnist' })).toEqual({ ok: true, challenge: findChallenge('small-net') });
  });

  it('refuses a dataset a class cannot share', () => {
    expect(readChallenge({ goal: { kind: 'errorBelow', percent: 12 }, dataset: 'custom' })).toMatchObject({ ok: false, error: expect.stringMatching(/dataset must be one of mnist, fashion-mnist/) as unknown });
  });
});

describe('reading a teacher’s challenge', () => {
  const good = { id: 'class-7b', title: 'Tiny but good', goal: { kind: 'errorBelow', percent: 1.5 }, constraints: [{ kind: 'paramsBelow', value: 50_000 }, { kind: 'epochsAtMost', value: 5 }], rankBy: 'params' };

  it('keeps known fields and drops the rest', () => {
    const read = readChallenge({ ...good, evil: '<script>', constraints: [...good.constraints] });
    expect(read).toEqual({ ok: true, challenge: good });
  });

  it('fills in a title from the rules, an id of "custom" and ranking by test error', () => {
    const read = readChallenge({ goal: { kind: 'accuracyAtLeast', percent: 99 }, id: 'Not An Id!' });
    expect(read).toEqual({ ok: true, challenge: { id: 'custom', title: 'Test accuracy of at least 99%', goal: { kind: 'accuracyAtLeast', percent: 99 }, constraints: [], rankBy: 'testError' } });
  });

  it('strips control and direction-override characters from the title and caps its length', () => {
    const read = readChallenge({ ...good, title: 'Tiny\u202e gniht\u0000 ' + 'x'.repeat(300) });
    expect(read.ok && read.challenge.title).toMatch(/^Tiny gniht x+$/);
    expect(read.ok && read.challenge.title.length).toBe(100);
  });

  it.each([
    ['not an object', 'goal', /not an object/],
    ['no goal', { constraints: [] }, /no goal/],
    ['an unknown goal', { goal: { kind: 'fastest', percent: 2 } }, /goal must be/],
    ['a goal of 0%', { goal: { kind: 'errorBelow', percent: 0 } }, /above 0 and below 100/],
    ['a goal that is not a number', { goal: { kind: 'errorBelow', percent: '2' } }, /percentage/],
    ['a goal of Infinity% (JSON’s 1e400)', { goal: JSON.parse('{"kind":"errorBelow","percent":1e400}') as unknown }, /percentage/],
    ['an unknown limit', { goal: good.goal, constraints: [{ kind: 'gpuOnly' }] }, /limit 1 is not one/],
    ['a fractional limit', { goal: good.goal, constraints: [{ kind: 'epochsAtMost', value: 2.5 }] }, /whole number from 1 to 200/],
    ['an absurd limit', { goal: good.goal, constraints: [{ kind: 'paramsBelow', value: 1e12 }] }, /from 1 to 10,000,000/],
    ['a limit set twice', { goal: good.goal, constraints: [{ kind: 'noHiddenDense' }, { kind: 'noHiddenDense' }] }, /twice/],
    ['too many limits', { goal: good.goal, constraints: Array.from({ length: 7 }, () => ({ kind: 'noAugmentation' })) }, /at most 6/],
    ['limits that are not a list', { goal: good.goal, constraints: { kind: 'noHiddenDense' } }, /not a list/],
    ['an unknown measure', { goal: good.goal, rankBy: 'vibes' }, /unknown measure/],
  ])('refuses %s with a reason', (_name, raw, says) => {
    const read = readChallenge(raw);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error).toMatch(/^The challenge was refused: /);
    expect(!read.ok && read.error).toMatch(says);
  });
});
