// Your own handwriting beside MNIST: collect your digits, see the trained network's error on them, and fine-tune on them.
import { useState } from 'react';
import { DIGIT_NAMES } from '../../data/customDataset';
import { addExample, exportCustom, importCustom, removeExample } from '../../state/customActions';
import { countsOf, selectDatasetId } from '../../state/datasetSelectors';
import { setDrawnDigit } from '../../state/inspectActions';
import type { HandwritingScore } from '../../state/myDigitsActions';
import { FINE_TUNE_EPOCHS, fineTuneOnHandwriting, testOnHandwriting, whyCannotFineTune } from '../../state/myDigitsActions';
import { isRunning, weightsFit } from '../../state/selectors';
import { useAppStore } from '../../state/store';
import { downloadBlob } from '../download';
import { ExampleGrid } from './ExampleGrid';
import './custom.css';

function Score({ score }: { score: HandwritingScore }) {
  const mistakes = score.guesses.filter(([t, g]) => t !== g);
  return (
    <div className="handwriting-score" data-testid="my-digits-score" data-value={score.error.toFixed(2)} data-count={score.count} data-confusion={JSON.stringify(score.confusion)}>
      <p>
        <strong>Error on your handwriting: {score.error.toFixed(1)}%</strong> ({mistakes.length} of {score.count} digits misread)
      </p>
      {mistakes.length > 0 && <p className="small">Misread (true → guess): {mistakes.map(([t, g]) => `${t}→${g}`).join(', ')}</p>}
      <table className="class-counts">
        <caption>Your digits: right answers per digit</caption>
        <thead>
          <tr>
            <th scope="col">digit</th>
            {DIGIT_NAMES.map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">right</th>
            {DIGIT_NAMES.map((_, d) => {
              const row = score.confusion.slice(d * 10, d * 10 + 10);
              const total = row.reduce((a, b) => a + b, 0);
              return <td key={d}>{total === 0 ? '—' : `${row[d]}/${total}`}</td>;
            })}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function MyDigits() {
  const shown = useAppStore((s) => selectDatasetId(s) === 'mnist');
  const digits = useAppStore((s) => s.myDigits);
  const drawn = useAppStore((s) => s.drawn);
  const trained = useAppStore(weightsFit);
  const running = useAppStore(isRunning);
  const whyNotTune = useAppStore((s) => whyCannotFineTune(s));
  const [digit, setDigit] = useState(0);
  const [score, setScore] = useState<HandwritingScore | string | null>(null);
  if (!shown) return null;
  const counts = countsOf(digits).perClass;
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <details className="panel my-digits" id="handwriting" data-testid="my-digits">
      <summary>
        Your own handwriting <span className="muted small">({total} digit{total === 1 ? '' : 's'} kept in this browser)</span>
      </summary>
      <p className="hint">
        Draw a digit on the pad, say which it is, and add it: your digits become a small test set of your own, and the network can be fine-tuned on them
        ({FINE_TUNE_EPOCHS} more epochs on four fifths of them, tested on the fifth it did not see).
      </p>
      <div className="row-buttons">
        <label className="field inline">
          <span>this is a</span>
          <select data-testid="my-digits-digit" value={digit} onChange={(e) => setDigit(Number(e.target.value))}>
            {DIGIT_NAMES.map((d, i) => (
              <option key={d} value={i}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="my-digits-add"
          disabled={!drawn}
          onClick={() => {
            if (drawn && addExample('myDigits', digit, drawn.pixels) === null) setDrawnDigit(null);
          }}
        >
          Add drawing to my digits
        </button>
        <button type="button" data-testid="my-digits-test" disabled={!trained || running || total === 0} onClick={() => void testOnHandwriting().then(setScore)}>
          Test the network on them
        </button>
        <button type="button" data-testid="my-digits-finetune" disabled={whyNotTune !== null || running} title={whyNotTune ?? undefined} onClick={fineTuneOnHandwriting}>
          Fine-tune on them
        </button>
        <button
          type="button"
          data-testid="my-digits-export"
          disabled={total === 0}
          onClick={() => {
            const file = exportCustom('myDigits');
            downloadBlob(new Blob([file.text], { type: 'application/json' }), file.fileName);
          }}
        >
          Export
        </button>
        <label className="pick-button">
          <span>Import…</span>
          <input
            className="visually-hidden"
            type="file"
            accept=".json,application/json"
            data-testid="my-digits-import"
            onChange={(e) => {
              const [file] = Array.from(e.currentTarget.files ?? []);
              e.currentTarget.value = '';
              if (file) void file.text().then((text) => importCustom(text, file.name));
            }}
          />
        </label>
      </div>
      {typeof score === 'string' && <p className="error-text">{score}</p>}
      {score && typeof score !== 'string' && <Score score={score} />}
      <ol className="my-digit-rows">
        {digits.classes.map((c, d) => (
          <li key={d} data-testid="my-digit-class" data-class={d} data-count={c.examples.length}>
            <span className="my-digit-label">{d}</span>
            <ExampleGrid examples={c.examples} className={`digit ${d}`} onDelete={(i) => removeExample('myDigits', d, i)} />
          </li>
        ))}
      </ol>
    </details>
  );
}
