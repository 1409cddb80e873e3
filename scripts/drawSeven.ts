// Draws a 7 on the app's pad with the mouse, for scripts that look at or time the network view.
import type { Page } from '@playwright/test';

export async function drawSeven(page: Page): Promise<void> {
  const canvas = page.getByTestId('draw-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const;
  await page.mouse.move(...at(0.3, 0.22));
  await page.mouse.down();
  for (const [x, y] of [[0.7, 0.22], [0.58, 0.45], [0.45, 0.8]] as const) await page.mouse.move(...at(x, y), { steps: 8 });
  await page.mouse.up();
}
