// Nothing is lost: autosave and restore, named models, TF.js/JSON/Keras export and import, bad files.
import * as tf from '@tensorflow/tfjs';
import type { Browser, Download, Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BuilderPage, expect, PersistPage, test, TrainingPage } from './fixtures';

test.describe.configure({ timeout: 600_000 });

const SIMPLE_CNN_PARAMS = '592074';

/** Train a preset for one epoch on a few digits (wasm), and wait until autosave holds its weights. */
async function trainBriefly(builder: BuilderPage, training: TrainingPage, persist: PersistPage, preset = 'seed-simple-cnn', subset = 1000) {
  await builder.presetSelect.selectOption(preset);
  await training.useBackend('wasm');
  await training.configure({ epochs: 1, subset, batchSize: 100, validation: 'holdout' });
  await training.start();
  await training.waitFor('done', 480_000);
  await persist.waitForSavedWeights(1);
}

/** Every file a click downloads, saved under the test's output folder. */
async function downloads(page: Page, click: () => Promise<void>, count: number, dir: string): Promise<{ name: string; path: string }[]> {
  const seen: Download[] = [];
  const all = new Promise<void>((resolve) => {
    const on = (d: Download) => {
      seen.push(d);
      if (seen.length === count) {
        page.off('download', on);
        resolve();
      }
    };
    page.on('download', on);
  });
  await click();
  await all;
  return Promise.all(
    seen.map(async (d) => {
      const path = `${dir}/${d.suggestedFilename()}`;
      await d.saveAs(path); // saveAs makes the folder
      return { name: d.suggestedFilename(), path };
    }),
  );
}

/** The first test digits as the app's own data files hold them, scaled to [0, 1]. */
function firstTestDigits(n: number): Float32Array {
  const bytes = gunzipSync(readFileSync('public/data/test-images.u8.gzip')).subarray(0, n * 784);
  return Float32Array.from(bytes, (v) => v / 255);
}

