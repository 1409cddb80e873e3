// Reading model.json written elsewhere (a Keras conversion) and refusing what format v1 cannot hold.
import { describe, expect, it } from 'vitest';
import { makeArchitecture } from './architecture';
import { readModelJson, weightShapes } from './tfjsModel';

/** The seed's baseline MLP as tensorflowjs_converter writes a Keras model: flat 784 input, model_config. */
function kerasMlp() {
  return {
    format: 'layers-model',
    generatedBy: 'keras v2.15.0',
    convertedBy: 'TensorFlow.js Converter v4.22.0',
    modelTopology: {
      keras_version: '2.15.0',
      backend: 'tensorflow',
      model_config: {
        class_name: 'Sequential',
        config: {
          name: 'sequential',
          layers: [
            { class_name: 'InputLayer', config: { batch_input_shape: [null, 784], dtype: 'float32', name: 'dense_input' } },
            { class_name: 'Dense', config: { name: 'dense', units: 784, activation: 'relu', use_bias: true, kernel_initializer: { class_name: 'RandomNormal' } } },
            { class_name: 'Dense', config: { name: 'dense_1', units: 10, activation: 'softmax', use_bias: true } },
          ],
        },
      },
    },
    weightsManifest: [
      {
        paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'],
        weights: [
          { name: 'dense/kernel', shape: [784, 784], dtype: 'float32' },
          { name: 'dense/bias', shape: [784], dtype: 'float32' },
          { name: 'dense_1/kernel', shape: [784, 10], dtype: 'float32' },
          { name: 'dense_1/bias', shape: [10], dtype: 'float32' },
        ],
      },
    ],
  };
}

type Doc = ReturnType<typeof kerasMlp>;
const layersOf = (doc: Doc) => doc.modelTopology.model_config.config.layers as { class_name: string; config: Record<string, unknown> }[];

function read(edit: (doc: Doc) => void = () => undefined) {
  const doc = kerasMlp();
  edit(doc);
  return readModelJson(JSON.stringify(doc));
}

describe('readModelJson', () => {
  it('reads a converted Keras MLP as 28x28x1, Flatten, Dense, Dense', () => {
    const r = read();
    if (!r.ok) throw new Error(r.error);
    expect(r.model.architecture).toEqual(
      makeArchitecture(28, [{ type: 'flatten' }, { type: 'dense', units: 784, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }]),
    );
    expect(r.model.layerNames).toEqual([null, 'dense', 'dense_1']);
    expect(r.model.weightFiles).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin']);
    expect(r.model.weightBytes).toBe(623_290 * 4);
    expect(r.model.epochsDone).toBe(0);
  });

  it('counts quantised weights at their stored size', () => {
    const r = read((d) => {
      for (const w of d.weightsManifest[0]!.weights) Object.assign(w, { quantization: { dtype: 'uint8', min: -1, scale: 0.01 } });
    });
    expect(r.ok && r.model.weightBytes).toBe(623_290);
  });

  it.each([
    ['not JSON', '{"modelTopology": ', /not valid JSON/],
    ['a list', '[1, 2]', /JSON object/],
    ['an architecture file', '{"format":"cnn-playground/architecture","version":1}', /"cnn-playground\/architecture" model; only layers models/],
    ['a graph model', '{"format":"graph-model","modelTopology":{}}', /only layers models/],
    ['no topology', '{"weightsManifest": []}', /modelTopology" is missing/],
  ])('refuses %s', (_what, text, message) => {
    expect(readModelJson(text)).toEqual({ ok: false, error: expect.stringMatching(message) });
  });

  it.each<[string, (d: Doc) => void, RegExp]>([
    ['a functional model', (d) => void (d.modelTopology.model_config.class_name = 'Functional'), /Only Sequential/],
    ['an unknown layer', (d) => layersOf(d).splice(2, 0, { class_name: 'LSTM', config: { name: 'lstm' } }), /LSTM layers are not among/],
    ['another activation', (d) => void (layersOf(d)[1]!.config.activation = 'elu'), /activation "elu" is not one/],
    ['a layer without bias', (d) => void (layersOf(d)[1]!.config.use_bias = false), /without a bias/],
    ['a colour input', (d) => void (layersOf(d)[0]!.config.batch_input_shape = [null, 28, 28, 3]), /28×28×1 or 32×32×1.*28×28×3/],
    ['a 10-unit output that is not softmax', (d) => void (layersOf(d)[2]!.config.activation = 'linear'), /cannot be used here/],
    ['a missing weight', (d) => void d.weightsManifest[0]!.weights.pop(), /no "dense_1\/bias"/],
    ['a weight of the wrong shape', (d) => void (d.weightsManifest[0]!.weights[0]!.shape = [784, 100]), /"dense\/kernel" has shape \[784, 100\].*\[784, 784\]/],
    ['an extra weight', (d) => d.weightsManifest[0]!.weights.push({ name: 'x/y', shape: [1], dtype: 'float32' }), /lists 5 weights, the network has 4/],
    ['a bad dtype', (d) => void (d.weightsManifest[0]!.weights[1]!.dtype = 'complex64'), /unknown type complex64/],
  ])('refuses %s with a message', (_what, edit, message) => {
    expect(read(edit)).toEqual({ ok: false, error: expect.stringMatching(message) });
  });

  it('refuses a non-square conv kernel', () => {
    const r = readModelJson(
      JSON.stringify({
        modelTopology: {
          class_name: 'Sequential',
          config: { layers: [{ class_name: 'Conv2D', config: { name: 'c', filters: 4, kernel_size: [3, 5], batch_input_shape: [null, 28, 28, 1] } }] },
        },
        weightsManifest: [],
      }),
    );
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/square kernels only/) });
  });
});

