// Watch it learn: scrubbing back through a run changes every view of the weights to that moment and back; histograms for every layer; the exploding-gradient note.
import { DIGIT_STROKES, DrawPage } from './drawPage';
import { expect, test } from './fixtures';
import { ReplayPage } from './replayPage';

test.describe.configure({ timeout: 420_000 });

test('scrubbing to the first checkpoint shows that moment everywhere, and Now brings back today’s exactly', async ({ builder, training, persist, page }) => {
  const replay = new ReplayPage(page);
  const draw = new DrawPage(page);
  await builder.open();
  await builder.presetSelect.selectOption('seed-larger-cnn');
  await training.useBackend('wasm');
  await training.configure({ epochs: 2, subset: 2000, batchSize: 50, validation: 'holdout' });
  // Drawn first: the replay's views appear above the pad once training ends, and would move it mid-stroke.
  await draw.draw(DIGIT_STROKES.seven);
  await training.start();
  await training.waitFor('done', 300_000);
  // Start, after 1 and 10 batches (36 an epoch), and the end of each epoch: the last is the live weights.
  await expect(replay.scrubber).toHaveAttribute('max', '4');
  await expect(replay.scrubber).toHaveValue('4');
  await expect(replay.scrubber).toHaveAttribute('data-value', '2');
  await replay.waitForViews('live');
  const today = await replay.shown();

  await replay.scrubTo(0);
  await expect(replay.scrubber).toHaveAttribute('data-value', '0');
  const first = await page.getByTestId('checkpoint-memory').getAttribute('data-kept');
  expect(first).toBe('5');
  const id = await replay.scrubber.getAttribute('data-checkpoint');
  expect(id).toMatch(/^\d+$/);
  await replay.waitForViews(`checkpoint:${id}`);
  const then = await replay.shown();
  expect(then.filters).not.toBe(today.filters);
  expect(then.probabilities).not.toBe(today.probabilities);
  expect(then.softmax).not.toBe(today.softmax);
  expect(then.confusion).not.toEqual(today.confusion);
  // Before training the weights are random: the confusion matrix still counts all 10,000 test digits.
  expect(then.confusion.reduce((a, b) => a + Number(b), 0)).toBe(10_000);
  await expect(page.getByTestId('shown-moment').first()).toContainText('before training');

  // Histograms for every layer with weights (the larger CNN: conv, conv, dense, dense, dense), one column per moment.
  const withWeights = await builder.rows.evaluateAll((rows) => rows.flatMap((r, i) => (Number(r.getAttribute('data-params')) > 0 ? [String(i)] : [])));
  await replay.section.getByTestId('weight-histograms').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('histogram-layer')).toHaveCount(withWeights.length, { timeout: 30_000 });
  expect(await page.getByTestId('histogram-layer').evaluateAll((els) => els.map((e) => e.getAttribute('data-layer')))).toEqual(withWeights);
  for (const h of await page.getByTestId('weight-histogram').all()) {
    await expect(h).toHaveAttribute('data-columns', '5');
    await expect(h).toHaveAttribute('data-selected', '0');
  }

  // The learning curves show where the scrubber is; a click in the middle of the per-batch loss (36 batches an epoch) goes to the end of epoch 1.
  const loss = page.getByTestId('chart-loss');
  await loss.scrollIntoViewIfNeeded();
  await expect(loss.getByTestId('curve-cursor')).toHaveAttribute('data-x', '0');
  const box = (await loss.locator('.chart-surface').boundingBox())!;
  await page.mouse.click(box.x + 58 + (box.width - 74) / 2, box.y + 80);
  await expect(replay.scrubber).toHaveAttribute('data-value', '1');
  await expect(loss.getByTestId('curve-cursor')).toHaveAttribute('data-x', '36');

  // Forward again: today's weights, exactly as before.
  await page.getByTestId('scrubber-now').click();
  await expect(replay.scrubber).toHaveValue('4');
  await replay.waitForViews('live');
  expect(await replay.shown()).toEqual(today);

  // Restoring a checkpoint is one undoable step that says what it replaces; the network's own weights
  // (which the model check, autosave and export read) change, and Undo puts them back exactly.
  const check = page.getByTestId('model-check');
  await expect(check).toHaveAttribute('data-probabilities', /\d/);
  const own = (await check.getAttribute('data-probabilities'))!;
  await replay.scrubTo(3);
  await page.getByTestId('restore-checkpoint').click();
  await expect(page.getByTestId('restore-dialog')).toContainText('end of epoch 1');
  await expect(page.getByTestId('restore-dialog')).toContainText('replacing the weights of now (epoch 2');
  await page.getByTestId('restore-confirm').click();
  await expect(page.getByTestId('restore-note')).toBeVisible();
  await expect(replay.scrubber).toHaveAttribute('max', '3');
  await expect(training.status).toHaveAttribute('data-epoch', '1');
  await expect(check).not.toHaveAttribute('data-probabilities', own);
  await page.getByTestId('restore-undo').click();
  await expect(replay.scrubber).toHaveAttribute('max', '4');
  await expect(training.status).toHaveAttribute('data-epoch', '2');
  await expect(check).toHaveAttribute('data-probabilities', own);

  // The checkpoints were kept with the run in the history: after a reload, Replay brings back the same first moment.
  await expect(page.getByTestId('checkpoints-kept')).toContainText('Kept with run #1', { timeout: 30_000 });
  await page.reload();
  await persist.waitForSavedWeights(2); // autosave put the weights of now back
  await page.getByTestId('history-replay').click();
  await page.getByTestId('discard-confirm').click(); // the reload restored the weights of now; Replay replaces them
  await expect(replay.scrubber).toHaveAttribute('max', '4', { timeout: 60_000 });
  await replay.scrubTo(0);
  const again = await replay.scrubber.getAttribute('data-checkpoint');
  await replay.waitForViews(`checkpoint:${again}`);
  const replayed = await replay.shown();
  expect(replayed.filters).toBe(then.filters);
  expect(replayed.probabilities).toBe(then.probabilities);
  expect(replayed.confusion).toEqual(then.confusion);
});

