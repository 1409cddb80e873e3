// Drawing a digit and looking inside the network, in a real browser with a real worker and real MNIST.
import { DIGIT_STROKES, expect, test } from './drawPage';

test.describe.configure({ timeout: 600_000 });

const VERTICAL: [number, number][][] = [
  [
    [0.5, 0.18],
    [0.5, 0.82],
  ],
];

test('before any training, drawing works and says a network is needed', async ({ builder, draw, page }) => {
  await builder.open();
  await expect(page.getByTestId('draw-no-model')).toBeVisible();
  await expect(page.getByTestId('inspect-no-model')).toBeVisible();
  await draw.draw(VERTICAL);
  await expect(draw.canvas).toHaveAttribute('data-strokes', '1');
  await draw.draw([
    [
      [0.3, 0.5],
      [0.7, 0.5],
    ],
  ]);
  await expect(draw.canvas).toHaveAttribute('data-strokes', '2');
  await page.getByTestId('draw-undo').click();
  await expect(draw.canvas).toHaveAttribute('data-strokes', '1');
  await expect(draw.prediction).toHaveCount(0);
  await expect(page.getByTestId('draw-no-model')).toBeVisible();
});

test('after a short run: live guesses, feature maps per filter, filters, confusion cells and mistakes', async ({ builder, training, draw, page }) => {
  await builder.open();
  await builder.presetSelect.selectOption('seed-larger-cnn');
  await training.useBackend('wasm');
  await training.configure({ epochs: 1, subset: 2000, batchSize: 50, validation: 'test' });

  // Draw before training: the guess comes as soon as there are weights to ask, during the run.
  await draw.draw(VERTICAL);
  await training.start();
  await expect(draw.prediction).toBeVisible({ timeout: 240_000 });
  const stateAtFirstGuess = await training.status.getAttribute('data-state');
  test.info().annotations.push({ type: 'run state at the first guess', description: stateAtFirstGuess ?? '' });
  await training.waitFor('done', 480_000);

  // The guess of a vertical stroke: a digit with a probability, and ten bars that sum to 1.
  await expect(draw.prediction).toBeVisible();
  const { digit, confidence } = await draw.predicted();
  test.info().annotations.push({ type: 'vertical stroke read as', description: `${digit} (${(confidence * 100).toFixed(1)}%)` });
  expect(digit).toBeGreaterThanOrEqual(0);
  expect(digit).toBeLessThanOrEqual(9);
  expect(confidence).toBeGreaterThan(0.1);
  expect(confidence).toBeLessThanOrEqual(1);
  const bars = await page.getByTestId('probability').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  expect(bars).toHaveLength(10);
  expect(bars.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  expect(Math.max(...bars)).toBeCloseTo(confidence, 3);
  // The run learnt despite being asked questions while it trained.
  expect(Number(await training.testError.getAttribute('data-value'))).toBeLessThan(30);

  // Feature maps of the drawn digit: one image per filter for every conv (and pooling) layer.
  const builderShapes = await builder.rows.evaluateAll((rows) =>
    rows.map((r) => ({ type: r.getAttribute('data-layer-type'), shape: r.getAttribute('data-output-shape') })),
  );
  const shown = builderShapes.filter((l) => l.type !== 'dropout' && l.type !== 'flatten');
  await expect(draw.featureLayers).toHaveCount(shown.length, { timeout: 60_000 });
  for (const [k, layer] of shown.entries()) {
    const view = draw.featureLayers.nth(k);
    await expect(view).toHaveAttribute('data-layer-type', layer.type!);
    await expect(view).toHaveAttribute('data-shape', layer.shape!);
    const dims = layer.shape!.split('x').map(Number);
    if (dims.length === 3) await expect(view.getByTestId('feature-map')).toHaveCount(dims[2]!);
    else await expect(view.getByTestId('activation-strip')).toHaveAttribute('data-units', String(dims[0]));
  }
  const convCounts = await page
    .locator('[data-testid="feature-layer"][data-layer-type="conv2d"]')
    .evaluateAll((els) => els.map((e) => e.querySelectorAll('[data-testid="feature-map"]').length));
  expect(convCounts).toEqual([30, 15]);
  // The maps are painted: some pixels of the first conv layer's maps are not black.
  const lit = await page
    .locator('[data-testid="feature-layer"][data-layer-type="conv2d"] canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      return d.some((v, i) => i % 4 !== 3 && v > 0);
    });
  expect(lit).toBe(true);

  // A test digit by number (the test set begins 7, 2, 1, 0, 4, ...).
  await page.getByTestId('inspect-test-index').fill('2');
  await expect(page.getByTestId('fm-caption')).toContainText('label 2');
  await page.getByRole('button', { name: 'Next test digit' }).click();
  await expect(page.getByTestId('fm-caption')).toContainText('label 1');

  // The first conv layer's 30 filters.
  await expect(page.getByTestId('filter')).toHaveCount(30);
  await expect(page.getByTestId('filters-epoch')).toHaveText('After 1 epoch.');

  // Confusion matrix: 100 cells counting all 10,000 test digits, diagonal matching the test error.
  await expect(draw.cells).toHaveCount(100);
  const counts = await draw.cells.evaluateAll((els) =>
    els.map((e) => ({ t: Number(e.getAttribute('data-true')), p: Number(e.getAttribute('data-predicted')), n: Number(e.getAttribute('data-count')) })),
  );
  expect(counts.reduce((a, c) => a + c.n, 0)).toBe(10_000);
  const mistakes = counts.filter((c) => c.t !== c.p).reduce((a, c) => a + c.n, 0);
  expect(mistakes / 100).toBeCloseTo(Number(await training.testError.getAttribute('data-value')), 2);
  await expect(page.getByTestId('class-accuracy')).toHaveCount(10);

  // Click the commonest mistake: its digits open, all of that true label and guess, most confident first.
  const worst = counts.filter((c) => c.t !== c.p).sort((a, b) => b.n - a.n)[0]!;
  await draw.cell(worst.t, worst.p).click();
  const list = page.getByTestId('cell-digits');
  await expect(list).toHaveAttribute('data-total', String(worst.n));
  const tiles = list.getByTestId('test-digit');
  await expect(tiles).toHaveCount(Math.min(worst.n, 40));
  const rows = await tiles.evaluateAll((els) =>
    els.map((e) => ({ label: e.getAttribute('data-label'), predicted: e.getAttribute('data-predicted'), confidence: Number(e.getAttribute('data-confidence')) })),
  );
  expect(new Set(rows.map((r) => `${r.label}->${r.predicted}`))).toEqual(new Set([`${worst.t}->${worst.p}`]));
  const confidences = rows.map((r) => r.confidence);
  expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  // A digit from the cell opens in the feature-map view.
  await tiles.first().getByRole('button').click();
  await expect(page.getByTestId('fm-caption')).toContainText(`label ${worst.t}`);
  await expect(page.getByTestId('inspect-test')).toBeChecked();

  // The gallery holds every mistake.
  await expect(page.getByTestId('mistakes-gallery')).toHaveAttribute('data-total', String(mistakes));
  await expect(page.getByTestId('mistakes-gallery').getByTestId('test-digit')).toHaveCount(Math.min(mistakes, 60));

  await draw.canvas.scrollIntoViewIfNeeded();
  await page.getByTestId('draw-panel').screenshot({ path: test.info().outputPath('draw-panel.png') });
  await page.getByTestId('inspect-section').screenshot({ path: test.info().outputPath('inspect.png') });
  for (const part of ['feature-maps', 'filters', 'confusion-panel', 'mistakes-panel']) {
    await page.getByTestId(part).screenshot({ path: test.info().outputPath(`${part}.png`) });
  }

  // Clear removes the guess; a new stroke brings one back.
  await draw.clear();
  await expect(draw.prediction).toHaveCount(0);
  await expect(draw.canvas).toHaveAttribute('data-strokes', '0');
  const again = await draw.guess(DIGIT_STROKES.zero);
  test.info().annotations.push({ type: 'drawn 0 read as', description: `${again.digit} (${(again.confidence * 100).toFixed(1)}%)` });
});