describe('weightShapes', () => {
  it('lists kernels and biases in Keras layout, and batch-norm statistics per channel', () => {
    const arch = makeArchitecture(28, [
      { type: 'conv2d', filters: 6, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
      { type: 'batchNormalization' },
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ]);
    expect(weightShapes(arch).map((w) => `${w.layer}/${w.param}:${w.shape.join('x')}`)).toEqual([
      '0/kernel:5x5x1x6',
      '0/bias:6',
      '1/gamma:6',
      '1/beta:6',
      '1/moving_mean:6',
      '1/moving_variance:6',
      '3/kernel:3456x10',
      '3/bias:10',
    ]);
  });
});

describe('readModelJson and datasets', () => {
  const withOutputs = (units: number, meta?: Record<string, unknown>) => (doc: Doc) => {
    layersOf(doc)[2]!.config.units = units;
    doc.weightsManifest[0]!.weights[2]!.shape = [784, units];
    doc.weightsManifest[0]!.weights[3]!.shape = [units];
    if (meta) Object.assign(doc, { userDefinedMetadata: { cnnPlayground: meta } });
  };

  it('takes the dataset the app wrote into the metadata', () => {
    const fashion = read(withOutputs(10, { epochsDone: 3, dataset: 'fashion-mnist', classNames: ['T-shirt/top'] }));
    expect(fashion.ok && fashion.model.architecture.dataset).toBe('fashion-mnist');
    const custom = read(withOutputs(3, { epochsDone: 1, dataset: 'custom' }));
    expect(custom.ok && custom.model.architecture.dataset).toBe('custom');
  });

  it('reads a model of 2 to 9 outputs without metadata as one of the learner’s own classes, ten as MNIST', () => {
    const three = read(withOutputs(3));
    expect(three.ok && three.model.architecture.dataset).toBe('custom');
    const ten = read();
    expect(ten.ok && ten.model.architecture.dataset).toBeUndefined();
  });

  it('refuses a model trained for a dataset the app does not have', () => {
    const result = read(withOutputs(10, { epochsDone: 1, dataset: 'cifar-10' }));
    expect(result).toEqual({ ok: false, error: 'The model was trained for a dataset this app does not have ("cifar-10").' });
  });
});
