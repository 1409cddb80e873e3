// Tests for editing the learner's own classes and choosing datasets: undo, import/export, and the network and settings following along.
import { beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_BYTES } from '../data/customDataset';
import { analyze } from '../model/analyze';
import { findPreset, findPresetId } from '../model/presets';
import { loadPreset } from './builderActions';
import {
  addCustomClass,
  addExample,
  clearCustom,
  exportCustom,
  importCustom,
  removeCustomClass,
  removeExample,
  renameCustomClass,
  undoCustom,
} from './customActions';
import { CUSTOM_BATCH_SIZE, chooseDataset, startDatasetSync } from './datasetActions';
import { selectClassNames, selectCustomClasses, selectTrainCount } from './datasetSelectors';
import { scoreHandwriting, whyCannotFineTune } from './myDigitsActions';
import { resetStore, useAppStore } from './store';

const state = () => useAppStore.getState();
const drawing = (seed: number) => {
  const pixels = new Uint8Array(EXAMPLE_BYTES);
  for (let k = 0; k < 30; k++) pixels[(seed * 31 + k * 7) % EXAMPLE_BYTES] = 200;
  return pixels;
};

describe('the custom dataset editor', () => {
  beforeEach(() => resetStore());

  it('adds classes named "class N", renames them, and refuses a taken or empty name', () => {
    addCustomClass();
    addCustomClass();
    expect(state().customDataset.classes.map((c) => c.name)).toEqual(['class 1', 'class 2']);
    expect(renameCustomClass(0, '  vertical ')).toBeNull();
    expect(renameCustomClass(1, 'Vertical')).toBe('Another class is already called "Vertical".');
    expect(renameCustomClass(1, '')).toBe('The class name is empty.');
    expect(selectClassNames({ ...state(), architecture: { ...state().architecture, dataset: 'custom' } })).toEqual(['vertical', 'class 2']);
    removeCustomClass(0);
    addCustomClass();
    // "class 2" is taken, so the new one is "class 3" even though there are two classes.
    expect(state().customDataset.classes.map((c) => c.name)).toEqual(['class 2', 'class 3']);
  });

  it('adds and deletes examples, refuses a blank drawing, and undoes step by step', () => {
    addCustomClass();
    expect(addExample('custom', 0, new Uint8Array(EXAMPLE_BYTES))).toBe('Draw something first: the pad is empty.');
    expect(state().customError).toBe('Draw something first: the pad is empty.');
    expect(addExample('custom', 0, drawing(1))).toBeNull();
    expect(addExample('custom', 0, drawing(2))).toBeNull();
    expect(state().customError).toBeNull();
    removeExample('custom', 0, 0);
    expect(state().customDataset.classes[0]!.examples).toEqual([drawing(2)]);
    undoCustom();
    expect(state().customDataset.classes[0]!.examples).toEqual([drawing(1), drawing(2)]);
    undoCustom();
    undoCustom();
    expect(state().customDataset.classes[0]!.examples).toEqual([]);
    undoCustom();
    expect(state().customDataset.classes).toEqual([]);
  });

  it('exports one file and imports it back identical; a bad file changes nothing', () => {
    addCustomClass();
    addCustomClass();
    addExample('custom', 0, drawing(3));
    addExample('custom', 1, drawing(4));
    const before = state().customDataset;
    const file = exportCustom('custom');
    expect(file.fileName).toBe('my-classes.dataset.json');
    clearCustom('custom');
    expect(state().customDataset.classes).toEqual([]);
    expect(importCustom(file.text, file.fileName)).toBe('custom');
    expect(state().customDataset).toEqual(before);
    expect(state().customInfo).toBe('Imported "My classes": 2 classes, 2 examples.');

    const broken = file.text.replace('"count": 1', '"count": 7');
    expect(importCustom(broken, 'broken.json')).toBeNull();
    expect(state().customError).toMatch(/^"broken\.json" was not imported: Class 1 \("class 1"\): its pixels are not 7 images/);
    expect(state().customDataset).toEqual(before);
  });

  it('imports a set of the learner’s own digits beside MNIST, not over their classes', () => {
    addCustomClass();
    const digits = { ...state().myDigits, classes: state().myDigits.classes.map((c, i) => (i === 4 ? { ...c, examples: [drawing(5)] } : c)) };
    useAppStore.setState({ myDigits: digits });
    const file = exportCustom('myDigits');
    useAppStore.setState({ myDigits: { ...digits, classes: digits.classes.map((c) => ({ ...c, examples: [] })) } });
    expect(importCustom(file.text, file.fileName)).toBe('myDigits');
    expect(state().myDigits).toEqual(digits);
    expect(state().customDataset.classes).toHaveLength(1);
  });
});

