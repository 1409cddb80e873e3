// Keras (Python) code for an architecture and its training settings, in the seed's listing style.

import type { Activation, Architecture, Layer, Padding } from './architecture';
import { activeRegularizer, assertNever, datasetOf } from './architecture';
import { CUSTOM_READER_LINES } from './customReaderPython';
import { datasetInfo } from './datasets';
import { FIELD_LABEL, nonDefaultOptions, OPTIMIZER_INFO } from './optimizers';
import { py, str } from './python';
import type { TrainSettings } from './training';
import { batchNormMomentum, TRAIN_COUNT } from './training';

function pair(n: number): string {
  return `(${py(n)}, ${py(n)})`;
}

/** Keyword arguments Keras needs only when they differ from its defaults. */
function extras(parts: (string | null)[]): string {
  return parts.filter((p) => p !== null).map((p) => `, ${p}`).join('');
}

const paddingArg = (padding: Padding) => (padding === 'valid' ? null : `padding=${str(padding)}`);
const activationArg = (activation: Activation) => (activation === 'linear' ? null : `activation=${str(activation)}`);

/** Keras's regulariser classes: L1(l1), L2(l2) or L1L2(l1, l2), whichever says it shortest. */
function regularizerArg(layer: Layer): string | null {
  const r = activeRegularizer(layer);
  if (!r) return null;
  const call = r.l1 === 0 ? `L2(${py(r.l2)})` : r.l2 === 0 ? `L1(${py(r.l1)})` : `L1L2(l1=${py(r.l1)}, l2=${py(r.l2)})`;
  return `kernel_regularizer=keras.regularizers.${call}`;
}

/** keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True): Keras's defaults left out. */
export function kerasOptimizer(settings: TrainSettings): string {
  const args = nonDefaultOptions(settings).map(([f, v]) => `${FIELD_LABEL[f].keras}=${typeof v === 'boolean' ? (v ? 'True' : 'False') : py(v)}`);
  return `keras.optimizers.${OPTIMIZER_INFO[settings.optimizer].label}(${[`learning_rate=${py(settings.learningRate)}`, ...args].join(', ')})`;
}

function layerCall(layer: Layer, isOutput: boolean, settings: TrainSettings, classes: number): string {
  switch (layer.type) {
    case 'conv2d':
      return `keras.layers.Conv2D(${py(layer.filters)}, ${pair(layer.kernelSize)}${extras([
        layer.strides === 1 ? null : `strides=${pair(layer.strides)}`,
        paddingArg(layer.padding),
        activationArg(layer.activation),
        regularizerArg(layer),
      ])})`;
    case 'maxPooling2d':
    case 'averagePooling2d': {
      const name = layer.type === 'maxPooling2d' ? 'MaxPooling2D' : 'AveragePooling2D';
      return `keras.layers.${name}(pool_size=${pair(layer.poolSize)}${extras([
        layer.strides === layer.poolSize ? null : `strides=${pair(layer.strides)}`,
        paddingArg(layer.padding),
      ])})`;
    }
    case 'dropout':
      return `keras.layers.Dropout(${py(layer.rate)})`;
    case 'flatten':
      return 'keras.layers.Flatten()';
    case 'dense': {
      // The seed writes the output layer as Dense(num_classes, ...).
      const units = isOutput && layer.units === classes ? 'num_classes' : py(layer.units);
      return `keras.layers.Dense(${units}${extras([activationArg(layer.activation), regularizerArg(layer)])})`;
    }
    case 'batchNormalization': {
      // Keras's default is 0.99; the app lowers it for short runs (see batchNormMomentum).
      const momentum = batchNormMomentum(settings);
      return momentum === 0.99 ? 'keras.layers.BatchNormalization()' : `keras.layers.BatchNormalization(momentum=${py(momentum)})`;
    }
    default:
      return assertNever(layer);
  }
}

export interface KerasOptions {
  /** First comment line, e.g. "Simple CNN (seed)"; defaults to a description of the network. */
  title?: string;
  /** For a network of the learner's own classes: the dataset file (as the app exports it) the script reads. */
  datasetFile?: string;
}

/** True when the network has a convolution: the seed then prints "CNN Error", else "Baseline Error". */
export function isCnn(arch: Architecture): boolean {
  return arch.layers.some((l) => l.type === 'conv2d');
}

/** The learner's own classes, read from the dataset file the app exports, split as the app splits them. */
function customLoadLines(file: string): string[] {
  return [
    `# load your own classes from the dataset file CNN Playground exported (${file.replace(/[\r\n\u2028\u2029]+/g, ' ')})`,
    ...CUSTOM_READER_LINES,
    `with open(${str(file)}) as f:`,
    '    class_names, (X_train, y_train), (X_test, y_test) = read_custom_dataset(f)',
  ];
}