test.describe('a trained model survives and travels', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  let builder: BuilderPage;
  let training: TrainingPage;
  let persist: PersistPage;
  let before: Awaited<ReturnType<PersistPage['answers']>>;

  test.beforeAll(async ({ browser }: { browser: Browser }, info) => {
    const context = await browser.newContext({ baseURL: info.project.use.baseURL, acceptDownloads: true });
    page = await context.newPage();
    [builder, training, persist] = [new BuilderPage(page), new TrainingPage(page), new PersistPage(page)];
    await builder.open();
    await trainBriefly(builder, training, persist);
    before = await persist.answers();
  });

  test.afterAll(async () => {
    await page.context().close();
  });

  test('after a reload the network, its weights and the drawn digit are back and answer exactly as before', async () => {
    await page.reload();
    await expect(page.getByTestId('draw-canvas')).toHaveAttribute('data-strokes', '1');
    await expect(persist.info).toContainText('Restored your network and its weights from epoch 1');
    await expect(builder.totalParams).toHaveAttribute('data-value', SIMPLE_CNN_PARAMS);
    await expect(page.getByTestId('backend-select')).toHaveValue('wasm');
    expect(await persist.answers()).toEqual(before);
    await expect(page.getByTestId('train-continue')).toBeEnabled();
    // Without the share link in the address, the autosaved network and weights come back too.
    await page.goto('/');
    await expect(builder.totalParams).toHaveAttribute('data-value', SIMPLE_CNN_PARAMS);
    expect(await persist.answers()).toEqual(before);
  });

  test('the exported TF.js model loads in tfjs elsewhere, and imports back with identical answers', async () => {
    const info = test.info();
    await persist.openModels();
    const files = await downloads(page, () => page.getByTestId('export-tfjs').click(), 2, info.outputDir);
    const json = files.find((f) => f.name.endsWith('.json'))!;
    const bin = files.find((f) => f.name.endsWith('.weights.bin'))!;
    expect(json.name).toBe('seed-simple-cnn-model.json');
    expect(readFileSync(bin.path).byteLength).toBe(592_074 * 4);

    // Elsewhere: Node's tfjs (CPU backend) reads the two files with tf.loadLayersModel.
    await tf.setBackend('cpu');
    const modelJson = JSON.parse(readFileSync(json.path, 'utf8')) as tf.io.ModelJSON;
    const weights = readFileSync(bin.path);
    const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (m) => [m.flatMap((g) => g.weights), weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength)]);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    expect(loaded.countParams()).toBe(592_074);
    const probs = tf.tidy(() => loaded.predict(tf.tensor4d(firstTestDigits(5), [5, 28, 28, 1])) as tf.Tensor);
    const elsewhere = Array.from(await probs.data());
    probs.dispose();
    // Another backend rounds differently; the answers agree to float precision.
    before.testDigits.flat().forEach((p, i) => expect(Math.abs(p - elsewhere[i]!)).toBeLessThan(1e-4));

    // Replace the network (discarding its weights), then import the files back.
    await persist.closeModels();
    await builder.presetSelect.selectOption('seed-mlp');
    await page.getByTestId('discard-confirm').click();
    await expect(builder.totalParams).toHaveAttribute('data-value', '623290');
    await persist.openModels();
    await page.getByTestId('import-tfjs').setInputFiles([json.path, bin.path]);
    await expect(persist.dialog).toBeHidden();
    await expect(persist.info).toContainText('with its weights from epoch 1');
    await expect(builder.totalParams).toHaveAttribute('data-value', SIMPLE_CNN_PARAMS);
    expect(await builder.types()).toEqual(['conv2d', 'maxPooling2d', 'dropout', 'flatten', 'dense', 'dense']);
    expect(await persist.answers()).toEqual(before);
  });

  test('the architecture and Keras code export as files, and the architecture file opens again', async () => {
    const info = test.info();
    await persist.openModels();
    const [arch] = await downloads(page, () => page.getByTestId('export-architecture').click(), 1, info.outputDir);
    const doc = JSON.parse(readFileSync(arch!.path, 'utf8')) as { format: string; version: number; layers: { type: string }[] };
    expect(doc.format).toBe('cnn-playground/architecture');
    expect(doc.version).toBe(1);
    expect(doc.layers.map((l) => l.type)).toEqual(['conv2d', 'maxPooling2d', 'dropout', 'flatten', 'dense', 'dense']);
    const [keras] = await downloads(page, () => page.getByTestId('export-keras').click(), 1, info.outputDir);
    const code = readFileSync(keras!.path, 'utf8');
    expect(code).toContain('model.add(keras.layers.Conv2D(32, (5, 5), activation="relu"))');
    // The settings as they are now: choosing seed-mlp above set the seed's recipe (10 epochs,
    // batch 200); the 1,000 digits and the held-out validation stayed as chosen.
    expect(code).toContain('validation_split=0.1, epochs=10, batch_size=200');
    expect(code).toContain('[:1000]');
    expect(code).toContain('print("CNN Error: %.2f%%" % (100-scores[1]*100))');
    await expect(page.getByTestId('share-link')).toHaveValue(/#arch=%7B%22format%22/);
    // Open the file over another network: the same network comes back (its weights stay discarded).
    await persist.closeModels();
    await builder.presetSelect.selectOption('seed-larger-cnn');
    await page.getByTestId('discard-confirm').click();
    await persist.openModels();
    await page.getByTestId('import-architecture').setInputFiles(arch!.path);
    await expect(builder.totalParams).toHaveAttribute('data-value', SIMPLE_CNN_PARAMS);
    await expect(builder.archError).toHaveCount(0);
    await expect(persist.info).toContainText('Opened the network in “seed-simple-cnn-architecture.json”');
  });

  test('named models: save as, rename, open with their weights, delete', async () => {
    // The network is the simple CNN without weights (the previous test discarded them).
    await persist.openModels();
    await page.getByTestId('model-name').fill('Untrained simple CNN');
    await page.getByTestId('model-save').click();
    await expect(persist.savedModels).toHaveCount(1);
    const untrained = persist.savedModels.first();
    await expect(untrained).toHaveAttribute('data-epochs', '');
    await expect(untrained).toContainText('not trained');
    // Train briefly, save with weights.
    await persist.closeModels();
    await trainBriefly(builder, training, persist);
    const trainedAnswers = await persist.answers();
    await persist.openModels();
    await page.getByTestId('model-name').fill('Trained simple CNN');
    await page.getByTestId('model-save').click();
    await expect(persist.savedModels).toHaveCount(2);
    const trained = persist.savedModel('Trained simple CNN');
    await expect(trained).toHaveAttribute('data-epochs', '1');
    expect(Number(await trained.getAttribute('data-bytes'))).toBeGreaterThan(592_074 * 4);
    await expect(trained).toContainText('2.37 MB');
    await expect(trained.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    // Rename; a name already taken is refused.
    await trained.getByTestId('model-rename').click();
    await trained.getByTestId('model-rename-input').fill('Untrained simple CNN');
    await trained.getByTestId('model-rename-save').click();
    await expect(persist.error).toContainText('already a model named');
    await trained.getByTestId('model-rename-input').fill('My CNN');
    await trained.getByTestId('model-rename-save').click();
    await expect(persist.savedModel('My CNN')).toHaveAttribute('data-epochs', '1');
    // Change the network, then open the saved one: network and weights are back.
    await persist.closeModels();
    await builder.presetSelect.selectOption('seed-mlp');
    await page.getByTestId('discard-confirm').click();
    await persist.openModels();
    await persist.savedModel('My CNN').getByTestId('model-open').click();
    await expect(persist.dialog).toBeHidden();
    await expect(builder.totalParams).toHaveAttribute('data-value', SIMPLE_CNN_PARAMS);
    expect(await persist.answers()).toEqual(trainedAnswers);
    // The names survive a reload (once autosave holds the opened weights); delete removes one.
    await persist.waitForSavedWeights(1);
    await page.reload();
    await persist.openModels();
    await expect(persist.savedModels).toHaveCount(2);
    await persist.savedModel('Untrained simple CNN').getByTestId('model-delete').click();
    await page.getByTestId('model-delete-confirm').click();
    await expect(persist.savedModels).toHaveCount(1);
    await expect(persist.savedModels.first()).toHaveAttribute('data-name', 'My CNN');
    await persist.closeModels();
    before = await persist.answers();
  });

  test('each bad file gives its message and leaves the model as it was', async () => {
    const info = test.info();
    const dir = info.outputDir;
    const file = (name: string, data: string | Uint8Array) => {
      const path = `${dir}/${name}`;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
      return path;
    };
    // Hundreds of megabytes without using the disk: a sparse file.
    const huge = (name: string) => {
      const path = file(name, '');
      truncateSync(path, 300_000_000);
      return path;
    };
    const unchanged = async () => {
      await expect(builder.totalParams).toHaveAttribute('data-value', SIMPLE_CNN_PARAMS);
      expect(await persist.answers()).toEqual(before);
    };

    const architectureFiles: [string, string, RegExp][] = [
      ['not JSON', file('notes.json', 'this is not { json'), /“notes\.json”: The architecture is not valid JSON/],
      ['another format', file('other.json', '{"format":"keras","layers":[]}'), /“other\.json”: Not a CNN Playground architecture/],
      ['a later version', file('v2.json', '{"format":"cnn-playground/architecture","version":2,"layers":[]}'), /“v2\.json”: This architecture is format version 2; this app reads version 1/],
      ['hundreds of MB', huge('huge.json'), /"huge\.json" is 300\.00 MB, far too large/],
      [
        'HTML in a field',
        file('x.json', JSON.stringify({ format: 'cnn-playground/architecture', version: 1, input: { height: 28, width: 28, channels: 1 }, layers: [{ type: '<img src=x onerror="document.title=1">' }] })),
        /“x\.json”: Layer 1: unknown layer type \("<img src=x onerror="document\.title=1">"\)/,
      ],
    ];
    for (const [what, path, message] of architectureFiles) {
      await persist.openModels();
      await page.getByTestId('import-architecture').setInputFiles(path);
      await expect(builder.archError, what).toContainText(message);
      await expect(builder.archError).toContainText('Your network was kept as it was');
      await unchanged();
      await builder.archError.getByRole('button', { name: 'Dismiss' }).click();
      await expect(builder.archError).toHaveCount(0);
    }
    // The file's text was shown as text: no element was made of it, and nothing ran.
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.title()).not.toBe('1');

    // TF.js model files: export the current model, then spoil copies of it, each pair in its own folder.
    await persist.openModels();
    const files = await downloads(page, () => page.getByTestId('export-tfjs').click(), 2, `${dir}/good`);
    const goodJson = files.find((f) => f.name.endsWith('.json'))!.path;
    const goodBin = files.find((f) => f.name.endsWith('.bin'))!.path;
    const doc = JSON.parse(readFileSync(goodJson, 'utf8')) as { modelTopology: { config: { layers: { config: Record<string, unknown> }[] } } };
    doc.modelTopology.config.layers[4]!.config.units = 64;
    const mismatched = file('mismatched/seed-simple-cnn-model.json', JSON.stringify(doc));
    const shortBin = file('short/seed-simple-cnn-model.weights.bin', readFileSync(goodBin).subarray(0, 1000));
    const hugeBin = huge('huge/seed-simple-cnn-model.weights.bin');
    const nanBytes = new Uint8Array(readFileSync(goodBin));
    new Float32Array(nanBytes.buffer, 0, 8).fill(NaN);
    const nanBin = file('nan/seed-simple-cnn-model.weights.bin', nanBytes);
    const modelFiles: [string, string[], RegExp][] = [
      ['weights that do not fit the layers', [mismatched, goodBin], /do not match the network: "layer_4\/kernel" has shape \[4608, 128\], but layer 5 needs \[4608, 64\]/],
      ['a cut-short weights file', [goodJson, shortBin], /do not match the network: it needs 2,368,296 bytes of weights, the file has 1,000/],
      ['hundreds of MB of weights', [goodJson, hugeBin], /is 300\.00 MB, far too large/],
      ['a model.json that is not JSON', [file('broken.json', '{"modelTopology": '), goodBin], /not valid JSON/],
      ['no weights file', [goodJson], /needs the weights file “seed-simple-cnn-model\.weights\.bin”/],
      ['weights that are NaN, as a diverged run leaves them', [goodJson, nanBin], /8 weight values are NaN or infinite \(the first in “[^”]+\/kernel”\)/],
    ];
    for (const [what, paths, message] of modelFiles) {
      await persist.openModels();
      await page.getByTestId('import-tfjs').setInputFiles(paths);
      await expect(persist.error, what).toContainText(message);
      await persist.closeModels();
      await unchanged();
    }
  });

  test('when the training worker crashes, its replacement gets the saved weights back', async () => {
    const worker = page.workers().find((w) => w.url().includes('worker'));
    expect(worker).toBeDefined();
    // An uncaught error inside the worker: the page's client restarts it, empty.
    await worker!.evaluate(() => {
      setTimeout(() => {
        throw new Error('simulated crash');
      });
    });
    await expect(page.getByTestId('notice')).toContainText('stopped unexpectedly');
    await expect(persist.info).toContainText('Restored the saved weights from epoch 1 into the restarted worker');
    expect(await persist.answers()).toEqual(before);
  });
});

