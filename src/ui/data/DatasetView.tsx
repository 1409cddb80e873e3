// The dataset view: sample images of the current dataset with their class names, a filter by class, and the class counts.
import { useEffect, useState } from 'react';
import { groupDigits } from '../../model/format';
import { askSamples, loadDataset, retryDataset } from '../../state/trainingActions';
import type { Samples } from '../../train/protocol';
import { workerGeneration } from '../../state/selectors';
import { className, selectClassNames, selectDatasetInfo } from '../../state/datasetSelectors';
import { useAppStore } from '../../state/store';
import { DigitImage } from './DigitImage';

const SAMPLE_COUNT = 40;

function useSamples(split: 'train' | 'test', digit: number | null): Samples | null {
  const generation = useAppStore(workerGeneration);
  const ready = useAppStore((s) => s.data.status === 'ready');
  const dataKey = useAppStore((s) => s.data.key);
  const [samples, setSamples] = useState<{ key: string; value: Samples } | null>(null);
  const key = `${dataKey}:${split}:${digit}`;
  useEffect(() => {
    if (!generation || !ready) return;
    let live = true;
    void askSamples(split, digit, SAMPLE_COUNT).then((answer) => {
      if (live && answer.ok) setSamples({ key, value: answer.value });
    });
    return () => {
      live = false;
    };
  }, [generation, ready, split, digit, key]);
  return samples?.key === key ? samples.value : null;
}

function Counts({ names, noun }: { names: readonly string[]; noun: string }) {
  const info = useAppStore((s) => s.data.info);
  if (!info) return null;
  return (
    // Twelve columns of five-digit counts are wider than a phone: the table scrolls inside its own box, not the page.
    <div className="counts-scroll" tabIndex={0} role="region" aria-label={`${noun}s per class`}>
      <table className={names.some((n) => n.length > 2) ? 'class-counts named' : 'class-counts'} data-testid="class-counts">
        <caption>{noun[0]!.toUpperCase() + noun.slice(1)}s per class</caption>
        <thead>
          <tr>
            <th scope="col">set</th>
            {info.trainHistogram.map((_, d) => (
              <th key={d} scope="col">
                {className(names, d)}
              </th>
            ))}
            <th scope="col">total</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">training</th>
            {info.trainHistogram.map((c, d) => (
              <td key={d}>{groupDigits(c)}</td>
            ))}
            <td data-testid="train-count" data-value={info.trainCount}>
              {groupDigits(info.trainCount)}
            </td>
          </tr>
          <tr>
            <th scope="row">test</th>
            {info.testHistogram.map((c, d) => (
              <td key={d}>{groupDigits(c)}</td>
            ))}
            <td data-testid="test-count" data-value={info.testCount}>
              {groupDigits(info.testCount)}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function DatasetView() {
  const data = useAppStore((s) => s.data);
  const info = useAppStore(selectDatasetInfo);
  const names = useAppStore(selectClassNames);
  const [split, setSplit] = useState<'train' | 'test'>('train');
  const [digit, setDigit] = useState<number | null>(null);
  const samples = useSamples(split, digit !== null && digit < names.length ? digit : null);
  // Loaded on opening, and again when the network is for another dataset (or the learner's own examples changed).
  useEffect(loadDataset, [data.key]);
  const shown = digit !== null && digit < names.length ? digit : null;
  return (
    <section className="panel dataset" aria-labelledby="dataset-title" data-testid="dataset-view" data-dataset={info.id}>
      <h2 id="dataset-title">The {info.id === 'mnist' ? 'MNIST digits' : info.name}</h2>
      <p className="hint">{info.preparationNote}</p>
      {data.status === 'error' && (
        <div className="error-text" role="alert">
          {data.error}{' '}
          <button type="button" onClick={retryDataset}>
            Retry
          </button>
        </div>
      )}
      {data.status === 'loading' && <p className="muted">Loading the dataset…</p>}
      <Counts names={names} noun={info.noun} />
      <div className="dataset-filters">
        <label className="field inline">
          <span>set</span>
          <select data-testid="dataset-split" value={split} onChange={(e) => setSplit(e.target.value as 'train' | 'test')}>
            <option value="train">training</option>
            <option value="test">test</option>
          </select>
        </label>
        <div className="digit-filter" role="group" aria-label="Show class">
          <button type="button" aria-pressed={shown === null} onClick={() => setDigit(null)}>
            all
          </button>
          {names.map((name, d) => (
            <button key={d} type="button" data-testid={`dataset-digit-${d}`} aria-pressed={shown === d} onClick={() => setDigit(d)}>
              {name}
            </button>
          ))}
        </div>
      </div>
      {samples && (
        <ol className="sample-grid" data-testid="sample-grid">
          {Array.from(samples.labels, (label, k) => (
            <li key={samples.indices[k]} data-testid="sample" data-label={label} data-label-name={className(names, label)} data-index={samples.indices[k]}>
              <DigitImage pixels={samples.images.subarray(k * 784, k * 784 + 784)} label={`${className(names, label)}, ${split} image ${samples.indices[k]! + 1}`} />
              <span>{className(names, label)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
