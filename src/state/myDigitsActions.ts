// The learner's own handwriting beside MNIST: how the trained network does on it, and fine-tuning on it.

import { EXAMPLE_BYTES } from '../data/customDataset';
import { splitCounts } from '../model/customSplit';
import { customSpec } from './dataSpec';
import { countsOf } from './datasetSelectors';
import { weightsFit } from './selectors';
import { useAppStore } from './store';
import { askPredictBatch, startTraining } from './trainingActions';

/** Epochs one fine-tuning adds, and its batch size: a few passes over a few dozen digits. */
export const FINE_TUNE_EPOCHS = 5;
export const FINE_TUNE_BATCH = 8;

/** How the network does on the learner's digits: its error, the confusion counts and each digit's guess. */
export interface HandwritingScore {
  count: number;
  /** Percent misclassified. */
  error: number;
  /** confusion[true * 10 + guess]. */
  confusion: number[];
  /** Per example, in class order: [true digit, guess]. */
  guesses: [number, number][];
}

/** Score a network's probabilities (n × 10) against the digits they answer. */
export function scoreHandwriting(labels: readonly number[], probabilities: Float32Array): HandwritingScore {
  const confusion = new Array<number>(100).fill(0);
  const guesses: [number, number][] = [];
  let wrong = 0;
  labels.forEach((label, i) => {
    const row = probabilities.subarray(i * 10, i * 10 + 10);
    let guess = 0;
    for (let d = 1; d < 10; d++) if (row[d]! > row[guess]!) guess = d;
    confusion[label * 10 + guess]!++;
    guesses.push([label, guess]);
    if (guess !== label) wrong++;
  });
  return { count: labels.length, error: labels.length === 0 ? 0 : (100 * wrong) / labels.length, confusion, guesses };
}

/** Every one of the learner's digits through the trained MNIST network: a small test set of its own. */
export async function testOnHandwriting(): Promise<HandwritingScore | string> {
  const s = useAppStore.getState();
  if (!weightsFit(s)) return 'Train the network on MNIST first.';
  const examples = s.myDigits.classes.flatMap((c, label) => c.examples.map((pixels) => ({ pixels, label })));
  if (examples.length === 0) return 'Add some of your own digits first.';
  const pixels = new Float32Array(examples.length * EXAMPLE_BYTES);
  examples.forEach((e, i) => e.pixels.forEach((v, j) => (pixels[i * EXAMPLE_BYTES + j] = v / 255)));
  const answer = await askPredictBatch(pixels);
  if (!answer.ok) return answer.error;
  return scoreHandwriting(
    examples.map((e) => e.label),
    answer.value,
  );
}

/** Why fine-tuning cannot start, or null: it needs trained weights and a test split of the learner's digits. */
export function whyCannotFineTune(s = useAppStore.getState()): string | null {
  if (!weightsFit(s)) return 'Train the network on MNIST first; fine-tuning goes on from its weights.';
  const { train, test } = splitCounts(countsOf(s.myDigits).perClass);
  if (train < 10 || test < 1) return 'Fine-tuning needs at least 10 of your digits to train on and one to test (every fifth of a digit is held out).';
  return null;
}

/** Go on training the MNIST network on the learner's digits; its test error is then on their held-out fifth. */
export function fineTuneOnHandwriting(): void {
  const s = useAppStore.getState();
  if (whyCannotFineTune(s)) return;
  const spec = customSpec(s.myDigits);
  const train = spec.bytes.trainLabels.length;
  startTraining(true, null, {
    spec,
    settings: { subset: train, batchSize: Math.min(FINE_TUNE_BATCH, train), epochs: FINE_TUNE_EPOCHS, validation: 'test', augment: s.settings.augment },
    testSet: 'test digits of your handwriting',
  });
}
