// Classroom: a lesson link (and its QR code) opens the teacher's network and settings, locked and
// in presenter mode, on a learner's device; presenter mode hides the advanced controls.
import { BuilderPage, expect, test, TrainingPage } from './fixtures';

test('a lesson link opens the network and settings, locked and presenting, on another device', async ({ builder, training, page, browser }) => {
  await builder.open();
  await builder.presetSelect.selectOption('seed-larger-cnn');
  await training.configure({ epochs: 3, subset: 5000 });
  await page.getByTestId('lesson-open').click();
  const dialog = page.getByTestId('lesson-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('lesson-presenter').check();
  // The compressed link is the one shown and encoded in the QR code.
  const link = dialog.getByTestId('lesson-link');
  await expect(link).toHaveValue(/#z=[A-Za-z0-9_-]+$/);
  // The link is compressed asynchronously: once it settles after the last option, the QR code holds it.
  const qr = dialog.getByTestId('lesson-qr');
  await expect.poll(async () => (await qr.getAttribute('data-text')) === (await link.inputValue())).toBe(true);
  const url = await link.inputValue();
  await expect(qr).toHaveAttribute('data-text', url);
  await page.keyboard.press('Escape');

  // A learner's device: a fresh browser context.
  const learner = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const p = await learner.newPage();
  const [b, t] = [new BuilderPage(p), new TrainingPage(p)];
  await p.goto(url);
  await expect(b.totalParams).toHaveAttribute('data-value', '59933');
  await expect(p.getByTestId('train-epochs')).toHaveValue('3');
  await expect(p.getByTestId('train-subset')).toHaveValue('5000');
  await expect(p.locator('html')).toHaveClass(/presenter/);
  await expect(p.getByTestId('builder-locked')).toBeVisible();
  await expect(p.getByTestId('add-conv2d')).toBeDisabled();
  await expect(b.presetSelect).toBeDisabled();
  await expect(b.row(0).getByTestId('field-filters')).toBeDisabled();
  // The address now holds the readable form, still locked, so a reload keeps the lesson.
  await expect.poll(() => p.url()).toContain('&lock=1');
  await p.reload();
  await expect(p.getByTestId('builder-locked')).toBeVisible();
  // Presenter mode keeps the essentials and hides the advanced parts.
  await expect(p.getByTestId('train-start')).toBeVisible();
  await expect(p.getByTestId('models-open')).toBeHidden();
  // The learner can unlock and edit.
  await p.getByTestId('builder-unlock').click();
  await b.add('dense');
  await expect(b.rows).toHaveCount(10);
  await expect(t.status).toHaveAttribute('data-state', 'idle');
  await learner.close();
});

test('a garbled lesson link is refused with a message and the network stays', async ({ builder, page }) => {
  await builder.open('#z=AAAA-not-a-lesson');
  await expect(builder.archError).toContainText('could not be read');
  await expect(builder.totalParams).toHaveAttribute('data-value', '592074');
  await expect(page.getByTestId('builder-locked')).toHaveCount(0);
});
