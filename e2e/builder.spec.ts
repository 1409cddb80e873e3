// The network builder, driven as a learner would: by clicking, typing, dragging and links.
import { expect, test } from './fixtures';

const simpleCnn = {
  format: 'cnn-playground/architecture',
  version: 1,
  input: { height: 28, width: 28, channels: 1 },
  layers: [
    { type: 'conv2d', filters: 30, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPooling2d', poolSize: 2, strides: 2 },
    { type: 'conv2d', filters: 15, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPooling2d', poolSize: 2, strides: 2 },
    { type: 'dropout', rate: 0.2 },
    { type: 'flatten' },
    { type: 'dense', units: 128, activation: 'relu' },
    { type: 'dense', units: 50, activation: 'relu' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

test('building the crash course example by clicking shows its connection counts', async ({ builder, page }) => {
  await builder.open();
  await builder.presetSelect.selectOption('empty');
  await expect(builder.rows).toHaveCount(0);
  await expect(builder.archError).toContainText('empty');
  await page.getByTestId('input-size').selectOption('32');

  await builder.add('conv2d');
  await builder.setField(0, 'filters', '10');
  await builder.setField(0, 'kernelSize', '5');
  await builder.add('maxPooling2d');
  await builder.add('flatten');
  await builder.add('dense');
  await builder.setField(3, 'units', '200');
  await builder.add('dense');
  await builder.setField(4, 'units', '10');
  await builder.setField(4, 'activation', 'softmax');

  await expect(builder.archError).toHaveCount(0);
  await expect(builder.row(0)).toHaveAttribute('data-output-shape', '28x28x10');
  await expect(builder.row(0)).toHaveAttribute('data-params', '260');
  await expect(builder.row(0)).toHaveAttribute('data-connections', '203840');
  await expect(builder.row(0).getByTestId('connections-formula')).toHaveText('(5·5·1 + 1) · 10 · 28 · 28 = 203,840');
  await expect(builder.row(1)).toHaveAttribute('data-output-shape', '14x14x10');
  await expect(builder.row(3)).toHaveAttribute('data-connections', '392200');
  await expect(builder.row(3).getByTestId('connections-formula')).toHaveText('(1,960 + 1) · 200 = 392,200');
  // The hand-built network is exactly the preset.
  await expect(builder.presetSelect).toHaveValue('crash-course');
});

test('a share link restores the network, and editing updates the link', async ({ builder, page }) => {
  await builder.open(`#arch=${encodeURIComponent(JSON.stringify(simpleCnn))}`);
  await expect(builder.totalParams).toHaveAttribute('data-value', '59933');
  await expect(builder.presetSelect).toHaveValue('seed-larger-cnn');
  await expect(builder.archError).toHaveCount(0);

  await builder.setField(6, 'units', '64');
  await expect(builder.totalParams).toHaveAttribute('data-value', String(59_933 - 64 * 376 - 64 * 50));
  await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toContain('"units":64');
  const link = await page.evaluate(() => location.href);

  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByTestId('total-params')).toHaveAttribute('data-value', String(59_933 - 64 * 376 - 64 * 50));
  await expect(other.getByTestId('layer-row').nth(6)).toHaveAttribute('data-params', String(376 * 64));
});

for (const [name, hash, message] of [
  ['bad JSON', '#arch=%7Bnot-json', /not valid JSON/],
  ['an unknown layer type', `#arch=${encodeURIComponent(JSON.stringify({ ...simpleCnn, layers: [{ type: 'lstm' }] }))}`, /unknown layer type/],
  ['absurd numbers', `#arch=${encodeURIComponent(JSON.stringify({ ...simpleCnn, layers: [{ type: 'dense', units: 1e15 }] }))}`, /far beyond/],
  ['megabytes of text', `#arch=${'A'.repeat(2_000_000)}`, /characters long/],
] as const) {
  test(`a link with ${name} is rejected and the app keeps working`, async ({ builder, page }) => {
    await builder.open(hash);
    await expect(builder.archError).toBeVisible();
    await expect(builder.archError).toContainText(message);
    // The default network is intact, the bad link is gone from the address bar, and editing works.
    await expect(builder.totalParams).toHaveAttribute('data-value', '592074');
    await expect.poll(() => page.evaluate(() => location.hash.length)).toBeLessThan(2000);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(builder.archError).toHaveCount(0);
    await builder.setField(4, 'units', '64');
    await expect(builder.totalParams).toHaveAttribute('data-value', String(832 + 4609 * 64 + 65 * 10));
  });
}

test('a layer that cannot fit is explained on the layer and fixed in one click', async ({ builder }) => {
  await builder.open();
  await builder.setField(0, 'kernelSize', '30');
  await expect(builder.archError).toContainText('30×30 kernel does not fit its 28×28×1 input');
  await expect(builder.row(0).getByTestId('layer-error')).toBeVisible();
  await expect(builder.row(0)).toHaveAttribute('data-output-shape', '');
  await builder.row(0).getByRole('button', { name: "Use padding 'same'" }).click();
  await expect(builder.archError).toHaveCount(0);
  await expect(builder.row(0)).toHaveAttribute('data-output-shape', '28x28x32');

  await builder.setField(2, 'rate', '1.5');
  await expect(builder.archError).toContainText('rate must be at least 0 and below 1');
  await builder.setField(2, 'rate', '0.5');
  await builder.setField(0, 'filters', '2.5');
  await expect(builder.archError).toContainText('filters must be a whole number');
  await builder.setField(0, 'filters', '8');
  await expect(builder.archError).toHaveCount(0);
});

test('dense after a volume offers to insert Flatten; undo and redo', async ({ builder, page }) => {
  await builder.open();
  await builder.row(3).getByTestId('delete-layer').click();
  await expect(builder.archError).toContainText('insert a Flatten');
  await builder.page.getByTestId('fix-button').first().click();
  await expect(builder.archError).toHaveCount(0);
  expect(await builder.types()).toEqual(['conv2d', 'maxPooling2d', 'dropout', 'flatten', 'dense', 'dense']);

  await page.getByTestId('undo').click();
  await expect(builder.rows).toHaveCount(5);
  await page.keyboard.press('Control+Shift+Z');
  await expect(builder.rows).toHaveCount(6);
  await page.keyboard.press('Control+Z');
  await page.keyboard.press('Control+Z');
  await expect(builder.presetSelect).toHaveValue('seed-simple-cnn');
});

test('the last layer must be a 10-way softmax', async ({ builder }) => {
  await builder.open();
  await builder.setField(5, 'units', '5');
  await expect(builder.archError).toContainText('must be Dense(10, softmax)');
  await builder.row(5).getByRole('button', { name: 'Make it Dense(10, softmax)' }).click();
  await expect(builder.totalParams).toHaveAttribute('data-value', '592074');
});

test('a network too large for a browser tab is refused', async ({ builder }) => {
  await builder.open();
  await builder.setField(4, 'units', '5000');
  await expect(builder.archError).toContainText('too large to train in a browser tab');
});

test('a link whose layer outputs would exhaust memory is refused at Train, with the largest batch that fits', async ({ builder, page }) => {
  // Inside the parameter and connection limits, yet 31 million values per digit.
  const wide = {
    format: 'cnn-playground/architecture',
    version: 1,
    input: { height: 28, width: 28, channels: 1 },
    layers: [
      { type: 'conv2d', filters: 40000, kernelSize: 1, activation: 'relu' },
      { type: 'maxPooling2d', poolSize: 28 },
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  };
  await builder.open(`#arch=${encodeURIComponent(JSON.stringify(wide))}`);
  await expect(page.getByTestId('total-activations')).toHaveAttribute('data-value', String(784 + 28 * 28 * 40000 + 80000 + 10));
  await expect(page.getByTestId('total-activations')).toHaveAttribute('data-largest-batch', '3');
  await expect(page.getByTestId('settings-error')).toContainText('Use a batch size of at most 3');
  await expect(page.getByTestId('train-start')).toBeDisabled();
  await page.getByTestId('train-batch-size').fill('3');
  await expect(page.getByTestId('settings-error')).toHaveCount(0);
});

test('layers reorder with the keyboard, the mouse and touch', async ({ builder, page }) => {
  await builder.open();
  // Keyboard: focus the dropout's handle and move it up twice.
  await builder.row(2).getByRole('button', { name: /^Move Dropout \(layer 3\): drag/ }).focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  expect(await builder.types()).toEqual(['dropout', 'conv2d', 'maxPooling2d', 'flatten', 'dense', 'dense']);
  await expect(page.locator(':focus')).toHaveAccessibleName(/Move Dropout \(layer 1\)/);

  // Mouse: drag the dropout's handle below the max-pooling layer.
  const handle = builder.row(0).locator('[data-drag-handle]');
  const from = (await handle.boundingBox())!;
  const target = (await builder.row(2).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, target.y + target.height * 0.75, { steps: 8 });
  await page.mouse.up();
  expect(await builder.types()).toEqual(['conv2d', 'maxPooling2d', 'dropout', 'flatten', 'dense', 'dense']);

  // Touch: a finger drags the conv layer's handle down past the pooling layer.
  const cdp = await page.context().newCDPSession(page);
  const h = (await builder.row(0).locator('[data-drag-handle]').boundingBox())!;
  const to = (await builder.row(1).boundingBox())!;
  const x = h.x + h.width / 2;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: h.y + h.height / 2 }] });
  for (let step = 1; step <= 6; step++) {
    const y = h.y + h.height / 2 + ((to.y + to.height * 0.8 - h.y) * step) / 6;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect.poll(() => builder.types()).toEqual(['maxPooling2d', 'conv2d', 'dropout', 'flatten', 'dense', 'dense']);
  // A pool before the conv still fits: 14×14 input, 5×5 kernel.
  await expect(builder.row(1)).toHaveAttribute('data-output-shape', '10x10x32');
});

test('totals show parameters, connections and weight memory for each preset', async ({ builder }) => {
  await builder.open();
  for (const [id, params] of [['seed-mlp', 623_290], ['seed-simple-cnn', 592_074], ['seed-larger-cnn', 59_933]] as const) {
    await builder.presetSelect.selectOption(id);
    await expect(builder.totalParams).toHaveAttribute('data-value', String(params));
    await expect(builder.page.getByTestId('total-memory')).toHaveAttribute('data-value', String(params * 4));
  }
  await builder.presetSelect.selectOption('lenet5');
  await expect(builder.row(0)).toHaveAttribute('data-params', '156');
  await expect(builder.row(0)).toHaveAttribute('data-connections', '122304');
  await expect(builder.page.getByTestId('diagram').locator('.diagram-box')).toHaveCount(9);
});
