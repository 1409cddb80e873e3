import { describe, expect, it } from 'vitest';
import { findPreset } from './presets';
import type { Lesson } from './lesson';
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
