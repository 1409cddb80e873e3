// Faults the user did not cause: a GPU backend that dies mid-run must not lose the learnt weights.
import { expect, test } from './fixtures';

test.describe.configure({ timeout: 600_000 });

test('a lost WebGL context stops the run, keeps the weights, and training goes on with WASM', async ({ builder, training, page }) => {
  await builder.open();
  await builder.presetSelect.selectOption('seed-larger-cnn');
  await training.useBackend('webgl');
  await training.configure({ epochs: 12, subset: 600, batchSize: 50, validation: 'holdout' });
  await training.start();
  const rows = page.getByTestId('epoch-row');
  await expect(rows.first()).toBeVisible({ timeout: 300_000 });

  // Lose the context the way a GPU reset does, from inside the training worker.
  const worker = page.workers().find((w) => /\/assets\/worker-[^/]*\.js$/.test(w.url()));
  expect(worker, 'the training worker').toBeDefined();
  await worker!.evaluate(() => {
    const engine = (self as unknown as { _tfengine: { backend: { gpgpu: { gl: WebGL2RenderingContext } } } })._tfengine;
    engine.backend.gpgpu.gl.getExtension('WEBGL_lose_context')!.loseContext();
  });

  await training.waitFor('error', 60_000);
  await expect(page.getByTestId('train-message')).toContainText('webgl failed');
  await expect(page.getByTestId('train-message')).toContainText(/The weights from epoch \d+ are kept/);
  await expect(page.getByTestId('backend-error')).toContainText('WebGL context was lost');
  const keptEpochs = await rows.count();
  const keptValAcc = Number(await rows.nth(keptEpochs - 1).getAttribute('data-val-acc'));

  await page.getByTestId('backend-continue').click();
  await expect(training.backendActive).toHaveAttribute('data-value', 'wasm', { timeout: 60_000 });
  await training.waitFor('done', 300_000);
  await expect(training.status).toHaveAttribute('data-epoch', '12');
  // The run went on from the kept epoch (no restart from epoch 1) with the weights it had learnt.
  const epochs = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-epoch'))));
  expect(epochs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  const nextValAcc = Number(await rows.nth(keptEpochs).getAttribute('data-val-acc'));
  test.info().annotations.push({ type: 'val_acc at the failure, and one epoch on WASM later', description: `${keptValAcc}, ${nextValAcc}` });
  expect(nextValAcc).toBeGreaterThan(Math.min(0.5, keptValAcc - 0.1));
  await expect(training.testError).toContainText('CNN Error');
});
