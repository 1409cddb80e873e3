// Tests for the dataset registry and the `dataset` field: parsing, links, validation and counts.
import { describe, expect, it } from 'vitest';
import { analyze, outputSpec } from './analyze';
import { datasetOf, makeArchitecture, withDataset } from './architecture';
import { DATASETS, DATASET_IDS, FASHION_CLASS_NAMES, classNamesOf, datasetInfo, trainCount } from './datasets';
import { compressedLessonHash, readCompressedLessonHash, readLessonHash } from './lesson';
import { parseArchitecture, serializeArchitecture } from './parse';
import { findPreset, findPresetId, presetFor } from './presets';
import { readShareHash, shareHash } from './share';

const simpleCnn = () => findPreset('seed-simple-cnn')!;

describe('the registry', () => {
  it('has one entry per dataset id, each consistent with itself', () => {
    expect(Object.keys(DATASETS).sort()).toEqual([...DATASET_IDS].sort());
    for (const id of DATASET_IDS) {
      const info = DATASETS[id];
      expect(info.id).toBe(id);
      expect(info.imageSide).toBe(28);
      // Built-in datasets have their class names and assets; the learner's own has neither.
      expect(info.classNames.length > 0).toBe(info.assets !== null);
      expect(info.splits !== null).toBe(info.assets !== null);
      // A note is said exactly when the figures are not comparable for a built-in dataset.
      if (info.assets) expect(info.comparabilityNote === null).toBe(info.comparable);
    }
  });

  it('names the classes of each built-in dataset', () => {
    expect(classNamesOf('mnist')).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(classNamesOf(undefined)).toEqual(classNamesOf('mnist'));
    expect(classNamesOf('fashion-mnist')).toEqual(['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']);
    expect(classNamesOf('custom', ['up', 'down'])).toEqual(['up', 'down']);
    expect(classNamesOf('custom', null, 3)).toEqual(['class 1', 'class 2', 'class 3']);
  });

  it('knows the size of each fixed training set', () => {
    expect(trainCount('mnist')).toBe(60_000);
    expect(trainCount('fashion-mnist')).toBe(59_945);
    expect(trainCount('custom')).toBeNull();
    expect(datasetInfo('fashion-mnist').comparable).toBe(false);
    expect(datasetInfo('fashion-mnist').preparation).toBe('filled');
    expect(datasetInfo('mnist').preparation).toBe('centred');
  });
});

describe('the dataset field of format v1', () => {
  const withField = (value: unknown) => JSON.stringify({ ...JSON.parse(serializeArchitecture(simpleCnn().architecture)), dataset: value });

  it('is absent for MNIST, so old links and files read as before', () => {
    const arch = simpleCnn().architecture;
    expect(serializeArchitecture(arch)).not.toContain('dataset');
    expect(datasetOf(arch)).toBe('mnist');
    const explicit = parseArchitecture(withField('mnist'));
    expect(explicit.ok && explicit.architecture).toEqual(arch);
  });

  it('is kept for Fashion-MNIST and custom, through a parse and a link', () => {
    for (const id of ['fashion-mnist', 'custom'] as const) {
      const result = parseArchitecture(withField(id));
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.architecture.dataset).toBe(id);
      const back = readShareHash(shareHash(result.architecture));
      expect(back).toEqual({ ok: true, architecture: result.architecture });
    }
  });

  it('refuses a dataset the app does not have, saying which ones it has', () => {
    for (const bad of ['cifar-10', 7, null, { id: 'mnist' }]) {
      const result = parseArchitecture(withField(bad));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toContain('a dataset this app does not have');
        expect(result.error).toContain('"fashion-mnist"');
      }
    }
    const named = parseArchitecture(withField('cifar-10'));
    expect(!named.ok && named.error).toContain('"cifar-10"');
    const link = readShareHash(`#arch=${encodeURIComponent(withField('imagenet'))}`);
    expect(link?.ok).toBe(false);
  });

  it('travels in lesson links, readable and compressed', async () => {
    const architecture = withDataset(simpleCnn().architecture, 'fashion-mnist');
    const lesson = { architecture, settings: null, locked: true, presenter: false };
    const compressed = await readCompressedLessonHash(await compressedLessonHash(lesson));
    expect(compressed).toEqual({ ok: true, lesson });
    const readable = readLessonHash(`${shareHash(architecture)}&lock=1`);
    expect(readable).toEqual({ ok: true, lesson });
  });
});

describe('the class count flows into validation and counts', () => {
  it('wants Dense(10, softmax) for Fashion-MNIST, one per class', () => {
    const fashion = withDataset(simpleCnn().architecture, 'fashion-mnist');
    expect(analyze(fashion).valid).toBe(true);
    expect(outputSpec(fashion)).toEqual({ classes: FASHION_CLASS_NAMES.length, per: 'per class' });
    expect(outputSpec(simpleCnn().architecture)).toEqual({ classes: 10, per: 'per digit' });
  });

  it('wants one output per custom class, with a one-click fix, and counts follow', () => {
    const ten = withDataset(simpleCnn().architecture, 'custom');
    const a = analyze(ten, 3);
    expect(a.valid).toBe(false);
    const issue = a.issues.find((i) => i.layerIndex === 5)!;
    expect(issue.message).toContain('must be Dense(3, softmax), one probability per class');
    expect(issue.fix?.label).toBe('Make it Dense(3, softmax)');
    const fixed = issue.fix!.apply(ten);
    const b = analyze(fixed, 3);
    expect(b.valid).toBe(true);
    expect(fixed.dataset).toBe('custom');
    // The last layer's parameters and its formula follow the class count: (128 + 1) · 3.
    expect(b.rows[5]?.params).toBe(387);
    expect(b.rows[5]?.paramsFormula).toBe('(128 + 1) · 3 = 387');
    expect(b.totals.params).toBe(592_074 - 129 * 10 + 129 * 3);
    expect(findPresetId(fixed)).toBe('seed-simple-cnn');
  });

  it('reads the class count of a custom network from its last layer when the data is not known', () => {
    const three = presetFor(simpleCnn(), 'custom', 3);
    expect(analyze(three).valid).toBe(true);
    expect(outputSpec(three).classes).toBe(3);
    // One class cannot be classified: the count is held to 2..10 and the fix says so.
    const one = presetFor(simpleCnn(), 'custom', 1);
    const issue = analyze(one).issues.at(-1)!;
    expect(issue.message).toContain('Dense(2, softmax)');
  });

  it('says "per digit" for MNIST as before, and offers the empty network a fix for its classes', () => {
    const empty = makeArchitecture(28, [], 'custom');
    const issue = analyze(empty, 4).issues[0]!;
    expect(issue.message).toBe('The network is empty. Add layers that end in Dense(4, softmax), one probability per class.');
    expect(analyze(issue.fix!.apply(empty), 4).valid).toBe(true);
    expect(analyze(makeArchitecture(28, [])).issues[0]?.message).toContain('Dense(10, softmax), one probability per digit');
  });
});