function dataLines(arch: Architecture, settings: TrainSettings, options: KerasOptions): string[] {
  const side = arch.input.height;
  const dataset = datasetInfo(datasetOf(arch));
  const loader = dataset.kerasDataset;
  const lines = loader ? ['# load data', `(X_train, y_train), (X_test, y_test) = ${loader}.load_data()`] : customLoadLines(options.datasetFile ?? 'my-classes.dataset.json');
  if (loader === 'fashion_mnist') {
    lines.push("# Keras's copy keeps the official split; CNN Playground's test set is another (see its README), so the figures differ");
  }
  // The learner's own examples train whole; a built-in dataset trains on a subset when asked (Keras's copy holds 60,000).
  if (dataset.splits && settings.subset < dataset.splits.train) {
    lines.push(
      `# train on ${py(settings.subset)} of the ${py(TRAIN_COUNT)} training ${dataset.noun}s, chosen at random`,
      `chosen = numpy.random.permutation(len(X_train))[:${py(settings.subset)}]`,
      'X_train, y_train = X_train[chosen], y_train[chosen]',
    );
  }
  if (side !== 28) {
    const pad = (side - 28) / 2;
    lines.push(
      `# zero-pad the 28x28 digits by ${py(pad)} on each side to ${py(side)}x${py(side)}`,
      `X_train = numpy.pad(X_train, ((0, 0), (${py(pad)}, ${py(pad)}), (${py(pad)}, ${py(pad)})))`,
      `X_test = numpy.pad(X_test, ((0, 0), (${py(pad)}, ${py(pad)}), (${py(pad)}, ${py(pad)})))`,
    );
  }
  lines.push(
    '# reshape to be [samples][height][width][channels]',
    `X_train = X_train.reshape(X_train.shape[0], ${py(side)}, ${py(side)}, 1).astype("float32")`,
    `X_test = X_test.reshape(X_test.shape[0], ${py(side)}, ${py(side)}, 1).astype("float32")`,
    '# normalize inputs from 0-255 to 0-1',
    'X_train = X_train / 255',
    'X_test = X_test / 255',
    '# one hot encode outputs',
    ...(loader
      ? ['y_train = keras.utils.to_categorical(y_train)', 'y_test = keras.utils.to_categorical(y_test)', 'num_classes = y_test.shape[1]']
      : [
          'num_classes = len(class_names)',
          'y_train = keras.utils.to_categorical(y_train, num_classes)',
          'y_test = keras.utils.to_categorical(y_test, num_classes)',
        ]),
  );
  return lines;
}

function modelLines(arch: Architecture, settings: TrainSettings, classes: number): string[] {
  const side = arch.input.height;
  const last = arch.layers.length - 1;
  return [
    '# define the model',
    'def build_model():',
    '    # create model',
    '    model = keras.Sequential()',
    `    model.add(keras.Input(shape=(${py(side)}, ${py(side)}, 1)))`,
    ...arch.layers.map((layer, i) => `    model.add(${layerCall(layer, i === last, settings, classes)})`),
    '    # Compile model',
    `    optimizer = ${kerasOptimizer(settings)}`,
    '    model.compile(loss="categorical_crossentropy", optimizer=optimizer, metrics=["accuracy"])',
    '    return model',
  ];
}

function fitLines(arch: Architecture, settings: TrainSettings): string[] {
  const validation = settings.validation === 'test' ? 'validation_data=(X_test, y_test)' : 'validation_split=0.1';
  const label = isCnn(arch) ? 'CNN Error' : 'Baseline Error';
  return [
    '# build the model',
    'model = build_model()',
    '# Fit the model',
    `model.fit(X_train, y_train, ${validation}, epochs=${py(settings.epochs)}, batch_size=${py(settings.batchSize)}, verbose=2)`,
    '# Final evaluation of the model',
    'scores = model.evaluate(X_test, y_test, verbose=0)',
    `print("${label}: %.2f%%" % (100-scores[1]*100))`,
  ];
}

/**
 * A complete, runnable Keras 3 script that builds `arch`, trains it with `settings` on MNIST and
 * prints its test error the way the seed's listings do. Only numbers and fixed words reach the
 * code; the optional title is sanitised to one comment line.
 */
export function kerasScript(arch: Architecture, settings: TrainSettings, options: KerasOptions = {}): string {
  const title = (options.title ?? (isCnn(arch) ? 'CNN' : 'Multilayer Perceptron')).replace(/[\r\n\u2028\u2029]+/g, ' ');
  const dataset = datasetInfo(datasetOf(arch));
  const last = arch.layers.at(-1);
  const classes = dataset.classNames.length || (last?.type === 'dense' ? last.units : 10);
  const imports = dataset.kerasDataset ? [`from keras.datasets import ${dataset.kerasDataset}`] : ['import base64', 'import json'];
  const what = dataset.id === 'mnist' ? 'the MNIST dataset' : dataset.id === 'fashion-mnist' ? 'the Fashion-MNIST dataset' : 'your own classes';
  return [
    `# ${title} for ${what} (generated by CNN Playground)`,
    'import numpy',
    'import keras',
    ...imports,
    '# fix random seed for reproducibility',
    `seed = ${py(settings.seed)}`,
    'keras.utils.set_random_seed(seed)',
    ...dataLines(arch, settings, options),
    ...modelLines(arch, settings, classes),
    ...fitLines(arch, settings),
    '',
  ].join('\n');
}
