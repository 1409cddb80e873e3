// An axe-core audit of the page as it stands (WCAG 2.1 AA): no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';

export async function audit(page: Page, view: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${JSON.stringify(n.any[0]?.data ?? {})}`).join(', ')}`);
  test.info().annotations.push({ type: `axe ${view}`, description: `${results.violations.length} violations, ${bad.length} serious or critical` });
  expect(summary, `${view}: serious or critical accessibility violations`).toEqual([]);
}
