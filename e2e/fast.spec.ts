// The fast preset: its network and recipe arrive together, and a lean run of it trains on the fused WASM path to a useful network.
import { expect, test } from './fixtures';

test('the fast preset brings its recipe, and 3,000 digits of it already read most test digits', async ({ builder, training, page }) => {
  await builder.open();
  await builder.presetSelect.selectOption('fast');
  await expect(builder.totalParams).toHaveAttribute('data-value', '37706');
  await expect(page.getByTestId('train-epochs')).toHaveValue('3');
  await expect(page.getByTestId('train-batch-size')).toHaveValue('256');
  await expect(page.getByTestId('train-learning-rate')).toHaveValue('0.02');
  await expect(page.getByTestId('train-schedule')).toHaveValue('onecycle');
  await expect(page.getByTestId('train-augment')).not.toBeChecked();
  // On WASM the run takes the fused path (our kernels for conv, dense, batch norm, loss and Adam).
  await training.useBackend('wasm');
  await training.configure({ subset: 3000, validation: 'holdout' });
  await training.start();
  await training.waitFor('done', 180_000);
  const rows = page.getByTestId('epoch-row');
  await expect(rows).toHaveCount(3);
  // The one-cycle rate is printed as Keras prints a scheduled rate, and ends near 0.
  await expect(rows.last()).toContainText(/lr: [0-9.e-]+/);
  const lastAcc = Number(await rows.last().getAttribute('data-val-acc'));
  expect(lastAcc).toBeGreaterThan(Number(await rows.first().getAttribute('data-val-acc')));
  // About 6% on this machine; a broken fused path lands near 90% (chance).
  expect(Number(await training.testError.getAttribute('data-value'))).toBeLessThan(12);
});
