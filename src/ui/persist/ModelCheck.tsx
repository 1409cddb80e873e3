// A quick check of the weights the worker holds: its answers for the first test digits.
import { useEffect, useState } from 'react';
import { isRunning, weightsFit, workerGeneration } from '../../state/selectors';
import { useAppStore } from '../../state/store';
import { askPredictBatch, askSamples, loadDataset } from '../../state/trainingActions';
import { DigitImage } from '../data/DigitImage';

const COUNT = 5;
const PIXELS = 784;

interface Answer {
  key: string;
  probabilities: Float32Array;
}

function useTestDigits(wanted: boolean): Uint8Array[] | null {
  const generation = useAppStore(workerGeneration);
  const ready = useAppStore((s) => s.data.status === 'ready');
  // The first test images of the dataset the page shows: other ones when it changes.
  const dataKey = useAppStore((s) => s.data.key);
  const [digits, setDigits] = useState<{ key: string; images: Uint8Array[] } | null>(null);
  const have = digits?.key === dataKey;
  useEffect(() => {
    if (wanted && !ready) loadDataset();
  }, [wanted, ready]);
  useEffect(() => {
    if (!generation || !ready || !wanted || have) return;
    let live = true;
    void askSamples('test', null, COUNT).then((a) => {
      if (live && a.ok) setDigits({ key: dataKey, images: Array.from({ length: a.value.labels.length }, (_, i) => a.value.images.slice(i * PIXELS, (i + 1) * PIXELS)) });
    });
    return () => {
      live = false;
    };
  }, [generation, ready, wanted, have, dataKey]);
  return have ? digits.images : null;
}

const argmax = (p: Float32Array) => p.reduce((best, v, i) => (v > p[best]! ? i : best), 0);

export function ModelCheck() {
  const generation = useAppStore(workerGeneration);
  const trainedKey = useAppStore((s) => s.trainedKey);
  const current = useAppStore(weightsFit);
  const running = useAppStore(isRunning);
  const version = useAppStore((s) => s.weightsVersion);
  const epoch = useAppStore((s) => s.run?.epoch ?? 0);
  const show = current && !running;
  const digits = useTestDigits(show);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const key = `${trainedKey}|${version}|${epoch}`;
  useEffect(() => {
    if (!show || !generation || !digits) return;
    let live = true;
    const pixels = new Float32Array(digits.length * PIXELS);
    digits.forEach((d, i) => d.forEach((v, j) => (pixels[i * PIXELS + j] = v / 255)));
    void askPredictBatch(pixels).then((a) => {
      if (live && a.ok) setAnswer({ key, probabilities: a.value });
    });
    return () => {
      live = false;
    };
  }, [show, generation, digits, key]);
  if (!show || !digits || answer?.key !== key) return null;
  // One probability per class: ten for MNIST, as many as the learner's classes.
  const classes = Math.round(answer.probabilities.length / digits.length);
  const rows = digits.map((_, i) => answer.probabilities.subarray(i * classes, (i + 1) * classes));
  const predicted = rows.map(argmax);
  return (
    <figure
      className="model-check advanced"
      data-testid="model-check"
      data-digits={predicted.join(' ')}
      data-probabilities={JSON.stringify(rows.map((r) => Array.from(r)))}
    >
      <figcaption>The trained network on the first test digits:</figcaption>
      <ol>
        {digits.map((d, i) => (
          <li key={i}>
            <DigitImage pixels={d} size={36} label={`test digit ${i + 1}`} />
            <span>
              <strong>{predicted[i]}</strong> {(rows[i]![predicted[i]!]! * 100).toFixed(0)}%
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
