// Training in the worker, driven through the page: backends, pause/resume, divergence, leaks.
import { expect, test } from './fixtures';

test.describe.configure({ timeout: 600_000 });

for (const backend of ['wasm', 'webgl'] as const) {
  test(`seed-simple-cnn learns from 2,000 digits in one epoch on ${backend}`, async ({ builder, training }) => {
    await builder.open();
    await builder.presetSelect.selectOption('seed-simple-cnn');
    await training.useBackend(backend);
    // All 2,000 train (validation on the test set, as the seed does) in 40 steps of 50.
    await training.configure({ epochs: 1, subset: 2000, batchSize: 50, validation: 'test' });
    await training.start();
    await training.waitFor('done', 480_000);
    await expect(training.status).toHaveAttribute('data-epoch', '1');
    await expect(training.testError).toContainText(/^CNN Error: \d+\.\d\d%/);
    const error = Number(await training.testError.getAttribute('data-value'));
    test.info().annotations.push({ type: `test error on ${backend}`, description: `${error}%` });
    expect(error).toBeLessThan(15);
    expect(Number(await builder.page.getByTestId('throughput').getAttribute('data-value'))).toBeGreaterThan(0);
    await expect(training.backendActive).toHaveAttribute('data-value', backend);
  });
}

test('auto does not pick a software GPU', async ({ builder, training }) => {
  await builder.open();
  await expect(training.backendActive).not.toHaveAttribute('data-value', '', { timeout: 30_000 });
  const name = await training.backendActive.getAttribute('data-value');
  const reason = (await training.backendActive.textContent()) ?? '';
  test.info().annotations.push({ type: 'auto backend', description: reason });
  // On a machine whose only GPU is SwiftShader or llvmpipe, auto must choose the CPU side.
  if (name === 'webgl' || name === 'webgpu') expect(reason).toMatch(/hardware GPU/);
  else expect(reason).toMatch(/software GPU|no hardware GPU/);
});

test('pause and resume, then numTensors stays flat over three epochs', async ({ builder, training, page }) => {
  await builder.open();
  await builder.presetSelect.selectOption('seed-larger-cnn');
  await training.useBackend('wasm');
  await training.configure({ epochs: 3, subset: 1500, batchSize: 50, validation: 'holdout' });
  await training.start();
  await training.waitFor('training', 120_000);
  await expect(page.getByTestId('live-loss')).not.toHaveText('—', { timeout: 60_000 });
  await page.getByTestId('train-pause').click();
  await training.waitFor('paused', 30_000);
  const progress = await page.getByTestId('live-loss').textContent();
  const epoch = await training.status.getAttribute('data-epoch');
  await page.waitForTimeout(1500);
  // Nothing moves while paused.
  expect(await page.getByTestId('live-loss').textContent()).toBe(progress);
  expect(await training.status.getAttribute('data-epoch')).toBe(epoch);
  await page.getByTestId('train-pause').click();
  await training.waitFor('done', 480_000);
  await expect(training.status).toHaveAttribute('data-epoch', '3');
  const tensors = await page.getByTestId('epoch-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-num-tensors'))));
  test.info().annotations.push({ type: 'numTensors per epoch', description: tensors.join(', ') });
  expect(tensors).toHaveLength(3);
  expect(new Set(tensors).size).toBe(1);
});

test('a diverging run stops with a plain explanation and keeps the network', async ({ builder, training, page }) => {
  await builder.open();
  await builder.presetSelect.selectOption('seed-mlp');
  await training.useBackend('wasm');
  await training.configure({ epochs: 2, subset: 2000, batchSize: 100, learningRate: 100, validation: 'holdout' });
  await training.start();
  await training.waitFor('error', 240_000);
  await expect(page.getByTestId('train-message')).toContainText('Training diverged');
  await expect(page.getByTestId('train-message')).toContainText('lower learning rate');
  await expect(builder.totalParams).toHaveAttribute('data-value', '623290');
  // It diverged in its first epoch: there is no trained network to draw for, continue or export.
  await expect(page.getByTestId('train-message')).toContainText('there is no trained network');
  await expect(page.getByTestId('draw-no-model')).toBeVisible();
  await expect(page.getByTestId('train-continue')).toBeDisabled();
});

