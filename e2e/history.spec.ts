// Learning curves and run history, driven through the page: two real runs on MNIST, overlay, reload, export.
import { readFile } from 'node:fs/promises';
import { expect, test } from './historyPage';

test.describe.configure({ timeout: 600_000 });

test('two short runs are kept with their curves, overlaid, sorted, exported and still there after a reload', async ({ builder, training, history, page }) => {
  await builder.open();
  await training.useBackend('wasm');
  await expect(history.section).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('history-empty')).toBeVisible();

  // Run 1: the seed's baseline MLP, 1,500 digits, 2 epochs.
  await builder.presetSelect.selectOption('seed-mlp');
  await training.configure({ epochs: 2, subset: 1500, batchSize: 50, validation: 'test' });
  // Small runs train in a blink here, so watch the charts grow in step mode: a batch at a time.
  for (let batch = 1; batch <= 6; batch++) {
    await page.getByTestId('train-step-batch').click();
    await expect(page.getByTestId('train-progress')).toContainText(`Epoch 1 of 2 · batch ${batch} of 30`, { timeout: 120_000 });
    await training.waitFor('paused');
  }
  // Once a run has begun, the panel points to the charts (the step buttons scrolled away from them).
  await page.getByTestId('show-curves').click();
  // Off-screen charts do not redraw; these are on screen, so they draw the reported points.
  await expect(page.getByTestId('live-charts')).toHaveAttribute('data-drawing', 'true');
  await expect.poll(() => history.linePoints('chart-loss'), { timeout: 120_000 }).toEqual([expect.any(Number), expect.any(Number)]);
  await expect.poll(async () => Math.min(...(await history.linePoints('chart-loss'))), { timeout: 120_000 }).toBeGreaterThan(4);
  expect(Number(await page.getByTestId('train-progress').getAttribute('data-value'))).toBeGreaterThan(0);
  await history.curves.screenshot({ path: test.info().outputPath('charts-during-training.png') });
  await page.getByTestId('train-pause').click(); // Resume
  await training.waitFor('done', 300_000);
  await expect(history.row(1)).toHaveAttribute('data-outcome', 'done');
  // After the run (back to the charts: Resume and the history row scrolled away from them):
  // per-epoch curves for train and validation, two points each (two epochs).
  await page.getByTestId('show-curves').click();
  await expect.poll(() => history.linePoints('chart-epoch-acc')).toEqual([2, 2]);
  await history.curves.screenshot({ path: test.info().outputPath('charts-after-training.png') });

  // Run 2: the seed's simple CNN. Changing the network asks before discarding the MLP's weights.
  await builder.presetSelect.selectOption('seed-simple-cnn');
  await page.getByTestId('discard-confirm').click();
  await expect(builder.totalParams).toHaveAttribute('data-value', '592074');
  // A preset brings the seed's recipe (10 epochs, batch 200): back to this test's short run.
  await expect(page.getByTestId('train-epochs')).toHaveValue('10');
  await training.configure({ epochs: 2, batchSize: 50 });
  await training.start();
  await training.waitFor('done', 480_000);
  await expect(history.rows).toHaveCount(2);
  await expect(history.row(2)).toHaveAttribute('data-outcome', 'done');

  // Each row carries the network's totals, epochs and the test error the panel showed.
  const cnnError = await training.testError.getAttribute('data-value');
  await expect(history.row(2).getByTestId('history-test-error')).toHaveAttribute('data-value', cnnError!);
  await expect(history.row(1).locator('td[data-value="623290"]')).toHaveCount(2); // parameters = connections for an MLP
  await expect(history.row(2).locator('td[data-value="592074"]')).toHaveCount(1);
  await expect(history.row(2).locator('td[data-value="1088906"]')).toHaveCount(1);
  expect(await history.columnValues('data-epochs')).toEqual(['2', '2']);

  // Overlay both: every compare chart draws one line per run, each with real points.
  await history.row(1).getByTestId('history-compare').check();
  await history.row(2).getByTestId('history-compare').check();
  await expect(page.getByTestId('history-compare-charts')).toHaveAttribute('data-runs', '2');
  for (const chart of ['chart-compare-val-acc', 'chart-compare-val-loss']) {
    await expect.poll(() => history.linePoints(chart), { message: chart }).toEqual([2, 2]);
  }
  for (const chart of ['chart-compare-loss', 'chart-compare-acc']) {
    await expect.poll(async () => (await history.linePoints(chart)).length, { message: chart }).toBe(2);
    for (const n of await history.linePoints(chart)) expect(n, chart).toBeGreaterThan(20);
  }
  // Hovering shows the exact values of every run at that epoch.
  const valAcc = page.getByTestId('chart-compare-val-acc');
  const plot = valAcc.locator('svg.chart-surface');
  const size = (await plot.boundingBox())!;
  await plot.hover({ position: { x: size.width * 0.9, y: size.height / 2 } });
  await expect(valAcc.locator('.chart-tooltip')).toContainText('epoch 2');
  await expect(valAcc.locator('.chart-tooltip')).toContainText(/#1 Baseline MLP \(seed\)\s*:\s*\d+\.\d\d%/);
  await expect(valAcc.locator('.chart-tooltip')).toContainText(/#2 Simple CNN \(seed\)\s*:\s*\d+\.\d\d%/);
  await page.getByTestId('history-compare-charts').screenshot({ path: test.info().outputPath('overlay-mlp-vs-cnn.png') });

  // Sorting by test error puts the lower error first, then flips.
  await page.getByTestId('sort-testError').click();
  const ascending = (await history.columnValues('data-test-error')).map(Number);
  expect(ascending[0]).toBeLessThanOrEqual(ascending[1]!);
  await page.getByTestId('sort-testError').click();
  const descending = (await history.columnValues('data-test-error')).map(Number);
  expect(descending).toEqual([...ascending].reverse());

  // CSV: a header and one row per run, with both networks' parameter counts.
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export-csv').click()]);
  const file = await readFile((await csvDownload.path())!, 'utf8');
  expect(file.startsWith('\uFEFF')).toBe(true); // so spreadsheets read it as UTF-8
  const csv = file.slice(1);
  const lines = csv.trim().split('\r\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^run,network,started,outcome,layers,parameters,connections,epochs,/);
  expect(csv).toContain(',623290,623290,2,50,adam,');
  expect(csv).toContain(',592074,1088906,2,50,adam,');

  // PNG: a real image of the chart.
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-compare-val-acc').getByTestId('chart-export-png').click()]);
  const png = await readFile((await pngDownload.path())!);
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  expect(png.length).toBeGreaterThan(10_000);

  // A reload keeps the history, results and curves (and autosave brings the CNN's weights back).
  await history.saved();
  await page.reload();
  await expect(page.getByTestId('persist-info')).toContainText('Restored your network and its weights');
  await expect(history.rows).toHaveCount(2);
  await expect(history.row(2).getByTestId('history-test-error')).toHaveAttribute('data-value', cnnError!);
  await history.row(1).getByTestId('history-compare').check();
  await history.row(2).getByTestId('history-compare').check();
  await expect.poll(() => history.linePoints('chart-compare-val-acc')).toEqual([2, 2]);

  // Open the MLP in the builder with one click. The CNN's weights came back with the reload
  // (autosave), so the builder asks before discarding them.
  await history.row(1).getByTestId('history-open').click();
  await page.getByTestId('discard-confirm').click();
  await expect(builder.totalParams).toHaveAttribute('data-value', '623290');
  await expect(builder.presetSelect).toHaveValue('seed-mlp');

  // Delete a run, bring it back, delete it for good.
  await history.row(1).getByTestId('history-delete').click();
  await expect(history.rows).toHaveCount(1);
  await page.getByTestId('history-undo-delete').click();
  await expect(history.rows).toHaveCount(2);
  await history.row(1).getByTestId('history-delete').click();
  await history.saved();
  await page.reload();
  await expect(history.rows).toHaveCount(1);
  await expect(history.row(2)).toBeVisible();
});

test('opening a past run while the network has trained weights asks first', async ({ builder, training, history, page }) => {
  await builder.open();
  await training.useBackend('wasm');
  await builder.presetSelect.selectOption('seed-mlp');
  await training.configure({ epochs: 1, subset: 1000, batchSize: 100, validation: 'holdout' });
  await training.start();
  await training.waitFor('done', 300_000);
  await builder.presetSelect.selectOption('seed-simple-cnn');
  await page.getByTestId('discard-confirm').click();
  await training.start();
  await training.waitFor('done', 300_000);
  await expect(history.rows).toHaveCount(2);

  // The CNN holds trained weights: opening the MLP asks, and "keep" changes nothing.
  await history.row(1).getByTestId('history-open').click();
  await expect(page.getByTestId('discard-dialog')).toBeVisible();
  await page.getByRole('button', { name: 'Keep the trained network' }).click();
  await expect(builder.totalParams).toHaveAttribute('data-value', '592074');
  await expect(page.getByTestId('train-continue')).toBeEnabled();
  // Agreeing loads it; Undo brings the CNN back.
  await history.row(1).getByTestId('history-open').click();
  await page.getByTestId('discard-confirm').click();
  await expect(builder.totalParams).toHaveAttribute('data-value', '623290');
  await page.getByTestId('undo').click();
  await expect(builder.totalParams).toHaveAttribute('data-value', '592074');
});
