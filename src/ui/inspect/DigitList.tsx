// A page of scored test digits (a confusion-matrix cell, or every mistake), each one a click from the network view of it.
import { useState } from 'react';
import { groupDigits } from '../../model/format';
import { askTestDigits, setInspectSource } from '../../state/inspectActions';
import { className, selectClassNames, selectDatasetInfo } from '../../state/datasetSelectors';
import { useAppStore } from '../../state/store';
import type { TestDigitQuery, WeightsRef } from '../../train/protocol';
import { DigitImage } from '../data/DigitImage';
import { useLatest } from './hooks';
import { scrollToElement } from '../scroll';

function lookInside(index: number) {
  setInspectSource({ kind: 'test', index });
  scrollToElement(document.getElementById('network'));
}

/** Lists the digits answering `query`, `pageSize` at a time; give it a `key` per query so paging starts over. */
/** `weights`: a checkpoint's scores (replay) instead of the live weights' last evaluation. */
export function DigitList({ query, pageSize, testId, describe, weights }: { query: TestDigitQuery; pageSize: number; testId: string; describe: (total: number) => string; weights?: WeightsRef }) {
  const [limit, setLimit] = useState(pageSize);
  const runId = useAppStore((s) => (s.evaluation || weights?.kind === 'checkpoint' ? (s.run?.id ?? 0) : null));
  const at = weights?.kind === 'checkpoint' ? `checkpoint ${weights.id}` : 'live';
  const key = runId === null ? null : `${JSON.stringify(query)}:${limit}:${runId}:${at}`;
  const answer = useLatest(key, () => askTestDigits(query, 0, limit, weights));
  const names = useAppStore(selectClassNames);
  const noun = useAppStore((s) => selectDatasetInfo(s).noun);
  const Noun = noun[0]!.toUpperCase() + noun.slice(1);
  if (!answer) return <p className="muted">Loading the {noun}s…</p>;
  if (!answer.value.ok) return <p className="error-text">{answer.value.error}</p>;
  const page = answer.value.value;
  return (
    <div className="digit-list" data-testid={testId} data-total={page.total}>
      <p className="small">{describe(page.total)}</p>
      <ol className="digit-tiles">
        {Array.from(page.indices, (index, k) => {
          const label = page.labels[k]!;
          const predicted = page.predicted[k]!;
          const confidence = page.confidences[k]!;
          const [trueName, guessName] = [className(names, label), className(names, predicted)];
          return (
            <li
              key={index}
              data-testid="test-digit"
              data-index={index}
              data-label={label}
              data-predicted={predicted}
              data-label-name={trueName}
              data-predicted-name={guessName}
              data-confidence={confidence.toFixed(4)}
            >
              <button
                type="button"
                onClick={() => lookInside(index)}
                title={`Test ${noun} ${index + 1}: label ${trueName}, guessed ${guessName} (${(confidence * 100).toFixed(1)}%). Click to see its feature maps.`}
              >
                <DigitImage pixels={page.images.subarray(k * 784, (k + 1) * 784)} size={48} label={`${Noun} ${index + 1}, label ${trueName}, guessed ${guessName}`} />
                <span className={label === predicted ? 'tile-right' : 'tile-wrong'}>
                  {trueName.length <= 2 && guessName.length <= 2 ? `${trueName}→${guessName}` : `${trueName} → ${guessName}`}
                </span>
                <span className="muted">{(confidence * 100).toFixed(0)}%</span>
              </button>
            </li>
          );
        })}
      </ol>
      {page.total > page.indices.length && (
        <button type="button" onClick={() => setLimit(limit + pageSize)}>
          Show more ({groupDigits(page.total - page.indices.length)} left)
        </button>
      )}
    </div>
  );
}
