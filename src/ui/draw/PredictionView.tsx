// The network's answer for the drawn digit: the top digit with its confidence, and all ten probabilities.
import type { Prediction } from '../../train/protocol';

export function topDigit(probabilities: ArrayLike<number>): number {
  let best = 0;
  for (let d = 1; d < probabilities.length; d++) if (probabilities[d]! > probabilities[best]!) best = d;
  return best;
}

/**
 * `fresh`: the guess answers the digit as drawn now (false while a newer stroke waits for its answer).
 * `weights`: `live`, or `checkpoint:<id>` while the replay shows a checkpoint.
 */
export function PredictionView({ prediction, training, fresh, weights = 'live' }: { prediction: Prediction; training: boolean; fresh: boolean; weights?: string }) {
  const probs = Array.from(prediction.probabilities);
  const digit = topDigit(probs);
  const confidence = probs[digit]!;
  return (
    <div className="prediction">
      <p
        className="prediction-top"
        data-testid="prediction"
        data-fresh={fresh}
        data-digit={digit}
        data-confidence={confidence.toFixed(4)}
        data-weights={weights}
        data-probabilities={JSON.stringify(probs)}
        aria-live="polite"
      >
        <span className="prediction-digit">{digit}</span>
        <span>
          <strong>{(confidence * 100).toFixed(1)}%</strong> sure
        </span>
      </p>
      <ol className="prob-bars" aria-label="Probability of each digit">
        {probs.map((p, d) => (
          <li key={d} className={d === digit ? 'top' : undefined} data-testid="probability" data-digit={d} data-value={p.toFixed(4)}>
            <span className="prob-digit">{d}</span>
            <span className="prob-bar">
              <span style={{ width: `${Math.max(p * 100, 0)}%` }} />
            </span>
            <span className="prob-value">{(p * 100).toFixed(1)}%</span>
          </li>
        ))}
      </ol>
      <p className="muted small">
        {weights !== 'live'
          ? `Replay: the weights as they were at epoch ${Math.round(prediction.epochsDone * 1000) / 1000}, not today’s.`
          : training
          ? `Live weights, epoch ${prediction.epochsDone + 1} in progress: the guess changes as the network learns.`
          : `Weights after ${prediction.epochsDone} epoch${prediction.epochsDone === 1 ? '' : 's'}.`}
      </p>
    </div>
  );
}
