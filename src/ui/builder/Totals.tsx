// Network totals: parameters, connections, the weights' memory and the layer outputs a digit holds.
import type { Totals as TotalsData } from '../../model/analyze';
import { largestBatch } from '../../model/analyze';
import { formatBytes, groupDigits } from '../../model/format';

export function Totals({ totals }: { totals: TotalsData }) {
  const frozen = totals.params - totals.trainableParams;
  return (
    <dl className="totals" aria-label="Network totals">
      <div>
        <dt>Parameters</dt>
        <dd data-testid="total-params" data-value={totals.params}>
          {groupDigits(totals.params)}
          {frozen > 0 && <small> ({groupDigits(frozen)} not trainable)</small>}
        </dd>
      </div>
      <div>
        <dt>Connections</dt>
        <dd data-testid="total-connections" data-value={totals.connections}>
          {groupDigits(totals.connections)}
        </dd>
      </div>
      <div>
        <dt>Weights in memory</dt>
        <dd data-testid="total-memory" data-value={totals.weightBytes}>
          {formatBytes(totals.weightBytes)} <small>(32-bit floats)</small>
        </dd>
      </div>
      <div>
        <dt>Layer outputs per digit</dt>
        <dd data-testid="total-activations" data-value={totals.activations} data-largest-batch={largestBatch(totals.activations)}>
          {groupDigits(totals.activations)} <small>({formatBytes(totals.activations * 4)}; batches up to {groupDigits(largestBatch(totals.activations))} fit)</small>
        </dd>
      </div>
    </dl>
  );
}
