// The fast preset: its network and recipe arrive together, and a lean run of it trains on the fused WASM path to a useful network.
import type { Worker } from '@playwright/test';
import { DIGIT_STROKES, expect, test } from './drawPage';

test('the fast preset brings its recipe, and 3,000 digits of it already read most test digits', async ({ builder, training, page, draw }) => {
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

  // The drawn digit's guess: the first one starts the inference worker (a module worker from the
  // app's origin, beside the training worker); once its backend is up it answers the guesses.
  await draw.guess(DIGIT_STROKES.seven);
  const named = async (name: string): Promise<Worker | undefined> => {
    for (const w of page.workers()) if ((await w.evaluate(() => self.name).catch(() => null)) === name) return w;
    return undefined;
  };
  await expect.poll(async () => (await named('inference')) !== undefined, { timeout: 30_000 }).toBe(true);
  const inference = (await named('inference'))!;
  // Count the guesses it answers (its answers go out through postMessage).
  await inference.evaluate(() => {
    const scope = self as unknown as { answered: number; postMessage: (m: unknown, t?: Transferable[]) => void };
    const post = scope.postMessage.bind(scope);
    scope.answered = 0;
    scope.postMessage = (m, t) => {
      const answer = m as { type?: string; result?: { ok?: boolean } };
      if (answer.type === 'answer' && answer.result?.ok) scope.answered++;
      post(m, t);
    };
  });
  const answered = () => inference.evaluate(() => (self as unknown as { answered: number }).answered);
  await expect.poll(async () => (await draw.guess(DIGIT_STROKES.one), answered()), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(draw.prediction).toHaveAttribute('data-digit', /\d/);
});
