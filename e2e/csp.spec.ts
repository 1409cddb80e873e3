// The Content-Security-Policy is in force (meta tag and header) and the app trains, draws,
// looks inside and exports under it without a single violation, on the page or in a worker.
import { DIGIT_STROKES, expect, test } from './drawPage';

test.describe.configure({ timeout: 300_000 });

test('the app trains, draws, looks inside and exports under its Content-Security-Policy with no violation', async ({ builder, training, draw, page, context }) => {
  const violations: string[] = [];
  // Chromium reports every refusal on the console of the page or worker it happened in.
  const watch = (text: string) => {
    if (/Content Security Policy|Refused to/i.test(text)) violations.push(text);
  };
  page.on('console', (m) => watch(m.text()));
  page.on('worker', (w) => w.on('console', (m) => watch(m.text())));
  context.on('serviceworker', (w) => w.on('console', (m) => watch(m.text())));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });

  const response = await page.goto('/');
  const header = response!.headers()['content-security-policy'] ?? '';
  for (const directive of ["script-src 'self' 'wasm-unsafe-eval' blob:", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(header).toContain(directive);
  const scriptSrc = header.split(';').find((d) => d.trim().startsWith('script-src '))!;
  expect(scriptSrc).not.toMatch(/'unsafe-inline'|'unsafe-eval'|data:/);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval' blob:");

  // An inline script is refused: the policy is really enforced.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.head.append(s);
    return (window as unknown as { __inline?: number }).__inline === 1;
  });
  expect(ran).toBe(false);
  // Refused by the header's policy and by the meta tag's, each reporting it.
  await expect.poll(() => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual(['script-src-elem: inline', 'script-src-elem: inline']);
  await page.evaluate(() => ((window as unknown as { cspViolations: string[] }).cspViolations.length = 0));
  violations.length = 0;

  // Train on WASM (the wasm binary is compiled under 'wasm-unsafe-eval'), draw, look inside, export.
  await builder.presetSelect.selectOption('seed-simple-cnn');
  await training.useBackend('wasm');
  await training.configure({ epochs: 1, subset: 1000, batchSize: 100, validation: 'holdout' });
  await training.start();
  await training.waitFor('done', 240_000);
  await draw.draw(DIGIT_STROKES.seven);
  await expect(draw.prediction).toHaveAttribute('data-digit', /\d/, { timeout: 30_000 });
  await page.locator('#inspect').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('feature-map').first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('learning-curves').scrollIntoViewIfNeeded();
  const pngs: string[] = [];
  page.on('download', (d) => pngs.push(d.suggestedFilename()));
  await page.getByTestId('chart-export-png').first().click();
  await expect.poll(() => pngs.length, { timeout: 30_000 }).toBe(1);
  await page.getByTestId('models-open').click();
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.getByTestId('export-tfjs').click();
  await page.getByTestId('export-keras').click();
  await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(3);
  expect(pngs[0]).toMatch(/\.png$/);
  await page.getByTestId('models-close').click();
  // The lesson dialog draws its QR code.
  await page.getByTestId('lesson-open').click();
  await expect(page.locator('dialog[open]')).toBeVisible();
  await page.keyboard.press('Escape');

  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(violations).toEqual([]);
});
