// Datasets end to end: Fashion-MNIST with its class names, and a three-class dataset drawn on the pad, trained, kept, exported and imported.
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { DatasetPage, SHAPES } from './datasetPage';
import { DIGIT_STROKES } from './drawPage';

const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

test('Fashion-MNIST: its class names in the picker, the confusion matrix and the prediction, its size in train-subset, and the link', async ({ page, builder, training }) => {
  test.setTimeout(240_000);
  const data = new DatasetPage(page);
  await builder.open();
  await expect(data.names()).resolves.toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  await data.select.selectOption('fashion-mnist');
  await expect(data.names()).resolves.toEqual(FASHION);
  await expect(page.getByTestId('dataset-comparability')).toContainText('Not comparable with published Fashion-MNIST results');
  // All of its 59,945 training images, never more.
  await expect(page.getByTestId('train-subset')).toHaveValue('59945');
  await expect(page.getByTestId('train-subset')).toHaveAttribute('max', '59945');
  await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toContain('"dataset":"fashion-mnist"');

  await training.useBackend('wasm');
  await training.configure({ epochs: 1, batchSize: 100, subset: 3000 });
  await training.start();
  await training.waitFor('done');
  await expect(training.testError).toContainText('on the 10,000 test images');
  const error = Number(await training.testError.getAttribute('data-value'));
  // A tenth is chance; a simple CNN on 3,000 clothes does far better after one epoch.
  expect(error).toBeLessThan(45);
  await expect(page.getByTestId('test-error-note')).toContainText('Not comparable');

  const matrix = page.getByTestId('confusion-matrix');
  await matrix.scrollIntoViewIfNeeded();
  expect(JSON.parse((await matrix.getAttribute('data-classes'))!)).toEqual(FASHION);
  await expect(page.getByTestId('confusion-row')).toHaveText(FASHION);
  await expect(page.getByTestId('confusion-cell')).toHaveCount(100);
  const counted = await page.getByTestId('confusion-cell').evaluateAll((els) => els.reduce((sum, el) => sum + Number(el.getAttribute('data-count')), 0));
  expect(counted).toBe(10_000);
  const mistake = page.getByTestId('mistakes-gallery').getByTestId('test-digit').first();
  await expect(mistake).toHaveAttribute('data-label-name', new RegExp(FASHION.map((n) => n.replace('/', '\\/')).join('|')));

  // A drawn trouser: two long legs. Whatever the network says, it says it with a class name.
  await data.draw([
    [
      [0.4, 0.2],
      [0.35, 0.8],
    ],
    [
      [0.6, 0.2],
      [0.65, 0.8],
    ],
    [
      [0.4, 0.2],
      [0.6, 0.2],
    ],
  ]);
  const prediction = page.getByTestId('prediction');
  await expect(prediction).toHaveAttribute('data-fresh', 'true', { timeout: 30_000 });
  const label = await prediction.getAttribute('data-label');
  expect(FASHION).toContain(label);
  expect(FASHION[Number(await prediction.getAttribute('data-digit'))]).toBe(label);
});

test('a link naming a dataset the app does not have is refused, and the network stays', async ({ builder }) => {
  const arch = { format: 'cnn-playground/architecture', version: 1, input: { height: 28, width: 28, channels: 1 }, dataset: 'cifar-10', layers: [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] };
  await builder.open(`#arch=${encodeURIComponent(JSON.stringify(arch))}`);
  await expect(builder.archError).toContainText('a dataset this app does not have ("cifar-10")');
  await expect(builder.rows).toHaveCount(6);
});