// The real check: a network trained on all 60,000 digits reads a drawn 1, 0 and 7.
// Minutes of training on a CPU, so it runs only when asked: REAL_CHECK=1 (REAL_CHECK_EPOCHS, default 1).
test('@slow a seed-simple-cnn trained on the full set recognises a drawn 1, 0 and 7', async ({ builder, training, draw }) => {
  test.skip(!process.env.REAL_CHECK, 'set REAL_CHECK=1 to train on the full set (takes minutes)');
  test.setTimeout(3_600_000);
  await builder.open();
  await builder.presetSelect.selectOption('seed-simple-cnn');
  await training.useBackend('wasm');
  await training.configure({ epochs: Number(process.env.REAL_CHECK_EPOCHS ?? 1), subset: 60_000, batchSize: 200, validation: 'test' });
  await training.start();
  await training.waitFor('done', 3_000_000);
  const error = await training.testError.getAttribute('data-value');
  const results: Record<string, string> = {};
  for (const [name, expected] of [
    ['one', 1],
    ['zero', 0],
    ['seven', 7],
  ] as const) {
    const { digit, confidence } = await draw.guess(DIGIT_STROKES[name]);
    results[name] = `${digit} (${(confidence * 100).toFixed(1)}%)`;
    await draw.page.getByTestId('draw-panel').screenshot({ path: test.info().outputPath(`real-${name}.png`) });
    expect.soft(digit, `a drawn ${expected}`).toBe(expected);
  }
  const summary = `test error ${error}%; drawn 1 → ${results.one}, 0 → ${results.zero}, 7 → ${results.seven}`;
  test.info().annotations.push({ type: 'real check', description: summary });
  console.log(`real check: ${summary}`);
});