describe('choosing a dataset', () => {
  beforeEach(() => resetStore());

  it('sets the network’s dataset, the class names, and holds train-subset to the dataset’s size', () => {
    const stop = startDatasetSync();
    try {
      expect(selectTrainCount(state())).toBe(60_000);
      chooseDataset('fashion-mnist');
      expect(state().architecture.dataset).toBe('fashion-mnist');
      expect(selectClassNames(state())[0]).toBe('T-shirt/top');
      expect(state().settings.subset).toBe(59_945);
      chooseDataset('mnist');
      expect(state().architecture.dataset).toBeUndefined();
      expect(state().architecture).toEqual(findPreset('seed-simple-cnn')!.architecture);
      // "All of them" stays all of them.
      expect(state().settings.subset).toBe(60_000);
      useAppStore.setState((s) => ({ settings: { ...s.settings, subset: 2000 } }));
      chooseDataset('fashion-mnist');
      expect(state().settings.subset).toBe(2000);
    } finally {
      stop();
    }
  });

  it('keeps the dataset when a preset is chosen, its output layer giving one probability per class', () => {
    chooseDataset('fashion-mnist');
    loadPreset('seed-mlp');
    expect(state().architecture.dataset).toBe('fashion-mnist');
    expect(state().architecture.layers).toEqual(findPreset('seed-mlp')!.architecture.layers);
    addCustomClass();
    addCustomClass();
    chooseDataset('custom');
    loadPreset('seed-larger-cnn');
    expect(state().architecture.dataset).toBe('custom');
    expect(state().architecture.layers.at(-1)).toEqual({ type: 'dense', units: 2, activation: 'softmax' });
    expect(findPresetId(state().architecture)).toBe('seed-larger-cnn');
  });

  it('gives a custom network one output per class, following classes until it has trained weights', () => {
    const stop = startDatasetSync();
    try {
      addCustomClass();
      addCustomClass();
      addCustomClass();
      chooseDataset('custom');
      const last = () => state().architecture.layers.at(-1);
      expect(last()).toEqual({ type: 'dense', units: 3, activation: 'softmax' });
      expect(state().settings.batchSize).toBe(CUSTOM_BATCH_SIZE);
      expect(selectCustomClasses(state())).toBe(3);
      expect(analyze(state().architecture, selectCustomClasses(state())).valid).toBe(true);
      addCustomClass();
      expect(last()).toEqual({ type: 'dense', units: 4, activation: 'softmax' });
      // With trained weights the layer stays, and validation asks for the fix instead.
      useAppStore.setState({ trainedKey: JSON.stringify(state().architecture) });
      removeCustomClass(3);
      expect(last()).toEqual({ type: 'dense', units: 4, activation: 'softmax' });
      const issue = analyze(state().architecture, selectCustomClasses(state())).issues[0]!;
      expect(issue.fix?.label).toBe('Make it Dense(3, softmax)');
      // Examples drawn: the subset follows the training split (every fifth held out for the test).
      useAppStore.setState({ trainedKey: null });
      for (let i = 0; i < 15; i++) for (let c = 0; c < 3; c++) addExample('custom', c, drawing(c * 100 + i));
      expect(selectTrainCount(state())).toBe(36);
      expect(state().settings.subset).toBe(36);
    } finally {
      stop();
    }
  });
});

describe('your own handwriting beside MNIST', () => {
  beforeEach(() => resetStore());

  it('scores the network’s answers: error, confusion and each digit’s guess', () => {
    const probabilities = new Float32Array(30);
    // Three digits: a 7 read as 7, a 1 read as 7, a 0 read as 0.
    probabilities[7] = 0.9;
    probabilities[10 + 7] = 0.6;
    probabilities[10 + 1] = 0.4;
    probabilities[20 + 0] = 0.8;
    const score = scoreHandwriting([7, 1, 0], probabilities);
    expect(score.guesses).toEqual([
      [7, 7],
      [1, 7],
      [0, 0],
    ]);
    expect(score.error).toBeCloseTo(100 / 3, 10);
    expect(score.confusion[77]).toBe(1);
    expect(score.confusion[17]).toBe(1);
    expect(score.confusion.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('fine-tunes only with trained weights and a held-out fifth to test on', () => {
    expect(whyCannotFineTune(state())).toContain('Train the network on MNIST first');
    useAppStore.setState({ trainedKey: JSON.stringify(state().architecture) });
    expect(whyCannotFineTune(state())).toContain('at least 10 of your digits');
    for (let i = 0; i < 15; i++) addExample('myDigits', i % 3, drawing(i));
    expect(whyCannotFineTune(state())).toBeNull();
  });
});
