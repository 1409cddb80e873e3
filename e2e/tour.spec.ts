// The app as a whole on a phone: views opened together (a lesson, the dock, the digit browser it opens) must not make the page scroll sideways.
import { expect, test } from './guidePage';

test('a phone in presenter mode with lesson 1 open (the dock, the digit browser and its class counts) does not scroll sideways', async ({ builder, guide, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await builder.open();
  await page.getByTestId('presenter-toggle').click();
  await expect(page.locator('html')).toHaveClass(/presenter/);
  await guide.openLesson('images');
  // Lesson 1 opens the digit browser, whose table of counts per class is wider than the screen.
  await expect(page.getByTestId('class-counts')).toBeVisible({ timeout: 60_000 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await expect.poll(overflow, { message: 'no horizontal scrolling at 390 px' }).toBe(0);
  // The table scrolls inside its own box, and a keyboard can reach that box to scroll it.
  const box = page.locator('.counts-scroll');
  expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await box.focus();
  await expect(box).toBeFocused();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(overflow).toBe(0);
});