test('settings outside sensible ranges are refused', async ({ builder, training, page }) => {
  await builder.open();
  await training.configure({ batchSize: 0 });
  await expect(page.getByTestId('settings-error')).toContainText('Batch size must be a whole number');
  await expect(page.getByTestId('train-start')).toBeDisabled();
  await training.configure({ batchSize: 200, subset: 70000 });
  await expect(page.getByTestId('settings-error')).toContainText('size of the training set');
  await training.configure({ subset: 60000, learningRate: -1 });
  await expect(page.getByTestId('settings-error')).toContainText('Learning rate must be a number above 0');
  await training.configure({ learningRate: 0.001 });
  await expect(page.getByTestId('settings-error')).toHaveCount(0);
  await expect(page.getByTestId('train-start')).toBeEnabled();
});

test('the main thread stays responsive while training', async ({ builder, training, page }) => {
  await builder.open();
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
  });
  await training.useBackend('wasm');
  await training.configure({ epochs: 1, subset: 2000, batchSize: 100, validation: 'holdout' });
  await training.start();
  await training.waitFor('training', 120_000);
  // Editing while training stays possible and asks before discarding.
  await builder.setField(4, 'units', '64');
  await expect(page.getByTestId('discard-dialog')).toBeVisible();
  await page.getByRole('button', { name: 'Keep the trained network' }).click();
  await expect(builder.totalParams).toHaveAttribute('data-value', '592074');
  await training.waitFor('done', 480_000);
  const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
  test.info().annotations.push({ type: 'longest main-thread task while training', description: `${longest.toFixed(0)} ms` });
  console.log(`longest main-thread task while training: ${longest.toFixed(0)} ms`);
});

test('step mode: one batch, then one epoch, then on to the end; Continue trains more epochs', async ({ builder, training, page }) => {
  await builder.open();
  await builder.presetSelect.selectOption('seed-mlp');
  await training.useBackend('wasm');
  await training.configure({ epochs: 2, subset: 1000, batchSize: 100, validation: 'holdout' });
  // From idle, one batch: the run starts, trains a batch, reports it and pauses.
  await page.getByTestId('train-step-batch').click();
  await training.waitFor('paused', 120_000);
  await expect(page.getByTestId('live-loss')).not.toHaveText('—');
  await expect(training.status).toContainText('batch 1 of 9');
  await expect(page.getByTestId('epoch-row')).toHaveCount(0);
  // One more batch.
  await page.getByTestId('train-step-batch').click();
  await expect(training.status).toContainText('batch 2 of 9', { timeout: 60_000 });
  await training.waitFor('paused');
  // One epoch: the rest of epoch 1, then a pause before epoch 2.
  await page.getByTestId('train-step-epoch').click();
  await expect(page.getByTestId('epoch-row')).toHaveCount(1, { timeout: 60_000 });
  await training.waitFor('paused');
  await expect(training.status).toHaveAttribute('data-epoch', '1');
  // Resume runs to the end.
  await page.getByTestId('train-pause').click();
  await training.waitFor('done');
  await expect(page.getByTestId('epoch-row')).toHaveCount(2);
  // Continue after the last epoch trains as many more (2 → 4), from the same weights.
  await page.getByTestId('train-continue').click();
  await training.waitFor('done');
  await expect(training.status).toHaveAttribute('data-epoch', '4');
  await expect(page.getByTestId('epoch-row')).toHaveCount(4);
  // Train (here by its key, T) over trained weights asks first, as an edit does; keeping them changes nothing.
  await page.locator('body').press('t');
  await expect(page.getByTestId('discard-dialog')).toBeVisible();
  await expect(page.getByTestId('discard-dialog')).toContainText('Train from fresh weights?');
  await page.getByRole('button', { name: 'Keep the trained network' }).click();
  await expect(page.getByTestId('discard-dialog')).toBeHidden();
  await expect(training.status).toHaveAttribute('data-state', 'done');
  await expect(training.status).toHaveAttribute('data-epoch', '4');
  await expect(page.getByTestId('train-continue')).toBeEnabled();
});
