// Feature maps: what every layer makes of the drawn digit or of a chosen test digit.
import { useState } from 'react';
import { askFeatureMaps, setInspectSource } from '../../state/inspectActions';
import { useAppStore } from '../../state/store';
import type { DigitSource } from '../../train/protocol';
import { NumberField } from '../builder/NumberField';
import { DigitImage } from '../data/DigitImage';
import { topDigit } from '../draw/PredictionView';
import { useLatest, useWeightsTick } from './hooks';
import { LayerView } from './LayerView';

const TEST_COUNT = 10_000;
/** While training, the maps follow the weights this often (ms). */
const LIVE_MS = 2000;

function SourcePicker() {
  const source = useAppStore((s) => s.inspectSource);
  const [testIndex, setTestIndex] = useState(source.kind === 'test' ? source.index : 0);
  const [typed, setTyped] = useState<number | null>(null);
  // Follow picks made elsewhere (a digit clicked in the confusion matrix or the gallery).
  if (source.kind === 'test' && source.index !== testIndex) {
    setTestIndex(source.index);
    setTyped(null);
  }
  const pick = (index: number) => {
    const i = ((index % TEST_COUNT) + TEST_COUNT) % TEST_COUNT;
    setTestIndex(i);
    setTyped(null);
    setInspectSource({ kind: 'test', index: i });
  };
  const invalid = typed !== null && !(Number.isInteger(typed) && typed >= 1 && typed <= TEST_COUNT);
  return (
    <div className="fm-source">
      <label className="field inline">
        <input type="radio" name="fm-source" data-testid="inspect-drawn" checked={source.kind === 'drawn'} onChange={() => setInspectSource({ kind: 'drawn' })} />
        the drawn digit
      </label>
      <label className="field inline">
        <input type="radio" name="fm-source" data-testid="inspect-test" checked={source.kind === 'test'} onChange={() => pick(testIndex)} />
        a test digit
      </label>
      <NumberField
        label="test digit no. (1–10,000)"
        testId="inspect-test-index"
        value={typed ?? testIndex + 1}
        min={1}
        max={TEST_COUNT}
        invalid={invalid}
        onChange={(n) => {
          setTyped(n);
          if (Number.isInteger(n) && n >= 1 && n <= TEST_COUNT) pick(n - 1);
        }}
      />
      <button type="button" onClick={() => pick(testIndex - 1)} aria-label="Previous test digit">
        ‹
      </button>
      <button type="button" onClick={() => pick(testIndex + 1)} aria-label="Next test digit">
        ›
      </button>
      <button type="button" onClick={() => pick(Math.floor(Math.random() * TEST_COUNT))}>
        Random
      </button>
      {invalid && <span className="error-text">Pick a test digit from 1 to 10,000.</span>}
    </div>
  );
}

export function FeatureMapsView() {
  const source = useAppStore((s) => s.inspectSource);
  const drawn = useAppStore((s) => s.drawn);
  const tick = useWeightsTick(LIVE_MS);
  const [ownScale, setOwnScale] = useState(false);
  const question: DigitSource | null = source.kind === 'test' ? source : drawn ? { kind: 'drawn', pixels: drawn.pixels } : null;
  const key = question && tick ? `${source.kind === 'test' ? `test ${source.index}` : `drawn ${drawn?.version}`}:${tick}` : null;
  const answer = useLatest(key, () => askFeatureMaps(question!));
  const maps = answer?.value.ok ? answer.value.value : null;
  const output = maps?.layers.at(-1);
  return (
    <section className="inspect-panel feature-maps" id="feature-maps" aria-labelledby="fm-title" data-testid="feature-maps">
      <h3 id="fm-title">Feature maps</h3>
      <p className="hint">
        Each layer&apos;s output for one digit. Conv and pooling layers give one grayscale map per filter (white: strongly active); dense layers a
        strip of cells, one per unit.
      </p>
      <SourcePicker />
      <label className="field inline">
        <input type="checkbox" checked={ownScale} onChange={(e) => setOwnScale(e.target.checked)} />
        scale each map on its own (shows faint maps; hides which are strongest)
      </label>
      {!question && <p className="muted">Draw a digit above, or pick a test digit.</p>}
      {answer && !answer.value.ok && <p className="error-text">{answer.value.error}</p>}
      {maps && question && (
        <div className="fm-layers" aria-busy={answer?.key !== key}>
          <div className="fm-layer fm-input">
            <h4>
              Input <span className="muted">{`${maps.side}×${maps.side}`}</span>
            </h4>
            <DigitImage pixels={maps.input} size={84} label={maps.label === null ? 'The drawn digit' : `Test digit, label ${maps.label}`} />
            <p className="small" data-testid="fm-caption">
              {maps.label !== null && <>label {maps.label} · </>}
              {output && <>guess {topDigit(output.values)}</>}
            </p>
          </div>
          {maps.layers.map((layer, k) => (
            <LayerView key={layer.index} layer={layer} last={k === maps.layers.length - 1} ownScale={ownScale} />
          ))}
        </div>
      )}
    </section>
  );
}