test('your own classes: drawn, trained, answering new drawings, kept over a reload, exported, cleared and imported identical', async ({ page, builder, training }) => {
  test.setTimeout(420_000);
  const data = new DatasetPage(page);
  await builder.open();
  await builder.presetSelect.selectOption('seed-simple-cnn');
  await data.select.selectOption('custom');
  await expect(data.editor).toBeVisible();
  await expect(data.editor).toContainText('at least 10 examples in every class');
  const shapes = ['vertical', 'horizontal', 'circle'] as const;
  for (const name of shapes) await data.addClass(name);
  await expect(data.names()).resolves.toEqual([...shapes]);
  // The output layer follows the three classes.
  await expect(builder.row(5)).toHaveAttribute('data-output-shape', '3');
  await expect(builder.archError).toBeHidden();

  for (let i = 0; i < 15; i++) for (const [c, name] of shapes.entries()) await data.addDrawing(c, SHAPES[name](i));
  expect(await data.counts()).toEqual([15, 15, 15]);
  await expect(page.getByTestId('custom-readiness')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('custom-readiness')).toContainText('Ready: 36 examples to train on, 9 to test.');
  await expect(page.getByTestId('train-subset')).toHaveValue('36');

  await training.useBackend('wasm');
  await training.configure({ epochs: 15, batchSize: 12 });
  await training.start();
  await training.waitFor('done', 300_000);
  await expect(training.testError).toContainText('on the 9 test examples');
  await expect(page.getByTestId('confusion-row')).toHaveText([...shapes]);

  // New drawings, unlike any trained on, get the right class.
  const prediction = page.getByTestId('prediction');
  const guess = async (strokes: Parameters<DatasetPage['draw']>[0]) => {
    await page.getByTestId('draw-clear').click();
    await data.draw(strokes);
    await expect(prediction).toHaveAttribute('data-fresh', 'true', { timeout: 30_000 });
    return prediction.getAttribute('data-label');
  };
  expect(await guess(SHAPES.vertical(20))).toBe('vertical');
  expect(await guess(SHAPES.horizontal(21))).toBe('horizontal');
  expect(await guess(SHAPES.circle(22))).toBe('circle');
  const confidence = await prediction.getAttribute('data-confidence');

  // A reload finds the classes, their examples and the trained network as they were.
  await expect(page.getByTestId('autosave-status')).toHaveAttribute('data-weights-epoch', '15', { timeout: 30_000 });
  await page.reload();
  await expect(data.editor).toBeVisible();
  await expect(data.classes).toHaveCount(3);
  expect(await data.counts()).toEqual([15, 15, 15]);
  await expect(data.names()).resolves.toEqual([...shapes]);
  // The pad kept the circle; the restored weights answer it exactly as before.
  await expect(prediction).toHaveAttribute('data-fresh', 'true', { timeout: 60_000 });
  await expect(prediction).toHaveAttribute('data-label', 'circle');
  await expect(prediction).toHaveAttribute('data-confidence', confidence!);

  // Export, clear, import: identical.
  const exported = page.waitForEvent('download');
  await page.getByTestId('custom-export').click();
  const file = await (await exported).path();
  const text = readFileSync(file, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'cnn-playground/custom-dataset', version: 1, classes: [{ name: 'vertical', count: 15 }, { name: 'horizontal', count: 15 }, { name: 'circle', count: 15 }] });
  await page.getByTestId('custom-clear').click();
  await page.getByTestId('custom-clear-confirm').click();
  await expect(data.classes).toHaveCount(0);
  // A bad file changes nothing and says why.
  await page.getByTestId('custom-import').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(text.replace('"count": 15', '"count": 16')) });
  await expect(page.getByTestId('custom-error')).toContainText('"broken.json" was not imported: Class 1 ("vertical"): its pixels are not 16 images');
  await expect(data.classes).toHaveCount(0);
  await page.getByTestId('custom-import').setInputFiles(file);
  await expect(data.classes).toHaveCount(3);
  expect(await data.counts()).toEqual([15, 15, 15]);
  const again = page.waitForEvent('download');
  await page.getByTestId('custom-export').click();
  expect(readFileSync(await (await again).path(), 'utf8')).toBe(text);
});

test('your own handwriting beside MNIST: its own error and confusion, and fine-tuning on it', async ({ page, builder, training }) => {
  test.setTimeout(300_000);
  const data = new DatasetPage(page);
  await builder.open();
  await training.useBackend('wasm');
  await training.configure({ epochs: 1, batchSize: 100, subset: 2000 });
  await training.start();
  await training.waitFor('done');
  const section = page.getByTestId('my-digits');
  await section.locator('summary').click();
  // Five each of 1, 0 and 7, as drawn on the pad.
  const strokes = { 1: DIGIT_STROKES.one, 0: DIGIT_STROKES.zero, 7: DIGIT_STROKES.seven } as const;
  for (let i = 0; i < 5; i++) {
    for (const [digit, drawing] of Object.entries(strokes)) {
      await page.getByTestId('my-digits-digit').selectOption(digit);
      const row = page.getByTestId('my-digit-class').nth(Number(digit));
      const before = Number(await row.getAttribute('data-count'));
      await data.draw(drawing.map((s) => s.map(([x, y]): [number, number] => [x + 0.02 * (i - 2), y])));
      await page.getByTestId('my-digits-add').click();
      await expect(row).toHaveAttribute('data-count', String(before + 1));
      await expect(data.canvas).toHaveAttribute('data-strokes', '0');
    }
  }
  await page.getByTestId('my-digits-test').click();
  const score = page.getByTestId('my-digits-score');
  await expect(score).toHaveAttribute('data-count', '15');
  const confusion = JSON.parse((await score.getAttribute('data-confusion'))!) as number[];
  expect(confusion.reduce((a, b) => a + b, 0)).toBe(15);
  const right = confusion[0]! + confusion[11]! + confusion[77]!;
  expect(Number(await score.getAttribute('data-value'))).toBeCloseTo((100 * (15 - right)) / 15, 2);
  // Only the rows of the digits drawn hold anything.
  for (let t = 0; t < 10; t++) if (![0, 1, 7].includes(t)) expect(confusion.slice(t * 10, t * 10 + 10).every((n) => n === 0)).toBe(true);

  // Fine-tuning: five more epochs on four of each five, tested on the fifth.
  await page.getByTestId('my-digits-finetune').click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-epoch', '6', { timeout: 120_000 });
  await training.waitFor('done');
  await expect(training.testError).toContainText('on the 3 test digits of your handwriting');
  await page.reload();
  await page.getByTestId('my-digits').locator('summary').click();
  await expect(page.getByTestId('my-digit-class').nth(7)).toHaveAttribute('data-count', '5');
});
