// Accessibility: an axe-core audit of every main view finds no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function audit(page: Page, view: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  test.info().annotations.push({ type: `axe ${view}`, description: `${results.violations.length} violations, ${bad.length} serious or critical` });
  expect(summary, `${view}: serious or critical accessibility violations`).toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the builder and training panel pass an accessibility audit (${theme} theme)`, async ({ builder, page }) => {
    await builder.open();
    await page.getByTestId('theme-select').selectOption(theme);
    await builder.presetSelect.selectOption('crash-course');
    await page.getByTestId('explain-layer').first().click();
    await audit(page, `builder (${theme})`);
    // An invalid network shows its errors; those must be readable too.
    await builder.setField(0, 'kernelSize', '40');
    await expect(builder.archError).toBeVisible();
    await audit(page, `builder with errors (${theme})`);
  });
}

test('the dataset view passes an accessibility audit', async ({ builder, page }) => {
  await builder.open();
  await page.getByText('Browse the MNIST digits').click();
  await expect(page.getByTestId('train-count')).toBeVisible({ timeout: 60_000 });
  await audit(page, 'dataset');
});
