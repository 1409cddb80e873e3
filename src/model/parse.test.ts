import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { PRESETS } from './presets';
import { parseArchitecture, serializeArchitecture } from './parse';
import { HASH_PREFIX, readShareHash, shareHash } from './share';

describe('architecture documents', () => {
  it('every preset round-trips through JSON and a share link', () => {
    for (const p of PRESETS) {
      const viaText = parseArchitecture(serializeArchitecture(p.architecture, true));
      expect(viaText).toEqual({ ok: true, architecture: p.architecture });
      const viaLink = readShareHash(shareHash(p.architecture));
      expect(viaLink).toEqual({ ok: true, architecture: p.architecture });
    }
  });

  it('reads the hand-written form of DESIGN.md, filling Keras defaults', () => {
    const text = JSON.stringify({
      format: 'cnn-playground/architecture',
      version: 1,
      input: { height: 28, width: 28, channels: 1 },
      layers: [
        { type: 'conv2d', filters: 32, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
        { type: 'maxPooling2d', poolSize: 2, strides: 2 },
        { type: 'dropout', rate: 0.2 },
        { type: 'flatten' },
        { type: 'dense', units: 128, activation: 'relu', name: 'ignored' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    });
    const r = parseArchitecture(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.architecture.layers[1]).toEqual({ type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' });
    expect(r.architecture.layers[4]).toEqual({ type: 'dense', units: 128, activation: 'relu' });
    expect(analyze(r.architecture).totals.params).toBe(592_074);
  });

  const base = { format: 'cnn-playground/architecture', version: 1, input: { height: 28, width: 28, channels: 1 } };
  it.each([
    ['{not json', /not valid JSON/],
    ['[]', /must be a JSON object/],
    [JSON.stringify({ ...base, format: 'other' }), /Not a CNN Playground architecture/],
    [JSON.stringify({ ...base, version: 2, layers: [] }), /version 2; this app reads version 1/],
    [JSON.stringify({ ...base, input: { height: 64, width: 64, channels: 1 }, layers: [] }), /28×28×1 or 32×32×1/],
    [JSON.stringify({ ...base, layers: [{ type: 'lstm' }] }), /Layer 1: unknown layer type \("lstm"\)/],
    [JSON.stringify({ ...base, layers: [{ type: 'dense', units: 1e12 }] }), /far beyond/],
    [JSON.stringify({ ...base, layers: [{ type: 'dense', units: '10' }] }), /"units" must be a number/],
    [JSON.stringify({ ...base, layers: [{ type: 'dense', units: 10, activation: '<img src=x>' }] }), /"activation" must be one of/],
    [JSON.stringify({ ...base, layers: Array.from({ length: 500 }, () => ({ type: 'flatten' })) }), /too many/],
    ['x'.repeat(2_000_000), /characters long/],
  ])('rejects bad documents %#', (text, pattern) => {
    const r = parseArchitecture(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(pattern);
  });

  it('share links: no hash, garbled escapes, megabytes', () => {
    expect(readShareHash('')).toBeNull();
    expect(readShareHash('#other=1')).toBeNull();
    const garbled = readShareHash(`${HASH_PREFIX}%E0%A4%A`);
    expect(garbled?.ok).toBe(false);
    const huge = readShareHash(HASH_PREFIX + 'a'.repeat(5_000_000));
    expect(huge?.ok === false && huge.error).toMatch(/characters long/);
  });
});
