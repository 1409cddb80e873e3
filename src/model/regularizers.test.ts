// Kernel regularisers in format v1: parsing, validation, explanation, Keras code and model.json reading.
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import type { Architecture } from './architecture';
import { activeRegularizer, makeArchitecture } from './architecture';
import { penaltyFormula, regularizerExample } from './explain';
import { kerasScript } from './keras';
import { parseArchitecture, serializeArchitecture } from './parse';
import { PRESETS, findPreset, findPresetId } from './presets';
import { regularizerSummary } from './results';
import { readModelJson } from './tfjsModel';
import { DEFAULT_SETTINGS } from './training';

const regularized = makeArchitecture(28, [
  { type: 'conv2d', filters: 8, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu', kernelRegularizer: { l1: 0, l2: 0.0005 } },
  { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
  { type: 'flatten' },
  { type: 'dense', units: 32, activation: 'relu', kernelRegularizer: { l1: 0.0001, l2: 0.0002 } },
  { type: 'dense', units: 10, activation: 'softmax', kernelRegularizer: { l1: 0.001, l2: 0 } },
]);

const doc = (layers: unknown[]) => JSON.stringify({ format: 'cnn-playground/architecture', version: 1, input: { height: 28, width: 28, channels: 1 }, layers });

describe('kernelRegularizer in format v1', () => {
  it('round-trips through JSON, and old files without it read exactly as before', () => {
    expect(parseArchitecture(serializeArchitecture(regularized))).toEqual({ ok: true, architecture: regularized });
    for (const p of PRESETS) expect(serializeArchitecture(p.architecture)).not.toContain('kernelRegularizer');
  });

  it('fills a missing coefficient with 0 and drops an all-zero regulariser, so the network is still the preset', () => {
    const r = parseArchitecture(doc([{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax', kernelRegularizer: { l2: 0.01 } }]));
    if (!r.ok) throw new Error(r.error);
    expect(r.architecture.layers[1]).toEqual({ type: 'dense', units: 10, activation: 'softmax', kernelRegularizer: { l1: 0, l2: 0.01 } });
    const mlp = findPreset('seed-mlp')!.architecture;
    const zeros = { ...mlp, layers: mlp.layers.map((l) => (l.type === 'dense' ? { ...l, kernelRegularizer: { l1: 0, l2: 0 } } : l)) };
    const read = parseArchitecture(JSON.stringify(zeros));
    if (!read.ok) throw new Error(read.error);
    expect(findPresetId(read.architecture)).toBe('seed-mlp');
  });

  it('refuses a regulariser that is not an object of numbers, with a message', () => {
    const bad = parseArchitecture(doc([{ type: 'conv2d', filters: 4, kernelSize: 3, kernelRegularizer: 'l2' }]));
    expect(bad).toEqual({ ok: false, error: 'Layer 1: "kernelRegularizer" must be an object such as { "l1": 0, "l2": 0.0005 }.' });
    const text = parseArchitecture(doc([{ type: 'dense', units: 10, kernelRegularizer: { l2: '0.1' } }]));
    expect(text.ok).toBe(false);
    if (!text.ok) expect(text.error).toContain('"l2" must be a number');
  });

  it('explains coefficients out of range on the block', () => {
    const arch: Architecture = { ...regularized, layers: regularized.layers.map((l, i) => (i === 0 ? { ...l, kernelRegularizer: { l1: -1, l2: NaN } } : l)) as Architecture['layers'] };
    const issues = analyze(arch).rows[0]!.issues.map((i) => i.message);
    expect(issues).toEqual([
      'Conv2D (layer 1): the L1 regulariser must be from 0 to 1 (it is -1; 0.0005 is a usual start); the L2 regulariser must be from 0 to 1 (it is empty; 0.0005 is a usual start).',
    ]);
    expect(analyze(regularized).valid).toBe(true);
  });

  it('says what the penalty adds, with the layer\'s own weight count', () => {
    const rows = analyze(regularized).rows;
    expect(penaltyFormula(activeRegularizer(rows[3]!.layer)!)).toBe('0.0001·Σ|w| + 0.0002·Σw²');
    // 5·5·1·8 = 200 kernel weights and 8 biases.
    expect(regularizerExample(rows[0]!)).toContain('0.0005·Σw² over this layer’s 200 kernel weights (not its 8 biases)');
    expect(regularizerExample(rows[2]!)).toBeNull();
    expect(regularizerSummary(regularized)).toBe(', L1+L2 on 3 layers');
    expect(regularizerSummary(findPreset('best')!.architecture)).toBe('');
  });

  it('writes Keras\'s kernel_regularizer, shortest form first', () => {
    const code = kerasScript(regularized, DEFAULT_SETTINGS);
    expect(code).toContain('keras.layers.Conv2D(8, (5, 5), activation="relu", kernel_regularizer=keras.regularizers.L2(0.0005)))');
    expect(code).toContain('keras.layers.Dense(32, activation="relu", kernel_regularizer=keras.regularizers.L1L2(l1=0.0001, l2=0.0002)))');
    expect(code).toContain('keras.layers.Dense(num_classes, activation="softmax", kernel_regularizer=keras.regularizers.L1(0.001)))');
  });
});

/** A tfjs model.json topology with one Dense layer configured by `config`. */
function modelJson(config: Record<string, unknown>) {
  return JSON.stringify({
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 's',
        layers: [
          { class_name: 'Flatten', config: { name: 'f', batch_input_shape: [null, 28, 28, 1] } },
          { class_name: 'Dense', config: { name: 'd', units: 10, activation: 'softmax', ...config } },
        ],
      },
    },
    weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'd/kernel', shape: [784, 10], dtype: 'float32' }, { name: 'd/bias', shape: [10], dtype: 'float32' }] }],
  });
}

