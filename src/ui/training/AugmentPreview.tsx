// A few training digits before and after augmentation, made in the worker by the training code itself.
import { useEffect, useState } from 'react';
import type { AugmentRanges } from '../../model/augment';
import { workerGeneration } from '../../state/selectors';
import { useAppStore } from '../../state/store';
import { askAugmentPreview } from '../../state/trainingActions';
import type { AugmentPreview as Preview } from '../../train/protocol';
import { DigitImage } from '../data/DigitImage';

const COUNT = 8;
const PIXELS = 28 * 28;

type Shown = { key: string; preview: Preview | null; error: string | null };

/** Ask the worker for a preview whenever the ranges or the draw change, once the user has asked for one. */
function usePreview(ranges: AugmentRanges, draw: number, wanted: boolean): Shown | null {
  const generation = useAppStore(workerGeneration);
  const [shown, setShown] = useState<Shown | null>(null);
  const { shiftPixels, rotationDegrees, zoomPercent } = ranges;
  const key = `${shiftPixels}:${rotationDegrees}:${zoomPercent}:${draw}`;
  useEffect(() => {
    if (!generation || !wanted) return;
    let live = true;
    // Wait for typing to settle before asking the worker.
    const timer = setTimeout(() => {
      void askAugmentPreview({ shiftPixels, rotationDegrees, zoomPercent }, COUNT, draw).then(
        (answer) => live && setShown({ key, preview: answer.ok ? answer.value : null, error: answer.ok ? null : answer.error }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [generation, wanted, key, shiftPixels, rotationDegrees, zoomPercent, draw]);
  return shown;
}

export function AugmentPreview({ ranges }: { ranges: AugmentRanges }) {
  const [wanted, setWanted] = useState(false);
  const [draw, setDraw] = useState(1);
  const shown = usePreview(ranges, draw, wanted);
  const preview = shown?.preview ?? null;
  if (!wanted) {
    return (
      <button type="button" data-testid="augment-preview-button" onClick={() => setWanted(true)}>
        Preview augmented digits
      </button>
    );
  }
  return (
    <div className="augment-preview" data-testid="augment-preview" aria-busy={!shown}>
      <p className="muted">
        Top: training digits as stored. Below: the same digits as one training step sees them.{' '}
        <button type="button" className="link-button" data-testid="augment-preview-again" onClick={() => setDraw((d) => d + 1)}>
          Other digits
        </button>
      </p>
      {!shown && <p className="muted">Preparing the preview…</p>}
      {shown?.error && <p className="error-text">The preview failed: {shown.error}</p>}
      {preview && (
        <ul className="augment-grid">
          {Array.from(preview.labels, (label, i) => {
            const augmentedLabel = preview.augmentedLabels[i]!;
            return (
              <li key={`${shown?.key}:${i}`} data-testid="augment-sample" data-label={label} data-augmented-label={augmentedLabel}>
                <DigitImage pixels={preview.originals.subarray(i * PIXELS, (i + 1) * PIXELS)} size={36} label={`training digit ${label}, as stored`} />
                <DigitImage pixels={preview.augmented.subarray(i * PIXELS, (i + 1) * PIXELS)} size={36} label={`the same digit augmented, labelled ${augmentedLabel}`} />
                <span>
                  {label} → {augmentedLabel}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
