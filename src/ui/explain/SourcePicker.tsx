// Which input the network view explains: the drawn digit, or a test digit by number (step, or pick at random).
import { useState } from 'react';
import { setInspectSource } from '../../state/inspectActions';
import { useAppStore } from '../../state/store';
import { NumberField } from '../builder/NumberField';

const TEST_COUNT = 10_000;

export function SourcePicker() {
  const source = useAppStore((s) => s.inspectSource);
  const drawn = useAppStore((s) => s.drawn !== null);
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
        drawn digit{source.kind === 'drawn' && !drawn ? ' (none yet)' : ''}
      </label>
      <label className="field inline">
        <input type="radio" name="fm-source" data-testid="inspect-test" checked={source.kind === 'test'} onChange={() => pick(testIndex)} />
        test digit
      </label>
      <NumberField
        label="test digit number"
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
