// Pieces every unit detail shares: the activation step, a weight penalty note, and how far the detail's own sum is from the map.
import type { Activation, Layer } from '../../model/architecture';
import { activeRegularizer } from '../../model/architecture';
import { num } from './colors';

const FORMULAS: Record<Activation, string> = {
  relu: 'relu(z) = max(0, z)',
  sigmoid: 'sigmoid(z) = 1 / (1 + e^−z)',
  tanh: 'tanh(z)',
  linear: 'linear: the value is z itself',
  softmax: 'softmax: e^z over the sum of e^z across the group',
};

/**
 * "→ relu → 0.734, the map's value 0.734": the detail's own result beside the forward pass's. They
 * agree to float32 rounding (the detail adds in double precision).
 */
export function ActivationLine({ activation, preactivation, own, value, group }: { activation: Activation; preactivation: number; own: number; value: number; group?: string }) {
  return (
    <p className="sum-line">
      <span className="muted">{FORMULAS[activation]}{activation === 'softmax' && group ? ` (${group})` : ''}:</span>{' '}
      {activation === 'linear' ? '' : `${activation}(${num(preactivation)}) = `}
      <strong data-testid="detail-own-value" data-value={own}>
        {num(own)}
      </strong>
      {' — '}the network&apos;s value: <strong>{num(value)}</strong>
      {Math.abs(own - value) <= 1e-4 * Math.max(1, Math.abs(value)) ? ' ✓' : ' (they differ: the weights changed between the two reads)'}
    </p>
  );
}

/** A layer with a weight penalty (Keras's kernelRegularizer) says how it enters the loss. */
export function Regularizer({ layer }: { layer: Layer }) {
  const reg = activeRegularizer(layer);
  if (!reg) return null;
  const parts = [reg.l1 ? `${reg.l1} · Σ|w|` : null, reg.l2 ? `${reg.l2} · Σw²` : null].filter(Boolean).join(' + ');
  return (
    <p className="small muted" data-testid="detail-regularizer">
      While training, {parts} over this layer&apos;s kernel is added to the loss, which keeps its weights small. It takes no part in this sum.
    </p>
  );
}
