// Two tabs of the app: one owns the autosave, the other says so and saves nothing shared until
// the learner lets it take over; what the first had saved is then kept in Models.
import { expect, PersistPage, test } from './fixtures';

test('two tabs: one saves, the other says so and can take over, and nothing is overwritten silently', async ({ builder, persist, page, context }) => {
  await builder.open();
  await builder.presetSelect.selectOption('seed-larger-cnn');
  await builder.setField(6, 'units', '100');
  const mine = (await builder.totalParams.getAttribute('data-value'))!;
  await expect(persist.autosave).toHaveAttribute('data-state', 'saved');

  // A second tab opens the same work; its edits stay in that tab: a third tab still opens the first one's network.
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByTestId('total-params')).toHaveAttribute('data-value', mine);
  await second.getByTestId('preset-select').selectOption('seed-mlp');
  await expect(second.getByTestId('total-params')).toHaveAttribute('data-value', '623290');
  await second.waitForTimeout(1000); // longer than autosave's debounce: a write would have landed
  const third = await context.newPage();
  await third.goto('/');
  await expect(third.getByTestId('total-params')).toHaveAttribute('data-value', mine);
  await third.close();
  // The second tab says why: the first one saves.
  await expect(second.getByTestId('tab-follower')).toContainText('Another tab of CNN Playground is saving your work');
  await expect(page.getByTestId('tab-follower')).toHaveCount(0);

  // The second tab takes over: the first follows, and its network is kept in Models.
  await second.getByTestId('tab-takeover').click();
  await expect(second.getByTestId('tab-follower')).toHaveCount(0);
  await expect(page.getByTestId('tab-follower')).toBeVisible();
  const secondPersist = new PersistPage(second);
  await expect(secondPersist.info).toContainText('The network the other tab had saved is kept in Models as “From another tab');
  await secondPersist.openModels();
  await expect(secondPersist.savedModels).toHaveCount(1);
  await expect(secondPersist.savedModels.first()).toHaveAttribute('data-name', /^From another tab/);
  await secondPersist.closeModels();
  // Now the second tab's network is the saved one.
  const fourth = await context.newPage();
  await fourth.goto('/');
  await expect(fourth.getByTestId('total-params')).toHaveAttribute('data-value', '623290');
  // Storage: asked to persist, and what is used and left is shown.
  await expect(page.getByTestId('storage-usage')).toHaveAttribute('data-used', /^\d+$/);
  expect(Number(await page.getByTestId('storage-usage').getAttribute('data-quota'))).toBeGreaterThan(0);
  await expect(page.getByTestId('storage-usage')).toContainText(/Storage: .* used, .* left/);
});
