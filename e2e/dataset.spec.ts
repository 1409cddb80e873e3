// The MNIST dataset in the browser: counts, the first digits, and a corrupted download with Retry.
import { expect, test } from './fixtures';

test('the dataset view shows 60,000 and 10,000 digits, the first four labelled 5, 0, 4, 1', async ({ builder, page }) => {
  await builder.open();
  await page.getByTestId('dataset-toggle').click();
  await expect(page.getByTestId('train-count')).toHaveAttribute('data-value', '60000', { timeout: 60_000 });
  await expect(page.getByTestId('test-count')).toHaveAttribute('data-value', '10000');
  await expect(page.getByTestId('class-counts')).toContainText('5,923');
  const labels = await page.getByTestId('sample').evaluateAll((els) => els.slice(0, 4).map((e) => e.getAttribute('data-label')));
  expect(labels).toEqual(['5', '0', '4', '1']);
  // The images are real: the first digit has ink.
  const ink = await page.getByTestId('sample').first().locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += data[i]!;
    return sum;
  });
  expect(ink).toBeGreaterThan(10_000);

  await page.getByTestId('dataset-digit-7').click();
  await expect(page.getByTestId('sample').first()).toHaveAttribute('data-label', '7');
  const sevens = await page.getByTestId('sample').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
  expect(new Set(sevens)).toEqual(new Set(['7']));
});

test('a corrupted asset shows a clear error, and Retry recovers', async ({ builder, page, context }) => {
  let corrupt = true;
  await context.route('**/data/train-labels.u8.gzip', async (route) => {
    if (!corrupt) return route.continue();
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    const middle = body.length >> 1;
    body[middle] = body[middle]! ^ 0xff; // one flipped byte in the middle
    await route.fulfill({ response, body });
  });
  await builder.open();
  await page.getByTestId('dataset-toggle').click();
  const error = page.getByTestId('dataset-view').getByRole('alert');
  await expect(error).toContainText(/train-labels/, { timeout: 60_000 });
  await expect(error).toContainText(/corrupt|checksum|damaged/i);
  await expect(page.getByTestId('train-count')).toHaveCount(0);

  corrupt = false;
  await error.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('train-count')).toHaveAttribute('data-value', '60000', { timeout: 60_000 });
  await expect(error).toHaveCount(0);
});

test('a second visit loads the dataset from the browser cache', async ({ builder, page }) => {
  await builder.open();
  await page.getByTestId('dataset-toggle').click();
  await expect(page.getByTestId('train-count')).toHaveAttribute('data-value', '60000', { timeout: 60_000 });
  await page.reload();
  await page.getByTestId('dataset-toggle').click();
  await expect(page.getByTestId('train-count')).toHaveAttribute('data-value', '60000', { timeout: 60_000 });
  await expect(page.getByTestId('data-ready')).toContainText('from the browser cache');
});
