// Guided lessons and challenges, driven as a learner and a teacher would: lesson 2 by clicking and
// typing, progress across a reload, a teacher's challenge link on a learner's device, one run that
// meets the challenge and one that misses it, and result links collected into the class table.
import type { Page } from '@playwright/test';
import { findChallenge } from '../src/model/guide/challenge';
import { resultHash } from '../src/model/guide/resultLink';
import { lessonHash } from '../src/model/lesson';
import { findPreset } from '../src/model/presets';
import { DEFAULT_SETTINGS } from '../src/model/training';
import { audit } from './audit';
import { ExplainPage } from './explainPage';
import { BuilderPage, TrainingPage } from './fixtures';
import { GuidePage, expect, test } from './guidePage';

test('lesson 2, by clicking and typing: wrong answers get feedback and a hint, right ones complete the step, progress survives a reload', async ({ builder, guide, persist, page }) => {
  await builder.open();
  // The learner's own network (not a preset): the lesson must keep it before replacing it.
  await builder.add('dropout');
  await guide.openLesson('conv');
  await guide.atStep(1);
  await expect(page.getByTestId('guide-note')).toContainText(/saved in Models as “Before lesson 2/);
  await expect(builder.rows).toHaveCount(0);
  await expect(page.getByTestId('input-size')).toHaveValue('32');

  // Step 1: the palette's Conv2D is 16 filters of 3×3; the check says what is off.
  await builder.add('conv2d');
  await guide.check();
  await expect(guide.feedback).toHaveAttribute('data-correct', 'false');
  await expect(guide.feedback).toContainText('Your kernel is 3×3; the worked example uses 5×5');
  await expect(guide.hint).toBeVisible();
  await expect(guide.next).toBeDisabled();
  await builder.setField(0, 'filters', '10');
  await builder.setField(0, 'kernelSize', '5');
  await guide.expectRight();
  await guide.next.click();

  // Step 2: the output shape.
  await guide.atStep(2);
  expect(await guide.answerWith('28×28×10')).toBe(true);
  await guide.next.click();

  // Step 3: the worked example's 203,840 connections; a likely wrong answer first.
  await guide.atStep(3);
  await expect(guide.hint).toHaveCount(0);
  expect(await guide.answerWith('7840')).toBe(false);
  await expect(guide.feedback).toContainText('the number of outputs');
  await expect(guide.hint).toContainText('Multiply');
  await expect(guide.step).toHaveAttribute('data-done', 'false');
  expect(await guide.answerWith('203 840')).toBe(true);
  await guide.expectRight();
  await guide.next.click();
  await guide.atStep(4);

  // A reload keeps the lesson where it was, made small so it covers nothing.
  await page.reload();
  await page.getByTestId('guide-expand').click();
  await guide.atStep(4);
  await expect(guide.step).toHaveAttribute('data-lesson', 'conv');
  await expect(builder.row(0)).toHaveAttribute('data-connections', '203840');

  // Step 4: stride 2, then its shape.
  await builder.setField(0, 'strides', '2');
  expect(await guide.answerWith('14 x 14 x 10')).toBe(true);
  await guide.next.click();
  // Step 5: zero padding, checked as the builder changes.
  await guide.atStep(5);
  await builder.setField(0, 'strides', '1');
  await builder.setField(0, 'padding', 'same');
  await guide.expectRight();
  await guide.next.click();
  // Step 6: what one unit sees.
  await guide.atStep(6);
  expect(await guide.answerWith('rows 10-15, columns 4-9')).toBe(false);
  expect(await guide.answerWith('rows 10–14, columns 4–8')).toBe(true);
  await guide.next.click();
  // Step 7 is to read (where the network view explains every number): Next is open at once.
  await guide.atStep(7);
  await expect(guide.next).toBeEnabled();
  await guide.next.click();
  await expect(guide.item('conv')).toHaveAttribute('data-done', 'true');

  // The learner's network is in Models, and the finished lesson stays finished after a reload.
  await persist.openModels();
  await expect(persist.savedModels.filter({ hasText: 'Before lesson 2' })).toHaveCount(1);
  await persist.closeModels();
  await page.reload();
  await guide.openList();
  await expect(guide.item('conv')).toHaveAttribute('data-done', 'true');
  await expect(guide.item('pool')).toHaveAttribute('data-done', 'false');
});

