import { beforeEach, describe, expect, it } from 'vitest';
import { analyze } from '../model/analyze';
import { findPreset } from '../model/presets';
import { DEFAULT_SETTINGS } from '../model/training';
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

  it('a preset brings its recipe and leaves the data, validation and seed as they were', () => {
    useAppStore.setState((st) => ({ settings: { ...st.settings, subset: 5000, validation: 'holdout', seed: 42, epochs: 3 } }));
    loadPreset('best');
    expect(useAppStore.getState().settings).toMatchObject({ epochs: 15, augment: true, schedule: 'cosine', subset: 5000, validation: 'holdout', seed: 42 });
    loadPreset('seed-mlp');
    expect(useAppStore.getState().settings).toEqual({ ...DEFAULT_SETTINGS, subset: 5000, validation: 'holdout', seed: 42 });
    // Choosing the preset already shown puts its recipe back too.
    useAppStore.setState((st) => ({ settings: { ...st.settings, epochs: 2 } }));
    loadPreset('seed-mlp');
    expect(useAppStore.getState().settings.epochs).toBe(10);
  });
});

