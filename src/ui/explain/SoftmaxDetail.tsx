// The output layer for the input shown: each class's score (logit), its exponential, and softmax's share, the prediction's probabilities.
import { useMemo } from 'react';
import type { Explanation } from '../../model/explanation';
import { softmax } from '../../model/unitMath';
import { num } from './colors';
import { topDigit } from '../draw/PredictionView';

export function SoftmaxDetail({ explanation, classNames }: { explanation: Explanation; classNames: readonly string[] }) {
  const { logits, probabilities } = explanation;
  const own = useMemo(() => softmax(logits), [logits]);
  const top = topDigit(probabilities);
  const shifted = own.shift !== 0;
  const agree = own.probabilities.every((p, i) => Math.abs(p - probabilities[i]!) <= 1e-5);
  return (
    <section
      className="softmax-detail"
      data-testid="softmax-detail"
      data-logits={JSON.stringify(Array.from(logits))}
      data-probabilities={JSON.stringify(Array.from(probabilities))}
      aria-labelledby="softmax-title"
    >
      <h3 id="softmax-title">From scores to probabilities</h3>
      <p className="small muted">
        The last layer gives each class a score, its logit z. Softmax raises e to each score{shifted ? ` (less the largest, ${num(own.shift)}, so nothing overflows; the shares are the same)` : ''} and divides by their sum, so the
        probabilities add up to 1.
      </p>
      <table className="softmax-table">
        <thead>
          <tr>
            <th scope="col">class</th>
            <th scope="col">logit z</th>
            <th scope="col">{shifted ? 'e^(z − max)' : 'e^z'}</th>
            <th scope="col">p = e^z / Σ</th>
          </tr>
        </thead>
        <tbody>
          {Array.from(logits, (z, k) => (
            <tr key={k} className={k === top ? 'top' : undefined}>
              <th scope="row">{classNames[k] ?? k}</th>
              <td>{num(z)}</td>
              <td>{num(own.exps[k]!)}</td>
              <td>
                <span className="softmax-bar" style={{ width: `${probabilities[k]! * 100}%` }} />
                <span className="softmax-value">{(probabilities[k]! * 100).toFixed(2)}%</span>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Σ</th>
            <td />
            <td>{num(own.sum)}</td>
            <td>{agree ? '100% ✓' : ''}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
