// Page object for the guided lessons and challenges: the dock, the step card, challenge status and the class table.
import type { Locator, Page } from '@playwright/test';
import { test as base, expect } from './fixtures';

export class GuidePage {
  readonly step: Locator;
  readonly answer: Locator;
  readonly feedback: Locator;
  readonly hint: Locator;
  readonly next: Locator;
  readonly status: Locator;
  readonly classRows: Locator;

  constructor(readonly page: Page) {
    this.step = page.getByTestId('guide-step');
    this.answer = page.getByTestId('guide-answer');
    this.feedback = page.getByTestId('guide-feedback');
    this.hint = page.getByTestId('guide-hint');
    this.next = page.getByTestId('guide-next');
    this.status = page.getByTestId('challenge-status');
    this.classRows = page.getByTestId('class-row');
  }

  item(lesson: string): Locator {
    return this.page.locator(`[data-testid=guide-item][data-lesson="${lesson}"]`);
  }

  async openList() {
    await this.page.getByTestId('guide-open').click();
    await expect(this.page.getByTestId('guide-item')).toHaveCount(8);
  }

  async openLesson(lesson: string) {
    await this.openList();
    await this.item(lesson).click();
    await expect(this.step).toHaveAttribute('data-lesson', lesson);
  }

  async atStep(n: number) {
    await expect(this.step).toHaveAttribute('data-step', String(n));
  }

  /** Type an answer and press Check; resolves with whether the app said it was right. */
  async answerWith(text: string): Promise<boolean> {
    await this.answer.fill(text);
    await this.page.getByTestId('guide-check').click();
    return (await this.feedback.getAttribute('data-correct')) === 'true';
  }

  async check() {
    await this.page.getByTestId('guide-check').click();
  }

  async expectRight() {
    await expect(this.feedback).toHaveAttribute('data-correct', 'true');
    await expect(this.step).toHaveAttribute('data-done', 'true');
  }
}

export const test = base.extend<{ guide: GuidePage }>({
  guide: async ({ page }, use) => {
    await use(new GuidePage(page));
  },
});

export { expect };