/** 4@3×3, pooling, dense 10: 6,810 parameters. */
const SMALL = {
  format: 'cnn-playground/architecture',
  version: 1,
  input: { height: 28, width: 28, channels: 1 },
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

async function sendResult(page: Page, name: string): Promise<string> {
  await page.getByTestId('result-send').click();
  const dialog = page.getByTestId('result-dialog');
  await dialog.getByTestId('result-name').fill(name);
  const link = dialog.getByTestId('result-link');
  await expect(link).toHaveValue(/#r=[A-Za-z0-9_-]+$/);
  // The link follows the name: wait until it carries this one (the QR code holds the same text).
  await expect.poll(async () => (await dialog.getByTestId('result-qr').getAttribute('data-text')) === (await link.inputValue())).toBe(true);
  const url = await link.inputValue();
  await page.keyboard.press('Escape');
  return url;
}

test('a teacher’s challenge on a learner’s device: one run meets it, one misses it; their result links fill the class table in rank order', async ({ builder, training, page, browser }) => {
  test.setTimeout(240_000);
  // The teacher: a small network, a short recipe, and a challenge of their own in the lesson link.
  await builder.open(`#arch=${encodeURIComponent(JSON.stringify(SMALL))}`);
  await expect(builder.totalParams).toHaveAttribute('data-value', '6810');
  await training.configure({ epochs: 1, subset: 2000, batchSize: 50 });
  await page.getByTestId('lesson-open').click();
  const dialog = page.getByTestId('lesson-dialog');
  await dialog.getByTestId('lesson-challenge').selectOption('custom');
  await dialog.getByTestId('challenge-title').fill('Small and decent');
  await dialog.getByTestId('challenge-percent').fill('50');
  await dialog.getByTestId('challenge-params').fill('20000');
  await dialog.getByTestId('challenge-epochs').fill('');
  await expect(dialog.getByTestId('challenge-preview')).toHaveText('Test error under 50%, with fewer than 20,000 parameters.');
  await expect(dialog.getByTestId('lesson-link')).toHaveValue(/#z=/);
  const lessonUrl = await dialog.getByTestId('lesson-link').inputValue();
  await expect(dialog.getByTestId('lesson-qr')).toHaveAttribute('data-text', lessonUrl);
  await page.keyboard.press('Escape');

  // The learner's device.
  const learner = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const lp = await learner.newPage();
  const [b, t, g] = [new BuilderPage(lp), new TrainingPage(lp), new GuidePage(lp)];
  await lp.goto(lessonUrl);
  await expect(g.status).toContainText('Your teacher’s challenge: Small and decent');
  await expect(g.status).toHaveAttribute('data-met', 'false');
  await expect(b.totalParams).toHaveAttribute('data-value', '6810');
  // Run 1: the teacher's small network meets it.
  await t.useBackend('wasm');
  await t.start();
  await t.waitFor('done');
  await expect(g.status).toHaveAttribute('data-met', 'true');
  const ada = await sendResult(lp, 'Ada');
  // Run 2: the baseline MLP has far too many parameters, whatever its error.
  await lp.getByTestId('builder-unlock').click();
  await b.presetSelect.selectOption('seed-mlp');
  await lp.getByTestId('discard-confirm').click();
  await t.configure({ epochs: 1, subset: 2000, batchSize: 50 });
  await t.start();
  await t.waitFor('done');
  await expect(g.status).toHaveAttribute('data-met', 'false');
  await expect(g.status).toContainText('623,290 parameters (limit: fewer than 20,000)');
  // The results panel marks both runs against the challenge.
  const marks = lp.locator('[data-testid=result-row][data-source=run] [data-testid=result-challenge]');
  await expect(marks).toHaveCount(2);
  await expect(marks.nth(0)).toHaveAttribute('data-met', 'true');
  await expect(marks.nth(1)).toHaveAttribute('data-met', 'false');
  const ben = await sendResult(lp, 'Ben');
  await learner.close();

  // The teacher opens Ben's link first, then Ada's: the table ranks Ada (meets it) above Ben.
  await page.goto(ben);
  await expect(page.getByTestId('class-message')).toContainText('Added Ben’s result');
  await page.goto(ada);
  await expect(page.getByTestId('class-message')).toContainText('Added Ada’s result');
  const rows = page.getByTestId('class-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-name', 'Ada');
  await expect(rows.nth(0)).toHaveAttribute('data-met', 'true');
  await expect(rows.nth(1)).toHaveAttribute('data-name', 'Ben');
  await expect(rows.nth(1)).toHaveAttribute('data-met', 'false');
  // Opening a result link left the teacher's own network in the builder.
  await expect(builder.totalParams).toHaveAttribute('data-value', '6810');
  // One click opens Ben's network; one click retrains Ada's to confirm her claim.
  await rows.nth(1).getByTestId('class-open').click();
  await expect(builder.totalParams).toHaveAttribute('data-value', '623290');
  await rows.nth(0).getByTestId('class-retrain').click();
  await expect(builder.totalParams).toHaveAttribute('data-value', '6810');
  await training.waitFor('done');
  await expect(rows.nth(0).getByTestId('class-confirmed')).toBeVisible();
  // The table is kept on the teacher's device.
  await page.reload();
  await expect(page.getByTestId('class-row')).toHaveCount(2);
});

test('lesson 6 in the network view: train the simple CNN, click a unit of a feature map, say which pixels it sees', async ({ builder, training, guide, page }) => {
  test.setTimeout(180_000);
  const explain = new ExplainPage(page);
  await builder.open();
  await guide.openLesson('simple-cnn');
  expect(await guide.answerWith('589,952')).toBe(true);
  await guide.next.click();
  // Step 2: a short run is enough for the check (the seed's figure needs 10 epochs of all 60,000).
  await training.useBackend('wasm');
  await training.configure({ epochs: 1, subset: 2000, batchSize: 50 });
  await training.start();
  await training.waitFor('done');
  await guide.expectRight();
  await guide.next.click();
  // Step 3: a unit of the first conv layer, clicked in the network view.
  await guide.atStep(3);
  await guide.check();
  await expect(guide.feedback).toContainText('Click a unit');
  await explain.clickCell(explain.map(0, 4), 6, 9);
  await explain.expectUnit({ layer: 0, channel: 4, row: 6, col: 9 });
  await guide.expectRight();
  await guide.next.click();
  // Step 4: its receptive field, as the detail draws it.
  await guide.atStep(4);
  // The hook counts from 0; the detail, the lesson and the learner count from 1 (row 7, column 10).
  await expect(explain.detail).toHaveAttribute('data-receptive-field', '6,9,10,13');
  await expect(explain.detail).toContainText('row 7, column 10');
  expect(await guide.answerWith('rows 7–11, columns 10–15')).toBe(false);
  await expect(guide.feedback).toContainText('one too many');
  expect(await guide.answerWith('rows 7–11, columns 10–14')).toBe(true);
});

test('in presenter mode a step shows the controls it points at, advanced ones included', async ({ builder, guide, page }) => {
  await builder.open();
  await page.getByTestId('presenter-toggle').click();
  await expect(page.getByTestId('train-learning-rate')).toBeHidden();
  await guide.openLesson('mlp');
  expect(await guide.answerWith('623,290')).toBe(true);
  await guide.next.click();
  // Step 2 points at the training settings: the rate and the optimiser come back while it shows.
  await guide.atStep(2);
  await expect(page.getByTestId('train-learning-rate')).toBeVisible();
  await page.getByTestId('guide-minimize').click();
  await page.getByTestId('guide-expand').click();
  await expect(page.getByTestId('train-learning-rate')).toBeVisible();
  await page.getByTestId('guide-back').click();
  await expect(page.getByTestId('train-learning-rate')).toBeHidden();
});

test('a lesson link can open a guided lesson on the learner’s device', async ({ builder, guide }) => {
  await builder.open(lessonHash({ architecture: findPreset('seed-mlp')!.architecture, settings: null, locked: false, presenter: false, guide: 'mlp' }));
  await expect(guide.step).toHaveAttribute('data-lesson', 'mlp');
  await guide.atStep(1);
  await expect(builder.totalParams).toHaveAttribute('data-value', '623290');
});

test('a garbled or forged result link is refused with a message, and nothing changes', async ({ builder, page }) => {
  await builder.open('#r=AAAA-not-a-result');
  await expect(builder.archError).toContainText('result link');
  await expect(builder.totalParams).toHaveAttribute('data-value', '592074');
  await expect(page.getByTestId('class-results')).toHaveCount(0);
});

test('the lessons, a step with feedback, a challenge and the class table pass an accessibility audit, in both themes and presenter mode', async ({ builder, guide, page }) => {
  await builder.open();
  await guide.openList();
  await audit(page, 'lesson list (light)');
  await page.getByTestId('theme-select').selectOption('dark');
  await guide.item('conv').click();
  await builder.add('conv2d');
  await guide.check();
  await expect(guide.hint).toBeVisible();
  await audit(page, 'step with feedback and hint (dark)');
  await page.getByTestId('presenter-toggle').click();
  await audit(page, 'step in presenter mode (dark)');
  await page.getByTestId('guide-list').click();
  await page.getByTestId('challenge-select').selectOption('small-net');
  await expect(guide.status).toBeVisible();
  await audit(page, 'challenge status (dark, presenter)');
  // A result link made the way the app makes them.
  const hash = await resultHash({ name: 'Ada', challenge: findChallenge('small-net')!, run: { architecture: findPreset('seed-larger-cnn')!.architecture, settings: DEFAULT_SETTINGS, epochs: 2, testError: 1.5, seconds: 30 }, at: 1 });
  await page.goto(`/${hash}`);
  await expect(guide.classRows).toHaveCount(1);
  await page.getByTestId('theme-select').selectOption('light');
  await audit(page, 'class table (light, presenter)');
});

test('the guide works from the keyboard alone: L opens it, Tab and Enter answer, Esc gives the page back', async ({ builder, guide, page }) => {
  await builder.open();
  await page.locator('body').press('l');
  await expect(page.locator('.guide-list-title')).toBeFocused();
  // The first lesson is the next stop.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(guide.item('images')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(guide.step).toHaveAttribute('data-lesson', 'images');
  await expect(page.locator('.guide-title')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(guide.answer).toBeFocused();
  await page.keyboard.type('28');
  await page.keyboard.press('Enter');
  await expect(guide.feedback).toHaveAttribute('data-correct', 'false');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('784');
  await page.keyboard.press('Enter');
  await guide.expectRight();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('guide-expand')).toBeVisible();
  await expect(page.getByTestId('guide-open')).toBeFocused();
  await page.keyboard.press('l');
  await expect(guide.step).toHaveAttribute('data-step', '1');
  await expect(page.locator('.guide-title')).toBeFocused();
});
