// The draw panel: a pad, the 28×28 image the network sees, and its live guess.
import { useMemo } from 'react';
import { padImage } from '../../data/preprocess';
import { askPrediction, trainedSide } from '../../state/inspectActions';
import { useAppStore } from '../../state/store';
import { isTraining, weightsFit } from '../../state/selectors';
import { selectClassNames, selectDatasetInfo } from '../../state/datasetSelectors';
import { DigitImage } from '../data/DigitImage';
import { useLatest, useShownWeights } from '../inspect/hooks';
import { ShownMoment } from '../inspect/ShownMoment';
import './draw.css';
import { DrawCanvas } from './DrawCanvas';
import { PredictionView } from './PredictionView';

/** While training, the drawn digit is asked about again this often (ms), on the newest weights. */
const LIVE_MS = 1000;

function Guess() {
  const drawn = useAppStore((s) => s.drawn);
  const trained = useAppStore(weightsFit);
  const shown = useShownWeights(LIVE_MS);
  const training = useAppStore(isTraining) && shown.checkpoint === null;
  const names = useAppStore(selectClassNames);
  const what = useAppStore((s) => selectDatasetInfo(s).drawWhat);
  const key = drawn && shown.key ? `${drawn.version}:${shown.key}` : null;
  const answer = useLatest(key, () => askPrediction(drawn!.pixels, shown.ref));
  // The network view asks about the same digit; whichever answer saw newer weights is the guess,
  // so the guess is never behind the network drawn beside it (when both are about the same weights).
  const explained = useAppStore((s) => s.explanation);
  if (!trained) {
    return (
      <p className="draw-message" data-testid="draw-no-model">
        No network has been trained yet. Choose one above and press <strong>Train</strong>: the guess appears here as soon as training starts and
        sharpens as the network learns.
      </p>
    );
  }
  if (!drawn) return <p className="draw-message">Draw {what} in the box and the network will guess it.</p>;
  if (!answer) return <p className="draw-message muted">Asking the network…</p>;
  if (!answer.value.ok) return <p className="draw-message error-text">{answer.value.error}</p>;
  const own = answer.value.value;
  const e = explained?.value;
  const weights = shown.checkpoint === null ? 'live' : `checkpoint:${shown.checkpoint}`;
  const sameWeights = explained?.key.includes(`|${JSON.stringify(shown.ref)}@`) ?? false;
  const prediction = e && sameWeights && explained.key.startsWith(`drawn ${drawn.version}|`) && e.seq > own.seq ? { probabilities: e.probabilities, epochsDone: e.epochsDone, seq: e.seq } : own;
  return (
    <div>
      <ShownMoment checkpoint={shown.checkpoint} />
      <PredictionView prediction={prediction} names={names} training={training} fresh={prediction !== own || answer.key === key} weights={weights} />
    </div>
  );
}

function Seen() {
  const drawn = useAppStore((s) => s.drawn);
  const preparation = useAppStore((s) => selectDatasetInfo(s).preparation);
  const side = useAppStore(trainedSide) ?? 28;
  const pixels = useMemo(() => (drawn ? (side > 28 ? padImage(drawn.pixels, 28, (side - 28) / 2) : drawn.pixels) : new Uint8Array(side * side)), [drawn, side]);
  return (
    <figure className="draw-seen">
      <DigitImage pixels={pixels} size={140} label={drawn ? `The drawing as the network sees it, ${side}×${side} pixels` : 'Nothing drawn yet'} />
      <figcaption>
        What the network sees: {side}×{side}
        <br />
        <span className="muted">
          {preparation === 'filled' ? 'cropped and scaled to fill the frame, as Fashion-MNIST’s photos were' : 'cropped, scaled to 20 px, centred by mass, as MNIST was made'}
        </span>
      </figcaption>
    </figure>
  );
}

export function DrawPanel() {
  const what = useAppStore((s) => selectDatasetInfo(s).drawWhat);
  return (
    <section className="panel draw" id="draw" aria-labelledby="draw-title" data-testid="draw-panel">
      <h2 id="draw-title">Draw {what.replace(/ of one of your classes$/, '')}</h2>
      <p className="hint">Draw {what}, large, inside the dashed box, with the mouse, a finger or a pen.</p>
      <div className="draw-grid">
        <DrawCanvas />
        <Seen />
        <Guess />
      </div>
    </section>
  );
}
