// The rules for training on the learner's own classes: the minimum per class, the automatic test split, when to augment.

import { MAX_CLASSES, MIN_CLASSES } from './datasets';

/** Training needs this many examples in every class (the editor says so). */
export const MIN_PER_CLASS = 10;
/** Every fifth example of a class (the 5th, 10th, …) is held out as the test set: a fifth of each class. */
export const TEST_EVERY = 5;
/** Below this many training examples a class, the editor recommends augmentation. */
export const AUGMENT_BELOW = 100;

/** Whether the `index`-th example (from 0) of a class belongs to the test set. */
export function isTestExample(index: number): boolean {
  return index % TEST_EVERY === TEST_EVERY - 1;
}

/** How many of a class's `count` examples are held out for the test. */
export function testCountOf(count: number): number {
  return Math.floor(count / TEST_EVERY);
}

/** Training and test examples of a dataset with these counts per class. */
export function splitCounts(perClass: readonly number[]): { train: number; test: number } {
  const test = perClass.reduce((sum, n) => sum + testCountOf(n), 0);
  const total = perClass.reduce((sum, n) => sum + n, 0);
  return { train: total - test, test };
}

/** Why these classes cannot be trained on yet, each a sentence; empty when they can. */
export function readinessProblems(names: readonly string[], perClass: readonly number[]): string[] {
  const problems: string[] = [];
  if (names.length < MIN_CLASSES) problems.push(`Add at least ${MIN_CLASSES} classes (you have ${names.length}).`);
  if (names.length > MAX_CLASSES) problems.push(`At most ${MAX_CLASSES} classes.`);
  const short = names.filter((_, i) => (perClass[i] ?? 0) < MIN_PER_CLASS);
  if (short.length > 0) {
    problems.push(`Every class needs at least ${MIN_PER_CLASS} examples; ${short.map((n) => `"${n}" has ${perClass[names.indexOf(n)] ?? 0}`).join(', ')}.`);
  }
  return problems;
}

/** Whether augmentation is worth recommending: a class has few training examples. */
export function recommendAugmentation(perClass: readonly number[]): boolean {
  return perClass.some((n) => n - testCountOf(n) < AUGMENT_BELOW);
}
