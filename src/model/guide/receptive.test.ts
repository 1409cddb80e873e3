import { describe, expect, it } from 'vitest';
import { makeArchitecture } from '../architecture';
import { findPreset } from '../presets';
import { receptiveField, rangeSize } from './receptive';

const preset = (id: string) => findPreset(id)!.architecture;
const at = (layer: number, row: number, col: number) => ({ layer, channel: 0, row, col });

describe('receptive fields, against figures worked by hand', () => {
  it('simple CNN: a conv unit sees 5×5, a pooled one 6×6', () => {
    const a = preset('seed-simple-cnn');
    expect(receptiveField(a, at(0, 3, 7))).toEqual({ top: 3, bottom: 7, left: 7, right: 11 });
    expect(receptiveField(a, at(1, 2, 5))).toEqual({ top: 4, bottom: 9, left: 10, right: 15 });
    expect(receptiveField(a, at(2, 11, 11))).toEqual({ top: 22, bottom: 27, left: 22, right: 27 }); // dropout passes it on
  });
  it('larger CNN: the second conv sees 10×10, the second pool 12×12', () => {
    const a = preset('seed-larger-cnn');
    expect(rangeSize(receptiveField(a, at(2, 0, 0))!)).toEqual([10, 10]);
    expect(receptiveField(a, at(2, 9, 9))).toEqual({ top: 18, bottom: 27, left: 18, right: 27 });
    expect(receptiveField(a, at(3, 4, 4))).toEqual({ top: 16, bottom: 27, left: 16, right: 27 });
  });
  it('LeNet-5 on 32×32: C3 sees 14×14, S4 16×16', () => {
    const a = preset('lenet5');
    expect(receptiveField(a, at(2, 1, 2))).toEqual({ top: 2, bottom: 15, left: 4, right: 17 });
    expect(receptiveField(a, at(3, 4, 4))).toEqual({ top: 16, bottom: 31, left: 16, right: 31 });
  });
  it('clips padding "same" at the edges, and follows the padding tfjs puts first', () => {
    const same = makeArchitecture(28, [{ type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' }]);
    expect(receptiveField(same, at(0, 0, 0))).toEqual({ top: 0, bottom: 1, left: 0, right: 1 });
    expect(receptiveField(same, at(0, 27, 5))).toEqual({ top: 26, bottom: 27, left: 4, right: 6 });
    // 28 with a 5×5 kernel, stride 2, same: 14 outputs, 3 zeros of padding, 1 of them first.
    const strided = makeArchitecture(28, [{ type: 'conv2d', filters: 4, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu' }]);
    expect(receptiveField(strided, at(0, 0, 1))).toEqual({ top: 0, bottom: 3, left: 1, right: 5 });
  });
  it('gives dense units the whole input, and nothing for units that do not exist', () => {
    const a = preset('seed-simple-cnn');
    expect(receptiveField(a, { layer: 4, unit: 3 })).toEqual({ top: 0, bottom: 27, left: 0, right: 27 });
    expect(receptiveField(a, { layer: 4, unit: 128 })).toBeNull();
    expect(receptiveField(a, at(0, 24, 0))).toBeNull();
    expect(receptiveField(a, at(9, 0, 0))).toBeNull();
  });
});
