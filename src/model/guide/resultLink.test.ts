import { describe, expect, it } from 'vitest';
import { deflateToBase64Url } from '../deflate';
import { findPreset } from '../presets';
import { DEFAULT_SETTINGS } from '../training';
import { findChallenge } from './challenge';
import type { ResultClaim } from './resultLink';
import { readResultHash, resultHash } from './resultLink';

const claim: ResultClaim = {
  name: 'Ada',
  challenge: findChallenge('small-net')!,
  run: { architecture: findPreset('seed-larger-cnn')!.architecture, settings: { ...DEFAULT_SETTINGS, epochs: 3, subset: 6000 }, epochs: 3, testError: 1.87, seconds: 41.5 },
  at: 1_764_000_000_000,
};

const pack = async (doc: unknown) => `#r=${await deflateToBase64Url(JSON.stringify(doc))}`;
const docOf = (c: ResultClaim) => ({ v: 1, name: c.name, challenge: c.challenge, arch: c.run.architecture, train: c.run.settings, figures: { testError: c.run.testError, epochs: c.run.epochs, seconds: c.run.seconds }, at: c.at });

describe('result links', () => {
  it('round-trip, short enough for a QR code', async () => {
    const hash = await resultHash(claim);
    expect(hash).toMatch(/^#r=[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(1200);
    expect(await readResultHash(hash)).toEqual({ ok: true, claim });
  });

  it('are not other links', async () => {
    expect(await readResultHash('#arch=%7B%7D')).toBeNull();
    expect(await readResultHash('#z=abc')).toBeNull();
  });

  it('clean the learner’s name and default it', async () => {
    const read = await readResultHash(await pack({ ...docOf(claim), name: '\u202eAda\u0007 ' + 'L'.repeat(80) }));
    expect(read?.ok && read.claim.name).toBe(`Ada ${'L'.repeat(36)}`);
    const anon = await readResultHash(await pack({ ...docOf(claim), name: 42 }));
    expect(anon?.ok && anon.claim.name).toBe('Anonymous');
  });

  it.each([
    ['another version', { ...docOf(claim), v: 2 }, /not a result of this app/],
    ['a bad challenge', { ...docOf(claim), challenge: { goal: { kind: 'errorBelow', percent: 300 } } }, /challenge was refused/],
    ['a broken network', { ...docOf(claim), arch: { format: 'cnn-playground/architecture', version: 1, input: { height: 28, width: 28, channels: 1 }, layers: [{ type: 'lstm' }] } }, /network was not loaded.*unknown layer type/],
    ['settings out of range', { ...docOf(claim), train: { ...claim.run.settings, batchSize: 0 } }, /Batch size/],
    ['no figures', { ...docOf(claim), figures: null }, /no figures/],
    ['a negative test error', { ...docOf(claim), figures: { ...docOf(claim).figures, testError: -1 } }, /test error/],
    ['a test error as text', { ...docOf(claim), figures: { ...docOf(claim).figures, testError: '0.1' } }, /test error/],
    ['fractional epochs', { ...docOf(claim), figures: { ...docOf(claim).figures, epochs: 2.5 } }, /epoch count/],
    ['an absurd time', { ...docOf(claim), figures: { ...docOf(claim).figures, seconds: 1e12 } }, /training time/],
    ['not an object', [1, 2, 3], /not a result/],
  ])('refuse %s with a message', async (_name, doc, says) => {
    const read = await readResultHash(await pack(doc));
    expect(read?.ok).toBe(false);
    expect(read && !read.ok && read.error).toMatch(says);
  });

  it('refuse garbled, truncated, oversized and inflating links', async () => {
    const hash = await resultHash(claim);
    for (const bad of [hash.slice(0, -25), '#r=!!!', '#r=%7B', `#r=${'A'.repeat(30)}`, '#r=']) {
      const read = await readResultHash(bad);
      expect(read?.ok, bad).toBe(false);
      expect(read && !read.ok && read.error).toMatch(/garbled|refused/);
    }
    const long = await readResultHash(`#r=${'A'.repeat(25_000)}`);
    expect(long && !long.ok && long.error).toMatch(/characters long/);
    const bomb = await pack({ ...docOf(claim), padding: ' '.repeat(300_000) });
    expect(bomb.length).toBeLessThan(20_000);
    const read = await readResultHash(bomb);
    expect(read && !read.ok && read.error).toMatch(/far more/);
  });
});
