// "The network, live": the overview of one input, the selected unit's detail, why the guess, and softmax, following the live weights.
import { memo, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { Explanation } from '../../model/explanation';
import type { UnitRef } from '../../model/units';
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

/** The views of one answer, memoised: the urgent render of a new answer (which still shows the old one) skips them. */
const LiveOverview = memo(Overview);
const Details = memo(function Details({ explanation, names, selected }: { explanation: Explanation; names: readonly string[]; selected: UnitRef | null }) {
  return (
    <div className="explain-grid">
      <UnitDetail explanation={explanation} selected={selected} classNames={names} />
      <div className="explain-side">
        <WhyPanel explanation={explanation} classNames={names} />
        <SoftmaxDetail explanation={explanation} classNames={names} />
      </div>
    </div>
  );
});

function Live({ onScreen }: { onScreen: boolean }) {
  const latest = useAppStore((s) => s.explanation);
  // A new answer renders in the background, in slices React can interrupt, then paints: drawn at
  // once, every layer's maps, the detail and the heat map made one task of 20 ms or more a second.
  // Its key comes with it, so what the view says it shows is what it shows.
  const shown = useDeferredValue(latest);
  const explanation = shown?.value ?? null;
  const selected = useAppStore((s) => s.selectedUnit);
  const fallback = useAppStore((s) => shownInput(s).fallback);
  const training = useAppStore(isTraining);
  const feed = useExplanationFeed(onScreen);
  const [ownScale, setOwnScale] = useState(false);
  const trainedKey = useAppStore((s) => s.trainedKey);
  const known = useAppStore(selectClassNames);
  // Replay: which weights the explanation shown is about (its question names them in its key).
  const checkpoint = useAppStore(shownCheckpoint);
  const answeredFor = shown?.key ?? '';
  const weights = answeredFor.includes(`|${JSON.stringify(weightsRef(checkpoint))}@`) ? (checkpoint === null ? 'live' : `checkpoint:${checkpoint}`) : 'pending';
  // A new network: the old selection means nothing in it.
  useEffect(() => selectUnit(null), [trainedKey]);
  const count = explanation?.probabilities.length ?? 0;
  const names = useMemo(() => namesFor(count, known), [count, known]);
  if (!explanation) return feed.error ? <p className="error-text">{feed.error}</p> : <p className="muted">Asking the network…</p>;
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
        <LiveOverview explanation={explanation} classNames={names} selected={selected} onSelect={selectUnit} ownScale={ownScale} caption={caption} />
      </div>
      <Details explanation={explanation} names={names} selected={selected} />
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