test('plain SGD at a learning rate far too high shows the exploding-gradient note before divergence stops the run', async ({ builder, training, page }) => {
  await builder.open();
  await builder.presetSelect.selectOption('seed-mlp');
  await training.useBackend('wasm');
  await page.getByTestId('train-optimizer').selectOption('sgd');
  await training.configure({ epochs: 2, subset: 2000, batchSize: 100, learningRate: 100, validation: 'holdout' });
  await training.start();
  await training.waitFor('error', 240_000);
  const message = (await page.getByTestId('train-message').textContent()) ?? '';
  expect(message).toContain('Training diverged');
  // The chart and its notes draw once on screen.
  await page.getByTestId('gradient-chart').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('gradient-chart')).toHaveAttribute('data-samples', /^[1-9]/);
  const note = page.locator('[data-testid="gradient-note"][data-kind="exploding"]');
  await expect(note).toBeVisible();
  await expect(note).toContainText('learning rate is too high');
  await expect(note).toContainText('Lower the learning rate ten times (to 10)');
  // The note comes from a batch before the one where the run was stopped.
  const noted = Number(await note.getAttribute('data-step'));
  const stopped = Number(/batch (\d+)/.exec(message)![1]);
  expect(noted).toBeGreaterThanOrEqual(1);
  expect(noted).toBeLessThan(stopped);
});

test('scrubbing keeps the main thread free, and the replay passes an accessibility audit in both themes', async ({ builder, training, page }) => {
  const replay = new ReplayPage(page);
  await builder.open();
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
  });
  await builder.presetSelect.selectOption('seed-simple-cnn');
  await training.useBackend('wasm');
  await training.configure({ epochs: 1, subset: 2000, batchSize: 50, validation: 'holdout' });
  await new DrawPage(page).draw(DIGIT_STROKES.zero);
  await training.start();
  await training.waitFor('done', 300_000);
  // The charts mount when first seen; mount them first, so what is timed is scrubbing.
  await page.getByTestId('learning-curves').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('chart-loss')).toBeVisible();
  await page.getByTestId('feature-maps').scrollIntoViewIfNeeded();
  await replay.waitForViews('live');
  // Scrub back and forth through every checkpoint with the keyboard, the feature maps, filters, guess and matrix following.
  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
  const max = await replay.max();
  for (let round = 0; round < 2; round++) {
    for (let i = max - 1; i >= 0; i--) {
      await replay.scrubTo(i);
      await replay.waitForViews(`checkpoint:${await replay.scrubber.getAttribute('data-checkpoint')}`);
    }
    await page.getByTestId('scrubber-now').click();
    await replay.waitForViews('live');
  }
  const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
  test.info().annotations.push({ type: 'longest main-thread task while scrubbing', description: `${longest.toFixed(0)} ms` });
  console.log(`longest main-thread task while scrubbing: ${longest.toFixed(0)} ms`);

  const AxeBuilder = (await import('@axe-core/playwright')).default;
  await replay.scrubTo(1);
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId('theme-select').selectOption(theme);
    await replay.section.scrollIntoViewIfNeeded();
    await expect(page.getByTestId('weight-histogram').first()).toBeVisible();
    const results = await new AxeBuilder({ page }).include('#replay').include('#inspect').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad, `replay (${theme})`).toEqual([]);
  }
});
