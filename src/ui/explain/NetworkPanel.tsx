// "The network, live": the overview of one input, the selected unit's detail, why the guess, and softmax, following the live weights.
import { useEffect, useState } from 'react';
import { classNames as namesFor, selectUnit, shownInput } from '../../state/explainActions';
import { isTraining, weightsFit } from '../../state/selectors';
import { selectClassNames } from '../../state/datasetSelectors';
import { useAppStore } from '../../state/store';
import { topDigit } from '../draw/PredictionView';
import { useVisible } from '../curves/useVisible';
import { useExplanationFeed } from './useExplanation';
import { shownCheckpoint, weightsRef } from '../../state/replayActions';
import { ShownMoment } from '../inspect/ShownMoment';
import { Overview } from './Overview';
import { SoftmaxDetail } from './SoftmaxDetail';
import { SourcePicker } from './SourcePicker';
import { UnitDetail } from './UnitDetail';
import { WhyPanel } from './WhyPanel';
import './explain.css';

function Live({ onScreen }: { onScreen: boolean }) {
  const explanation = useAppStore((s) => s.explanation?.value ?? null);
  const selected = useAppStore((s) => s.selectedUnit);
  const fallback = useAppStore((s) => shownInput(s).fallback);
  const training = useAppStore(isTraining);
  const feed = useExplanationFeed(onScreen);
  const [ownScale, setOwnScale] = useState(false);
  const trainedKey = useAppStore((s) => s.trainedKey);
  const known = useAppStore(selectClassNames);
  // Replay: which weights the explanation shown is about (its question names them in its key).
  const checkpoint = useAppStore(shownCheckpoint);
  const answeredFor = useAppStore((s) => s.explanation?.key ?? '');
  const weights = answeredFor.includes(`|${JSON.stringify(weightsRef(checkpoint))}@`) ? (checkpoint === null ? 'live' : `checkpoint:${checkpoint}`) : 'pending';
  // A new network: the old selection means nothing in it.
  useEffect(() => selectUnit(null), [trainedKey]);
  if (!explanation) return feed.error ? <p className="error-text">{feed.error}</p> : <p className="muted">Asking the network…</p>;
  const names = namesFor(explanation.probabilities.length, known);
  const guess = topDigit(explanation.probabilities);
  const caption = `${explanation.label !== null ? `${fallback ? 'test digit 1, ' : ''}label ${names[explanation.label] ?? explanation.label} · ` : 'drawn · '}guess ${names[guess]}`;
  return (
    <>
      <ShownMoment checkpoint={checkpoint} />
      <p className="small muted network-state" data-testid="network-weights" data-epochs={explanation.epochsDone} data-weights={weights}>
        {checkpoint !== null
          ? `Replay: the weights at epoch ${Math.round(explanation.epochsDone * 1000) / 1000}`
          : training
          ? `Live weights, epoch ${explanation.epochsDone + 1} in progress` : `Weights after ${explanation.epochsDone} epoch${explanation.epochsDone === 1 ? '' : 's'}`}
        {feed.busy ? ' · updating…' : ''}
      </p>
      <label className="field inline network-scale">
        <input type="checkbox" checked={ownScale} onChange={(e) => setOwnScale(e.target.checked)} />
        own scale per map
      </label>
      <div className="network-tools">
        <SourcePicker />
      </div>
      {feed.error && <p className="error-text">{feed.error}</p>}
      <div id="feature-maps" data-testid="feature-maps" aria-busy={feed.busy}>
        <Overview explanation={explanation} classNames={names} selected={selected} onSelect={selectUnit} ownScale={ownScale} caption={caption} />
      </div>
      <div className="explain-grid">
        <UnitDetail explanation={explanation} selected={selected} classNames={names} />
        <div className="explain-side">
          <WhyPanel explanation={explanation} classNames={names} />
          <SoftmaxDetail explanation={explanation} classNames={names} />
        </div>
      </div>
    </>
  );
}

export function NetworkPanel() {
  const trained = useAppStore(weightsFit);
  const [section, setSection] = useState<HTMLElement | null>(null);
  const onScreen = useVisible(section, '0px');
  return (
    <section ref={setSection} className="panel network" id="network" aria-labelledby="network-title" data-testid="network-panel" data-live={onScreen}>
      <h2 id="network-title">The network, live</h2>
      {trained ? (
        <Live onScreen={onScreen} />
      ) : (
        <p className="muted" data-testid="network-no-model">
          Train a network and it appears here for one digit, layer by layer: every map, every unit and the ten classes, following the weights as it learns. Click any
          unit to see how its number came to be.
        </p>
      )}
    </section>
  );
}
