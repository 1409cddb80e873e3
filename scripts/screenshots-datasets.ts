// Screenshots of the dataset views (the picker with Fashion-MNIST, your own classes with their grids, an upload preview, a
// trained custom model answering, your own handwriting) in light, dark and presenter mode at 1280, 768 and 390 px:
// npx tsx scripts/screenshots-datasets.ts [URL] [OUT_DIR] [VIEW…]. For people to look at, and for the README.
import type { Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';
import { makePictures, SHAPES } from '../e2e/datasetPage';
import type { Stroke } from '../e2e/drawPage';
import { DIGIT_STROKES } from '../e2e/drawPage';

const [url = 'http://127.0.0.1:4173/', out = 'screenshots', ...only] = process.argv.slice(2);
const wanted = (view: string) => only.length === 0 || only.includes(view);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });

const MODES = [
  ['light', false],
  ['dark', false],
  ['presenter', true],
] as const;

async function draw(page: Page, strokes: Stroke[]) {
  const canvas = page.getByTestId('draw-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  for (const [first, ...rest] of strokes) {
    await page.mouse.move(...at(first!));
    await page.mouse.down();
    for (const point of rest) await page.mouse.move(...at(point), { steps: 3 });
    await page.mouse.up();
  }
}

async function setMode(page: Page, theme: 'light' | 'dark' | 'presenter', presenter: boolean) {
  await page.getByTestId('theme-select').selectOption(theme === 'dark' ? 'dark' : 'light');
  if ((await page.locator('html.presenter').count()) > 0 !== presenter) await page.getByTestId('presenter-toggle').click();
}

/** `name-<mode>-<width>.png` of `selector` for every mode and width; says when the page scrolls sideways. */
async function shoot(page: Page, name: string, selector: string) {
  for (const [mode, presenter] of MODES) {
    await setMode(page, mode, presenter);
    for (const width of [1280, 768, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(400);
      const target = page.locator(selector).first();
      await target.scrollIntoViewIfNeeded();
      await target.screenshot({ path: `${out}/${name}-${mode}-${width}.png` });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      console.log(`${name}-${mode}-${width}.png${overflow > 0 ? ` (the page scrolls sideways by ${overflow}px)` : ''}`);
    }
  }
  await setMode(page, 'light', false);
  await page.setViewportSize({ width: 1280, height: 900 });
}

if (wanted('picker') || wanted('custom')) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  if (wanted('picker')) {
    await page.getByTestId('dataset-select').selectOption('fashion-mnist');
    await shoot(page, 'dataset-picker', '.dataset-picker');
  }
  if (wanted('custom')) {
    await page.getByTestId('preset-select').selectOption('seed-simple-cnn');
    await page.getByTestId('dataset-select').selectOption('custom');
    const names = ['vertical', 'horizontal', 'circle'] as const;
    for (const [c, name] of names.entries()) {
      await page.getByTestId('custom-class-add').click();
      await page.getByTestId('custom-class').nth(c).getByTestId('custom-class-name').fill(name);
    }
    for (let i = 0; i < 15; i++) {
      for (const [c, name] of names.entries()) {
        await draw(page, SHAPES[name](i));
        await page.getByTestId('custom-class').nth(c).getByTestId('custom-add-example').click();
      }
    }
    await shoot(page, 'custom-editor', '[data-testid=custom-editor]');
    const pictures = await makePictures(page, [
      { name: 'ring-on-paper.png', type: 'image/png', shape: 'ring' },
      { name: 'ring-photo.jpg', type: 'image/jpeg', shape: 'ring', width: 640, height: 480 },
      { name: 'ring-on-slate.png', type: 'image/png', shape: 'ring', darkPaper: true },
    ]);
    await page.getByTestId('custom-class').nth(2).getByTestId('custom-upload').setInputFiles([...pictures, { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') }]);
    await page.getByTestId('upload-preview').waitFor();
    await shoot(page, 'upload-preview', '[data-testid=custom-class] >> nth=2');
    await page.getByTestId('upload-preview').getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('backend-select').selectOption('wasm');
    await page.getByTestId('train-epochs').fill('15');
    await page.getByTestId('train-batch-size').fill('12');
    await page.getByTestId('train-start').click();
    await page.getByTestId('train-status').and(page.locator('[data-state=done]')).waitFor({ timeout: 300_000 });
    await page.getByTestId('draw-clear').click();
    await draw(page, SHAPES.circle(23));
    await page.getByTestId('prediction').and(page.locator('[data-fresh=true]')).waitFor({ timeout: 30_000 });
    console.log('answer:', await page.getByTestId('prediction').getAttribute('data-label'), await page.getByTestId('prediction').getAttribute('data-confidence'));
    await shoot(page, 'custom-answer', '#draw');
  }
  await page.close();
}

if (wanted('handwriting')) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.getByTestId('preset-select').selectOption('seed-mlp');
  await page.getByTestId('backend-select').selectOption('wasm');
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-subset').fill('3000');
  await page.getByTestId('train-batch-size').fill('100');
  await page.getByTestId('train-start').click();
  await page.getByTestId('train-status').and(page.locator('[data-state=done]')).waitFor({ timeout: 300_000 });
  await page.getByTestId('my-digits').locator('summary').click();
  for (let i = 0; i < 3; i++) {
    for (const [digit, strokes] of [['1', DIGIT_STROKES.one], ['0', DIGIT_STROKES.zero], ['7', DIGIT_STROKES.seven]] as const) {
      await page.getByTestId('my-digits-digit').selectOption(digit);
      await draw(page, strokes.map((s) => s.map(([x, y]): [number, number] => [x + 0.03 * (i - 1), y])));
      await page.getByTestId('my-digits-add').click();
    }
  }
  await page.getByTestId('my-digits-test').click();
  await page.getByTestId('my-digits-score').waitFor();
  await shoot(page, 'handwriting', '[data-testid=my-digits]');
  await page.close();
}
await browser.close();
