// The Keras generator (a Node test: it reads golden files and runs python3): golden scripts, options, syntax.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeArchitecture } from './architecture';
import { kerasScript } from './keras';
import { PRESETS, findPreset } from './presets';
import { DEFAULT_SETTINGS } from './training';

const GOLDEN = ['seed-mlp', 'seed-simple-cnn', 'seed-larger-cnn'] as const;
const goldenPath = (id: string) => fileURLToPath(new URL(`./golden/${id}.py`, import.meta.url));

/** Python's own parser, when there is a python3 on the machine. */
const python = spawnSync('python3', ['--version']).status === 0;
function pythonSyntaxError(code: string): string | null {
  const r = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: code, encoding: 'utf8' });
  return r.status === 0 ? null : r.stderr;
}

function script(id: string, settings = DEFAULT_SETTINGS): string {
  const preset = findPreset(id)!;
  return kerasScript(preset.architecture, settings, { title: preset.name });
}

describe('kerasScript golden files', () => {
  for (const id of GOLDEN) {
    it(`matches golden/${id}.py`, () => {
      const code = script(id);
      // UPDATE_GOLDEN=1 rewrites the files; review the diff before committing it.
      if (process.env.UPDATE_GOLDEN) writeFileSync(goldenPath(id), code);
      expect(existsSync(goldenPath(id))).toBe(true);
      expect(code).toBe(readFileSync(goldenPath(id), 'utf8'));
    });
  }

  it('writes the seed\'s layers in today\'s Keras', () => {
    const code = script('seed-simple-cnn');
    expect(code).toContain('model.add(keras.layers.Conv2D(32, (5, 5), activation="relu"))');
    expect(code).toContain('model.add(keras.layers.MaxPooling2D(pool_size=(2, 2)))');
    expect(code).toContain('model.add(keras.layers.Dropout(0.2))');
    expect(code).toContain('model.add(keras.layers.Dense(num_classes, activation="softmax"))');
    expect(code).toContain('epochs=10, batch_size=200');
    expect(code).toContain('print("CNN Error: %.2f%%" % (100-scores[1]*100))');
    expect(code).not.toMatch(/nb_epoch|Convolution2D|np_utils|border_mode/);
    expect(script('seed-mlp')).toContain('print("Baseline Error: %.2f%%" % (100-scores[1]*100))');
  });
});

describe('kerasScript options', () => {
  const arch = makeArchitecture(32, [
    { type: 'conv2d', filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'linear' },
    { type: 'batchNormalization' },
    { type: 'averagePooling2d', poolSize: 3, strides: 1, padding: 'same' },
    { type: 'flatten' },
    { type: 'dense', units: 12, activation: 'tanh' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ]);
  const settings = { ...DEFAULT_SETTINGS, epochs: 3, batchSize: 64, optimizer: 'sgd' as const, learningRate: 1e-7, subset: 2000, validation: 'holdout' as const, seed: 42 };
  const code = kerasScript(arch, settings);

  it('writes non-default strides, padding and activations, and leaves defaults out', () => {
    expect(code).toContain('keras.layers.Conv2D(8, (3, 3), strides=(2, 2), padding="same"))');
    // 1,800 digits in batches of 64 is 29 batches an epoch: 0.853^29 = 1%.
    expect(code).toContain('keras.layers.BatchNormalization(momentum=0.853)');
    expect(kerasScript(arch, { ...DEFAULT_SETTINGS, batchSize: 100 })).toContain('keras.layers.BatchNormalization())');
    expect(code).toContain('keras.layers.AveragePooling2D(pool_size=(3, 3), strides=(1, 1), padding="same"))');
    expect(code).toContain('keras.layers.Dense(12, activation="tanh"))');
  });

  it('writes the training settings', () => {
    expect(code).toContain('seed = 42');
    expect(code).toContain('keras.optimizers.SGD(learning_rate=1e-7)');
    expect(code).toContain('validation_split=0.1, epochs=3, batch_size=64');
    expect(code).toContain('numpy.random.permutation(len(X_train))[:2000]');
    expect(code).toContain('numpy.pad(X_train, ((0, 0), (2, 2), (2, 2)))');
    expect(code).toContain('X_train.reshape(X_train.shape[0], 32, 32, 1)');
    expect(code).toContain('model.add(keras.Input(shape=(32, 32, 1)))');
  });

  it('keeps a hostile title to one comment line', () => {
    const hostile = kerasScript(arch, settings, { title: 'x\nimport os; os.system("rm -rf /")\r\n"""' });
    expect(hostile.split('\n')[0]).toMatch(/^# x import os/);
    expect(hostile.split('\n')[1]).toBe('import numpy');
  });

  it('refuses numbers Python cannot read', () => {
    expect(() => kerasScript(makeArchitecture(28, [{ type: 'dense', units: NaN, activation: 'relu' }]), DEFAULT_SETTINGS)).toThrow(/Python number/);
  });
});

describe.skipIf(!python)('generated Keras code is valid Python', () => {
  for (const preset of PRESETS) {
    it(`parses: ${preset.id}`, () => {
      expect(pythonSyntaxError(script(preset.id))).toBeNull();
    });
  }
  it('parses with every option changed', () => {
    const arch = makeArchitecture(32, [
      { type: 'conv2d', filters: 4, kernelSize: 5, strides: 3, padding: 'same', activation: 'sigmoid' },
      { type: 'maxPooling2d', poolSize: 2, strides: 1, padding: 'same' },
      { type: 'batchNormalization' },
      { type: 'flatten' },
      { type: 'dropout', rate: 0.5 },
      { type: 'dense', units: 10, activation: 'softmax' },
    ]);
    expect(pythonSyntaxError(kerasScript(arch, { ...DEFAULT_SETTINGS, optimizer: 'rmsprop', subset: 100, validation: 'holdout' }))).toBeNull();
  });
  it('the checker itself rejects broken Python', () => {
    expect(pythonSyntaxError('model.add(keras.layers.Dense(10)')).not.toBeNull();
  });
});
