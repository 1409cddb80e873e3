// Receptive fields against figures worked out by hand for the seed's three networks, LeNet-5 and "same" padding.
import { describe, expect, it } from 'vitest';
import type { Layer } from './architecture';
import { makeArchitecture } from './architecture';
import { findPreset } from './presets';
import { receptiveField, rectKey } from './receptiveField';
import type { UnitRef } from './units';
import { volumeIndex } from './units';

const arch = (id: string) => findPreset(id)!.architecture;
const map = (layer: number, row: number, col: number, channel = 0): UnitRef => ({ layer, channel, row, col });

/** "top,left,bottom,right height×width", or "none". */
function field(a: ReturnType<typeof arch>, unit: UnitRef): string {
  const f = receptiveField(a, unit);
  return f ? `${rectKey(f.rect)} ${f.height}×${f.width}${f.whole ? ' whole' : ''}` : 'none';
}

describe('receptive fields of the seed networks', () => {
  it('baseline MLP: a Flatten unit sees its one pixel, a dense unit the whole image', () => {
    const mlp = arch('seed-mlp');
    // Flatten unit 100 is pixel row 3, column 16 (100 = 3 · 28 + 16).
    expect(field(mlp, { layer: 0, unit: 100 })).toBe('3,16,3,16 1×1');
    expect(field(mlp, { layer: 1, unit: 5 })).toBe('0,0,27,27 28×28 whole');
    expect(field(mlp, { layer: 2, unit: 9 })).toBe('0,0,27,27 28×28 whole');
  });

  it('simple CNN: 5×5 for the conv, 6×6 after 2×2 pooling, the whole image for dense', () => {
    const cnn = arch('seed-simple-cnn');
    expect(field(cnn, map(0, 3, 7))).toBe('3,7,7,11 5×5');
    // Pool (2, 5) reads conv rows 4–5 and columns 10–11, which read input rows 4–9 and columns 10–15.
    expect(field(cnn, map(1, 2, 5, 9))).toBe('4,10,9,15 6×6');
    expect(field(cnn, map(2, 2, 5, 9))).toBe('4,10,9,15 6×6'); // dropout changes nothing
    // Flatten unit of pool cell (2, 5, channel 0): the same field.
    expect(field(cnn, { layer: 3, unit: volumeIndex(2, 5, 0, 12, 32) })).toBe('4,10,9,15 6×6');
    expect(field(cnn, { layer: 4, unit: 0 })).toBe('0,0,27,27 28×28 whole');
    expect(field(cnn, { layer: 5, unit: 7 })).toBe('0,0,27,27 28×28 whole');
  });

  it('larger CNN: 5, 6, 10 and 12 pixels across for its four conv and pooling layers', () => {
    const cnn = arch('seed-larger-cnn');
    expect(field(cnn, map(0, 0, 0))).toBe('0,0,4,4 5×5');
    expect(field(cnn, map(1, 1, 1))).toBe('2,2,7,7 6×6');
    // conv2 (2, 3) ← pool1 rows 2–4, cols 3–5 ← conv1 rows 4–9, cols 6–11 ← input rows 4–13, cols 6–15.
    expect(field(cnn, map(2, 2, 3))).toBe('4,6,13,15 10×10');
    // pool2 (1, 2) ← conv2 rows 2–3, cols 4–5 ← pool1 rows 2–5, cols 4–7 ← conv1 rows 4–11, cols 8–15 ← input rows 4–15, cols 8–19.
    expect(field(cnn, map(3, 1, 2))).toBe('4,8,15,19 12×12');
    expect(field(cnn, map(3, 4, 4))).toBe('16,16,27,27 12×12');
    expect(field(cnn, { layer: 6, unit: 0 })).toBe('0,0,27,27 28×28 whole');
  });

  it('LeNet-5 on 32×32: C1 5, S2 6, C3 14, S4 16 pixels, F5 the whole image', () => {
    const lenet = arch('lenet5');
    expect(field(lenet, map(0, 27, 27))).toBe('27,27,31,31 5×5');
    expect(field(lenet, map(1, 13, 13))).toBe('26,26,31,31 6×6');
    expect(field(lenet, map(2, 9, 9))).toBe('18,18,31,31 14×14');
    expect(field(lenet, map(3, 4, 4))).toBe('16,16,31,31 16×16');
    expect(field(lenet, map(3, 0, 0))).toBe('0,0,15,15 16×16');
    expect(field(lenet, { layer: 5, unit: 3 })).toBe('0,0,31,31 32×32 whole');
  });
});

describe('receptive fields with "same" padding and strides', () => {
  const conv = (kernelSize: number, strides: number): Layer => ({ type: 'conv2d', filters: 2, kernelSize, strides, padding: 'same', activation: 'relu' });

  it('a 5×5 same conv: 2 rows of zeros above, so the corner unit sees 3×3 pixels of a 5×5 field', () => {
    expect(field(makeArchitecture(28, [conv(5, 1)]), map(0, 0, 0))).toBe('0,0,2,2 5×5');
  });

  it('TF puts the odd padding row after: a 3×3 stride-2 conv on 28 pads 0 above and 1 below', () => {
    const a = makeArchitecture(28, [conv(3, 2)]);
    expect(field(a, map(0, 0, 0))).toBe('0,0,2,2 3×3');
    expect(field(a, map(0, 13, 13))).toBe('26,26,27,27 3×3');
  });

  it('a 4×4 same conv pads 1 before and 2 after', () => {
    expect(field(makeArchitecture(28, [conv(4, 1)]), map(0, 27, 0))).toBe('26,0,27,2 4×4');
  });

  it('two 5×5 same convs: a 9×9 field, clipped at every layer where it runs into padding', () => {
    expect(field(makeArchitecture(28, [conv(5, 1), conv(5, 1)]), map(1, 0, 0))).toBe('0,0,4,4 9×9');
  });

  it('same max pooling with stride 2 on 32×32', () => {
    const a = makeArchitecture(32, [conv(3, 1), { type: 'maxPooling2d', poolSize: 3, strides: 2, padding: 'same' }]);
    // Pool out 16; padding total max(15·2 + 3 − 32, 0) = 1 → 0 before, 1 after. Pool (15, 15) ← conv rows 30–32 (32 is padding) ← input 29–31.
    expect(field(a, map(1, 15, 15))).toBe('29,29,31,31 5×5');
  });

  it('no field for a unit outside its layer, or past a broken layer', () => {
    const cnn = arch('seed-simple-cnn');
    expect(receptiveField(cnn, map(0, 24, 0))).toBeNull();
    expect(receptiveField(cnn, { layer: 4, unit: 128 })).toBeNull();
    expect(receptiveField(cnn, map(4, 0, 0))).toBeNull();
    const broken = makeArchitecture(28, [conv(5, 1), { type: 'maxPooling2d', poolSize: 40, strides: 40, padding: 'valid' }, conv(3, 1)]);
    expect(receptiveField(broken, map(2, 0, 0))).toBeNull();
  });
});
