// An axe-core audit of the page as it stands (WCAG 2.1 AA): no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';

/**
 * `only` scopes the audit to those selectors, `tags` adds rule sets (e.g. wcag22aa), and `strict` (the dataset views)
 * refuses violations of every impact, not only serious and critical ones.
 */
export async function audit(page: Page, view: string, only?: string[], tags: string[] = [], strict = false) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', ...tags]);
  for (const selector of only ?? []) builder = builder.include(selector);
  const results = await builder.analyze();
  const bad = results.violations.filter((v) => strict || v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${JSON.stringify(n.any[0]?.data ?? {})}`).join(', ')}`);
  test.info().annotations.push({ type: `axe ${view}`, description: `${results.violations.length} violations, ${bad.length} refused, ${results.passes.length} rules passed` });
  // A scoped audit that matched nothing would pass without looking at anything.
  expect(results.passes.length, `${view}: the audit checked nothing`).toBeGreaterThan(5);
  expect(summary, `${view}: ${strict ? 'accessibility violations' : 'serious or critical accessibility violations'}`).toEqual([]);
}