test('a reload in the middle of training keeps the last finished epoch and says the run was interrupted', async ({ builder, training, persist, page }) => {
  await builder.open();
  await builder.presetSelect.selectOption('seed-mlp');
  await training.useBackend('wasm');
  await training.configure({ epochs: 20, subset: 4000, batchSize: 100, validation: 'holdout' });
  // A small run trains fast here: step mode holds it mid-run, one epoch and one batch in.
  await page.getByTestId('train-step-epoch').click();
  await persist.waitForSavedWeights(1, 240_000);
  await training.waitFor('paused');
  await page.getByTestId('train-step-batch').click();
  await expect(page.getByTestId('train-progress')).toContainText('Epoch 2 of 20 · batch 1 of 36', { timeout: 60_000 });
  await training.waitFor('paused');
  await page.reload();
  await expect(persist.info).toContainText('Restored the weights from epoch 1; the run in progress was interrupted, so at most epoch 2 was lost.');
  await expect(builder.totalParams).toHaveAttribute('data-value', '623290');
  await expect(persist.check).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('train-continue')).toBeEnabled();
});

test('a share link wins over the autosaved network, and the autosaved one is kept in Models', async ({ builder, persist, page }) => {
  await builder.open();
  await builder.presetSelect.selectOption('seed-larger-cnn');
  await builder.setField(6, 'units', '100');
  const custom = await builder.totalParams.getAttribute('data-value');
  expect(custom).not.toBe('59933');
  // The edit is written (autosave says 'saving' from the edit until the write lands).
  await expect(persist.autosave).toHaveAttribute('data-state', 'saved');
  // Open a link to the seed's MLP in a fresh page load.
  const mlp = { format: 'cnn-playground/architecture', version: 1, input: { height: 28, width: 28, channels: 1 }, layers: [{ type: 'flatten' }, { type: 'dense', units: 784, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }] };
  await page.goto('about:blank');
  await builder.open(`#arch=${encodeURIComponent(JSON.stringify(mlp))}`);
  await expect(builder.totalParams).toHaveAttribute('data-value', '623290');
  await expect(persist.info).toContainText('Opened the network in the link. Your previous network is kept in Models as “Before opening a link');
  await persist.openModels();
  await expect(persist.savedModels).toHaveCount(1);
  await persist.savedModels.first().getByTestId('model-open').click();
  await expect(builder.totalParams).toHaveAttribute('data-value', custom!);
});