describe('kernel regularisers in model.json', () => {
  const dense = (config: Record<string, unknown>) => {
    const r = readModelJson(modelJson(config));
    if (!r.ok) throw new Error(r.error);
    const layers = (r.model.json.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers;
    return { layer: r.model.architecture.layers[1], handedToTfjs: layers[1]!.config.kernel_regularizer };
  };

  it('reads tfjs\'s L1L2 and Keras 3\'s L2 and L1, and hands tfjs its own L1L2 with both coefficients', () => {
    expect(dense({ kernel_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.0005 } } })).toEqual({
      layer: { type: 'dense', units: 10, activation: 'softmax', kernelRegularizer: { l1: 0, l2: 0.0005 } },
      handedToTfjs: { class_name: 'L1L2', config: { l1: 0, l2: 0.0005 } },
    });
    // Keras 3 writes L2 alone; tfjs has no L2 class and would read L1L2 without l1 as l1 = 0.01.
    const keras = dense({ kernel_regularizer: { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.01 }, registered_name: null } });
    expect(keras.layer).toMatchObject({ kernelRegularizer: { l1: 0, l2: 0.01 } });
    expect(keras.handedToTfjs).toEqual({ class_name: 'L1L2', config: { l1: 0, l2: 0.01 } });
    expect(dense({ kernel_regularizer: { class_name: 'L1', config: { l1: 0.002 } } }).layer).toMatchObject({ kernelRegularizer: { l1: 0.002, l2: 0 } });
    expect(dense({ kernel_regularizer: null }).layer).toEqual({ type: 'dense', units: 10, activation: 'softmax' });
  });

  it('refuses what format v1 cannot hold, saying why', () => {
    const refused = (config: Record<string, unknown>) => {
      const r = readModelJson(modelJson(config));
      return r.ok ? null : r.error;
    };
    expect(refused({ bias_regularizer: { class_name: 'L2', config: { l2: 0.01 } } })).toBe('Layer 2 (Dense): format v1 holds kernel regularisers only, not a bias regularizer.');
    expect(refused({ kernel_regularizer: { class_name: 'OrthogonalRegularizer', config: {} } })).toBe('Layer 2 (Dense): the OrthogonalRegularizer regulariser is not one CNN Playground has (L1, L2 or L1L2).');
    expect(refused({ kernel_regularizer: { class_name: 'L2', config: { l2: -1 } } })).toBe("Layer 2 (Dense): the regulariser's l2 must be a number of 0 or more.");
  });
});
