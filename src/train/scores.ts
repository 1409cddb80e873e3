// The test set's scores from the last evaluation, and which digits answer a confusion-matrix query.
// Plain typed arrays, no tfjs: the worker keeps these between messages.

import type { TestDigitQuery, TestDigits } from './protocol';

const PIXELS = 784;

export interface TestScores {
  /** Predicted digit per test image. */
  predictions: Int32Array;
  /** Probability of the predicted digit per test image. */
  confidences: Float32Array;
}

/**
 * Indices of the test digits matching `query`, ordered so the instructive ones come first: mistakes
 * the network was most sure of, and for a diagonal cell the right answers it was least sure of.
 */
export function selectTestDigits(labels: ArrayLike<number>, scores: TestScores, query: TestDigitQuery): Uint32Array {
  const { predictions, confidences } = scores;
  const matches: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const ok = query.kind === 'mistakes' ? predictions[i] !== labels[i] : labels[i] === query.trueDigit && predictions[i] === query.predicted;
    if (ok) matches.push(i);
  }
  const leastSureFirst = query.kind === 'cell' && query.trueDigit === query.predicted;
  matches.sort((a, b) => (leastSureFirst ? confidences[a]! - confidences[b]! : confidences[b]! - confidences[a]!) || a - b);
  return Uint32Array.from(matches);
}

/** One page of the digits at `order`, with their images, labels and scores. */
export function pageOfTestDigits(images: Uint8Array, labels: Uint8Array, scores: TestScores, order: Uint32Array, offset: number, limit: number): TestDigits {
  const indices = order.slice(offset, offset + limit);
  const out = new Uint8Array(indices.length * PIXELS);
  indices.forEach((idx, k) => out.set(images.subarray(idx * PIXELS, (idx + 1) * PIXELS), k * PIXELS));
  return {
    total: order.length,
    images: out,
    indices,
    labels: Uint8Array.from(indices, (i) => labels[i]!),
    predicted: Uint8Array.from(indices, (i) => scores.predictions[i]!),
    confidences: Float32Array.from(indices, (i) => scores.confidences[i]!),
  };
}