/**
 * A real full disk: Chromium's profile on a 48 MB tmpfs, so IndexedDB itself answers
 * QuotaExceededError. (Chromium here ignores the DevTools quota override.) Needs root to mount;
 * skipped, with a note, where that is not allowed.
 */
test('a full disk is explained, and nothing saved before is lost', async () => {
  const disk = mkdtempSync('/tmp/cnn-playground-full-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', disk], { stdio: 'ignore' });
  } catch {
    rmSync(disk, { recursive: true, force: true });
    test.skip(true, 'mounting a small tmpfs needs root; the full-disk check did not run');
    return;
  }
  const context = await chromium.launchPersistentContext(`${disk}/profile`, {
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
    baseURL: test.info().project.use.baseURL,
  });
  try {
    const page = await context.newPage();
    const [builder, training, persist] = [new BuilderPage(page), new TrainingPage(page), new PersistPage(page)];
    await builder.open();
    await trainBriefly(builder, training, persist, 'seed-mlp', 500);
    const answers = await persist.answers();
    await persist.openModels();
    // Each save holds 2.5 MB of weights; the disk fills after a handful.
    let saved = 0;
    for (; saved < 30; saved++) {
      await page.getByTestId('model-name').fill(`Model ${saved}`);
      await page.getByTestId('model-save').click();
      await expect(persist.error.or(persist.savedModels.nth(saved))).toBeVisible({ timeout: 10_000 });
      if ((await persist.error.count()) > 0) break;
    }
    test.info().annotations.push({ type: 'models saved before the disk was full', description: String(saved) });
    await expect(persist.error).toContainText(`“Model ${saved}” was not saved. The browser's storage is full`);
    await expect(persist.error).toContainText('Delete saved models you no longer need');
    // Nothing saved before was lost or overwritten, and the model in use still answers the same.
    expect(saved).toBeGreaterThan(0);
    await expect(persist.savedModels).toHaveCount(saved);
    for (let i = 0; i < saved; i++) await expect(persist.savedModel(`Model ${i}`)).toHaveAttribute('data-epochs', '1');
    await persist.closeModels();
    await expect(builder.totalParams).toHaveAttribute('data-value', '623290');
    expect(await persist.answers()).toEqual(answers);
    // And after a reload, on the still full disk, everything is there.
    await page.reload();
    await expect(persist.info).toContainText('Restored your network and its weights from epoch 1');
    expect(await persist.answers()).toEqual(answers);
    await persist.openModels();
    await expect(persist.savedModels).toHaveCount(saved);
  } finally {
    await context.close();
    execFileSync('umount', [disk]);
    rmSync(disk, { recursive: true, force: true });
  }
});
