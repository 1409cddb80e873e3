// Offline: after one visit, the app and the dataset open and train with the network cut off.
import { expect, test } from './fixtures';

test.describe.configure({ timeout: 300_000 });

test('after a first visit the app reloads and trains with the network off', async ({ builder, training, page, context }) => {
  await builder.open();
  // The service worker takes control of the page once it has precached the app.
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  }, null, { timeout: 60_000 });
  const manifest = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).json());
  expect(manifest.name).toBe('CNN Playground');
  expect(manifest.icons.some((i: { sizes: string }) => i.sizes === '512x512')).toBe(true);

  // First visit: train briefly, which downloads and caches the dataset.
  await builder.presetSelect.selectOption('seed-mlp');
  await training.useBackend('wasm');
  await training.configure({ epochs: 1, subset: 500, batchSize: 50, validation: 'holdout' });
  await training.start();
  await training.waitFor('done');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'CNN Playground' })).toBeVisible();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  // The trained MLP and its weights come back from autosave offline too; changing the network then asks first.
  await expect(page.getByTestId('persist-info')).toContainText('Restored your network and its weights from epoch 1');
  await builder.presetSelect.selectOption('seed-simple-cnn');
  await page.getByTestId('discard-confirm').click();
  await training.useBackend('wasm');
  await training.configure({ epochs: 1, subset: 1000, batchSize: 50, validation: 'holdout' });
  await training.start();
  await training.waitFor('done');
  await expect(training.testError).toContainText('CNN Error');
  await context.setOffline(false);
});
