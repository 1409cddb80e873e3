// The network view in a real browser, on a network just trained on real MNIST: every conv and pooling unit
// clicked is explained with the numbers the map shows, the step-through reaches its end, softmax is the
// prediction, and the heat map follows the drawing.
import { DIGIT_STROKES } from './drawPage';
import { expect, test } from './explainPage';

test.describe.configure({ timeout: 300_000 });
test.use({ viewport: { width: 1280, height: 800 }, hasTouch: true });

const argmax = (xs: number[]) => xs.reduce((best, v, i) => (v > xs[best]! ? i : best), 0);

test('after a short run: units of every conv and pooling layer, the step-through, softmax and why this guess', async ({ builder, training, draw, explain, page }) => {
  await builder.open();
  await builder.presetSelect.selectOption('seed-larger-cnn');
  await training.useBackend('wasm');
  await training.configure({ epochs: 1, subset: 2000, batchSize: 100, validation: 'holdout' });
  await training.start();
  await training.waitFor('done');

  // Beside Train: the network, the controls and the small curves fit one 1280×800 screen.
  await page.getByTestId('show-network').click();
  await expect(page.getByTestId('overview')).toHaveAttribute('data-direction', 'across');
  // The jump scrolls smoothly: wait until the panel's top has arrived.
  // (A subpixel landing at -0.3 rounds to -0, which toBe(0) would refuse.)
  await expect.poll(async () => Math.abs(Math.round((await explain.panel.boundingBox())!.y)), { timeout: 10_000 }).toBe(0);
  for (const id of ['overview', 'train-start', 'train-pause', 'mini-loss', 'mini-acc']) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.y, `${id} is on screen`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${id} is on screen`).toBeLessThanOrEqual(800);
    expect(box.x + box.width, `${id} is on screen`).toBeLessThanOrEqual(1280);
  }

  await draw.draw(DIGIT_STROKES.seven);
  await expect(page.getByTestId('fm-caption')).toContainText('drawn', { timeout: 30_000 });

  // Every conv and pooling layer: click a map, then its brightest cell; the detail has that cell's value.
  const types = await builder.types();
  const spatial = types.flatMap((t, i) => (t === 'conv2d' || t === 'maxPooling2d' ? [{ layer: i, type: t }] : []));
  expect(spatial.map((s) => s.type)).toEqual(['conv2d', 'maxPooling2d', 'conv2d', 'maxPooling2d']);
  for (const [k, { layer, type }] of spatial.entries()) {
    const map = explain.map(layer, 2);
    await explain.clickCell(map, 0, 0, k === 1 ? 'tap' : 'click');
    await explain.expectUnit({ layer, channel: 2, row: 0, col: 0 });
    // The selected map carries its values; its brightest cell is the one to click.
    await expect(map).toHaveAttribute('data-values', /\[/);
    const values = await explain.json<number[]>(map, 'data-values');
    const width = await explain.number(map, 'data-width');
    const best = argmax(values);
    const [row, col] = [Math.floor(best / width), best % width];
    await explain.clickCell(map, row, col);
    await explain.expectUnit({ layer, channel: 2, row, col });
    const value = await explain.number(explain.detail, 'data-value');
    expect(value, `layer ${layer}: the detail's value is the map's`).toBeCloseTo(values[best]!, 6);
    if (type === 'conv2d') {
      // relu of the detail's own sum of weight × input plus bias.
      const pre = await explain.number(explain.detail, 'data-preactivation');
      expect(Math.max(0, pre)).toBeCloseTo(value, 5);
      await expect(page.getByTestId('detail-own-value')).toHaveAttribute('data-value', /./);
    } else {
      await expect(explain.detail).not.toHaveAttribute('data-preactivation', /./);
      expect(await explain.number(page.getByTestId('detail-own-value'), 'data-value')).toBeCloseTo(value, 6);
    }
    if (layer === 0) await expect(explain.detail).toHaveAttribute('data-receptive-field', `${row},${col},${row + 4},${col + 4}`);
  }

  // The step-through of the second conv (10×10 positions), from the selected unit to the last, at full speed.
  await explain.clickCell(explain.map(2, 1), 4, 6);
  await explain.expectUnit({ layer: 2, channel: 1, row: 4, col: 6 });
  // Lines run from the unit to its 3×3 window in each of the 30 maps it reads.
  await expect(page.getByTestId('overview-lines').locator('line')).toHaveCount(30);
  await expect(explain.step).toHaveAttribute('data-positions', '100');
  await expect(explain.step).toHaveAttribute('data-position', '4,6');
  await page.getByTestId('conv-step-next').click();
  await expect(explain.step).toHaveAttribute('data-position', '4,7');
  await explain.step.getByRole('combobox').selectOption('64');
  await page.getByTestId('conv-step-play').click();
  await expect(explain.step).toHaveAttribute('data-position', '9,9', { timeout: 30_000 });
  await expect(page.getByTestId('conv-step-play')).toHaveAttribute('aria-pressed', 'false');
  // Mid-step, for the README's picture.
  await page.getByTestId('conv-step-play').click();
  await expect(explain.step).not.toHaveAttribute('data-position', '9,9');

  // With reduced motion, Play is instant: the first conv's 576 positions at once.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await explain.clickCell(explain.map(0, 0), 3, 3);
  await explain.expectUnit({ layer: 0, channel: 0, row: 3, col: 3 });
  await expect(explain.step).toHaveAttribute('data-positions', '576');
  await page.getByTestId('conv-step-play').click();
  await expect(explain.step).toHaveAttribute('data-position', '23,23');

  // The keyboard: Tab to a layer, move, Enter explains.
  await page.locator('[data-testid="feature-layer"][data-layer="1"]').focus();
  for (const key of ['ArrowDown', 'ArrowRight', 'ArrowRight', 'PageDown', 'Enter']) await page.keyboard.press(key);
  await explain.expectUnit({ layer: 1, channel: 1, row: 1, col: 2 });

  // Softmax of the logits is the prediction of the drawn digit.
  const probabilities = await explain.json<number[]>(explain.softmax, 'data-probabilities');
  const logits = await explain.json<number[]>(explain.softmax, 'data-logits');
  expect(probabilities).toHaveLength(10);
  await expect(draw.prediction).toHaveAttribute('data-fresh', 'true');
  const { digit, confidence } = await draw.predicted();
  expect(argmax(probabilities)).toBe(digit);
  expect(probabilities[digit]).toBeCloseTo(confidence, 6);
  const exps = logits.map((z) => Math.exp(z - Math.max(...logits)));
  exps.forEach((e, i) => expect(e / exps.reduce((a, b) => a + b, 0)).toBeCloseTo(probabilities[i]!, 5));

  // Why this guess: the heat map explains the guess, any other class on request, and follows the drawing.
  await expect(explain.saliency).toHaveAttribute('data-target', String(digit));
  const before = await explain.json<number[]>(explain.saliency, 'data-values');
  expect(before).toHaveLength(28 * 28);
  expect(Math.max(...before.map(Math.abs))).toBeCloseTo(1, 6);
  const other = (digit + 1) % 10;
  await page.locator(`[data-testid="why-class"][data-class="${other}"]`).click();
  await expect(explain.saliency).toHaveAttribute('data-target', String(other));
  await page.getByTestId('why-guess').click();
  await expect(explain.saliency).toHaveAttribute('data-target', String(digit));
  await draw.draw([
    [
      [0.3, 0.55],
      [0.75, 0.55],
    ],
  ]);
  await expect.poll(async () => JSON.stringify(await explain.json<number[]>(explain.saliency, 'data-values')), { timeout: 30_000 }).not.toBe(JSON.stringify(before));

  // The CPU and WebGL backends explain the same weights alike (the worker moves them over): the
  // detail's own sum against the forward pass, and softmax against what WASM gave before.
  // The stroke is passed on while it is drawn: wait until softmax answers the finished digit, as the guess does.
  await expect(draw.prediction).toHaveAttribute('data-fresh', 'true');
  await expect
    .poll(async () => {
      const p = await explain.json<number[]>(explain.softmax, 'data-probabilities');
      const guess = await draw.predicted();
      return Math.abs(p[guess.digit]! - guess.confidence) < 1e-6;
    }, { timeout: 30_000 })
    .toBe(true);
  const onWasm = await explain.json<number[]>(explain.softmax, 'data-probabilities');
  for (const backend of ['cpu', 'webgl'] as const) {
    await training.useBackend(backend);
    await explain.clickCell(explain.map(2, 3), 2, 2);
    await explain.expectUnit({ layer: 2, channel: 3, row: 2, col: 2 });
    const value = await explain.number(explain.detail, 'data-value');
    expect(Math.max(0, await explain.number(explain.detail, 'data-preactivation')), backend).toBeCloseTo(value, 4);
    const p = await explain.json<number[]>(explain.softmax, 'data-probabilities');
    p.forEach((x, i) => expect(x, `${backend}, class ${i}`).toBeCloseTo(onWasm[i]!, 4));
  }
});
