// The network's answer for the drawing: the top class with its confidence, and every class's probability.
import { className } from '../../state/datasetSelectors';
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
export function PredictionView({ prediction, names, training, fresh, weights = 'live' }: { prediction: Prediction; names: readonly string[]; training: boolean; fresh: boolean; weights?: string }) {
  const probs = Array.from(prediction.probabilities);
  const digit = topDigit(probs);
  const confidence = probs[digit]!;
  const label = className(names, digit);
  // Digits show large; class names (T-shirt/top, circle) at a size that fits.
  const short = label.length <= 2;
  return (
    <div className="prediction">
      <p
        className="prediction-top"
        data-testid="prediction"
        data-fresh={fresh}
        data-digit={digit}
        data-label={label}
        data-confidence={confidence}
        data-weights={weights}
        data-probabilities={JSON.stringify(probs)}
        aria-live="polite"
      >
        <span className={short ? 'prediction-digit' : 'prediction-digit prediction-name'}>{label}</span>
        <span>
          <strong>{(confidence * 100).toFixed(1)}%</strong> sure
        </span>
      </p>
      <ol className={short ? 'prob-bars' : 'prob-bars named'} aria-label="Probability of each class">
        {probs.map((p, d) => (
          <li key={d} className={d === digit ? 'top' : undefined} data-testid="probability" data-digit={d} data-label={className(names, d)} data-value={p}>
            <span className="prob-digit">{className(names, d)}</span>
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
