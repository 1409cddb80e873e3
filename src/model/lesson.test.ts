import { describe, expect, it } from 'vitest';
import { findPreset } from './presets';
import type { Lesson } from './lesson';
import { deflateToBase64Url } from './deflate';
import { compressedLessonHash, lessonHash, readCompressedLessonHash, readLessonHash, readSettings } from './lesson';
import { readShareHash, shareHash } from './share';
import { DEFAULT_SETTINGS } from './training';

const cnn = findPreset('seed-larger-cnn')!.architecture;
const lesson: Lesson = { architecture: cnn, settings: { ...DEFAULT_SETTINGS, epochs: 3, subset: 5000 }, locked: true, presenter: true };

describe('lesson links', () => {
  it('round-trip in the readable form', () => {
    const read = readLessonHash(lessonHash(lesson));
    expect(read).toEqual({ ok: true, lesson });
  });

  it('read a plain share link as a lesson that changes nothing else', () => {
    expect(readLessonHash(shareHash(cnn))).toEqual({ ok: true, lesson: { architecture: cnn, settings: null, locked: false, presenter: false } });
    expect(readLessonHash('#other')).toBeNull();
  });

  it('still load as plain share links (the network comes first)', () => {
    const read = readShareHash(lessonHash(lesson));
    expect(read).toEqual({ ok: true, architecture: cnn });
  });

  it('round-trip compressed, and are much shorter', async () => {
    const hash = await compressedLessonHash(lesson);
    expect(hash).toMatch(/^#z=[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(lessonHash(lesson).length / 2);
    expect(await readCompressedLessonHash(hash)).toEqual({ ok: true, lesson });
  });

  it('refuse bad settings with a reason, keeping only known fields', () => {
    const bad = lessonHash({ ...lesson, settings: { ...lesson.settings!, batchSize: 0 } });
    const read = readLessonHash(bad);
    expect(read?.ok).toBe(false);
    expect(!read?.ok && read?.error).toMatch(/Batch size/);
    const extra = readSettings({ epochs: 4, evil: '<script>', learningRate: 'fast' });
    expect(extra).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, epochs: 4 } });
    expect(readLessonHash(`${shareHash(cnn)}&train=%7Bnot json`)).toMatchObject({ ok: false });
  });

  it('refuse garbled, truncated and inflating compressed links', async () => {
    const hash = await compressedLessonHash(lesson);
    expect(await readCompressedLessonHash(hash.slice(0, hash.length - 20))).toMatchObject({ ok: false });
    expect(await readCompressedLessonHash('#z=!!!')).toMatchObject({ ok: false });
    // 200 KB of spaces compress to a few hundred bytes but must not be unpacked in full.
    const bomb = await new Response(new Blob([' '.repeat(200_000)]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
    const b64 = btoa(String.fromCharCode(...new Uint8Array(bomb))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const read = await readCompressedLessonHash(`#z=${b64}`);
    expect(read).toMatchObject({ ok: false });
    expect(!read!.ok && read!.error).toMatch(/far more/);
  });
});

describe('lesson links with a challenge', () => {
  const challenge = { id: 'custom', title: 'Tiny but good', goal: { kind: 'errorBelow' as const, percent: 1.5 }, constraints: [{ kind: 'paramsBelow' as const, value: 50_000 }], rankBy: 'params' as const };
  const withChallenge: Lesson = { ...lesson, challenge };

  it('round-trip in both forms, the compressed one still QR-sized', async () => {
    expect(readLessonHash(lessonHash(withChallenge))).toEqual({ ok: true, lesson: withChallenge });
    const short = await compressedLessonHash(withChallenge);
    // Full training settings and a challenge: still well inside what a QR code on a projector scans.
    expect(short.length).toBeLessThan(1000);
    expect(await readCompressedLessonHash(short)).toEqual({ ok: true, lesson: withChallenge });
  });

  it('leave links without one as they were', () => {
    expect(lessonHash(lesson)).not.toContain('challenge');
    expect(readLessonHash(lessonHash(lesson))).toEqual({ ok: true, lesson });
  });

  it('refuse oversized challenge links in both forms', async () => {
    const huge = { ...challenge, title: 'x'.repeat(100_000) };
    expect(readLessonHash(lessonHash({ ...lesson, challenge: huge }))).toMatchObject({ ok: false, error: expect.stringMatching(/characters long/) as unknown });
    // 100,000 repeated characters pack into a short link, but are not unpacked past the cap.
    const packed = await compressedLessonHash({ ...lesson, challenge: huge });
    expect(packed.length).toBeLessThan(20_000);
    expect(await readCompressedLessonHash(packed)).toMatchObject({ ok: false, error: expect.stringMatching(/far more/) as unknown });
  });

  it('refuse a bad challenge with its reason, and garbled challenge JSON', async () => {
    const bad = lessonHash({ ...lesson, challenge: { ...challenge, goal: { kind: 'errorBelow', percent: 250 } } });
    expect(readLessonHash(bad)).toMatchObject({ ok: false, error: expect.stringMatching(/challenge was refused: its goal/) as unknown });
    expect(readLessonHash(`${shareHash(cnn)}&challenge=%7Bnope`)).toMatchObject({ ok: false, error: expect.stringMatching(/challenge is not valid JSON/) as unknown });
    const text = JSON.stringify({ arch: JSON.parse(JSON.stringify(cnn)), challenge: { goal: { kind: 'errorBelow', percent: 2 }, constraints: [{ kind: 'paramsBelow', value: -5 }] } });
    const packed = `#z=${await deflateToBase64Url(text)}`;
    expect(await readCompressedLessonHash(packed)).toMatchObject({ ok: false, error: expect.stringMatching(/limit 1 \(paramsBelow\)/) as unknown });
  });
});

describe('lesson links that open a guided lesson', () => {
  it('round-trip the lesson’s id in both forms', async () => {
    const guided: Lesson = { ...lesson, guide: 'pool' };
    expect(lessonHash(guided)).toMatch(/&guide=pool$/);
    expect(readLessonHash(lessonHash(guided))).toEqual({ ok: true, lesson: guided });
    expect(await readCompressedLessonHash(await compressedLessonHash(guided))).toEqual({ ok: true, lesson: guided });
  });

  it('refuse a lesson this version does not have, naming it', async () => {
    expect(readLessonHash(`${shareHash(cnn)}&guide=quantum`)).toMatchObject({ ok: false, error: expect.stringMatching(/guided lesson .* \(“quantum”\)/) as unknown });
    const packed = `#z=${await deflateToBase64Url(JSON.stringify({ arch: JSON.parse(JSON.stringify(cnn)), guide: { $ne: 1 } }))}`;
    expect(await readCompressedLessonHash(packed)).toMatchObject({ ok: false, error: expect.stringMatching(/not a name/) as unknown });
  });
});
