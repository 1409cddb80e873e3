// Network totals: parameters, connections and the weights' memory.
import type { Totals as TotalsData } from '../../model/analyze';
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
    </dl>
  );
}
