import { beforeEach, describe, expect, it } from 'vitest';
import { analyze } from '../model/analyze';
import { findPreset } from '../model/presets';
import { addLayer, deleteLayer, loadPreset, moveLayer, redo, undo, updateLayer } from './builderActions';
import { resetStore, useAppStore } from './store';

const arch = () => useAppStore.getState().architecture;

describe('builder actions', () => {
  beforeEach(() => resetStore());

  it('edits are undoable and redoable, in order', () => {
    loadPreset('empty');
    addLayer('flatten');
    addLayer('dense');
    expect(arch().layers.map((l) => l.type)).toEqual(['flatten', 'dense']);
    undo();
    expect(arch().layers.map((l) => l.type)).toEqual(['flatten']);
    undo();
    undo();
    expect(arch()).toEqual(findPreset('seed-simple-cnn')!.architecture);
    redo();
    redo();
    redo();
    expect(arch().layers.map((l) => l.type)).toEqual(['flatten', 'dense']);
  });

  it('rapid edits of one field are one undo step', () => {
    loadPreset('seed-mlp');
    const dense = arch().layers[1]!;
    if (dense.type !== 'dense') throw new Error('expected dense');
    updateLayer(1, { ...dense, units: 1 }, 'units');
    updateLayer(1, { ...dense, units: 12 }, 'units');
    updateLayer(1, { ...dense, units: 128 }, 'units');
    expect(analyze(arch()).totals.params).toBe(785 * 128 + 129 * 10);
    undo();
    expect(analyze(arch()).totals.params).toBe(623_290);
  });

  it('moves and deletes layers', () => {
    loadPreset('seed-simple-cnn');
    moveLayer(2, 0);
    expect(arch().layers.map((l) => l.type).slice(0, 3)).toEqual(['dropout', 'conv2d', 'maxPooling2d']);
    deleteLayer(0);
    expect(analyze(arch()).totals.params).toBe(592_074);
    moveLayer(0, 99);
    expect(arch().layers[0]?.type).toBe('conv2d');
  });
});
