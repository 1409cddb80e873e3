// The first conv layer's filters as small images, following the weights as they train.
import { useCallback, useMemo } from 'react';
import { formatEpoch } from '../../model/checkpoints';
import { askFilters } from '../../state/inspectActions';
import { useAppStore } from '../../state/store';
import { isTraining } from '../../state/selectors';
import type { Filters } from '../../train/protocol';
import { CanvasTiles } from './CanvasTiles';
import { useLatest, useShownWeights } from './hooks';
import { ShownMoment } from './ShownMoment';
import { paintGray, rangeOf, signedLevel } from './paint';

/** While training, the filters are read again this often (ms). */
const LIVE_MS = 2000;

function FilterGrid({ filters }: { filters: Filters }) {
  const { count, kernelSize: k, values } = filters;
  // One scale for all filters, so their strengths compare.
  const max = useMemo(() => {
    const { lo, hi } = rangeOf(values.length, (i) => values[i]!);
    return Math.max(Math.abs(lo), Math.abs(hi));
  }, [values]);
  const paint = useCallback(
    (canvas: HTMLCanvasElement | null, f: number) => paintGray(canvas, k, k, (i) => signedLevel(values[f * k * k + i]!, max)),
    [values, k, max],
  );
  return <CanvasTiles count={count} size={Math.max(48, k * 10)} testId="filter" label={`${count} filters of ${k}×${k}`} title={(f) => `filter ${f + 1}`} paint={paint} />;
}

export function FiltersView() {
  const shown = useShownWeights(LIVE_MS);
  const training = useAppStore(isTraining) && shown.checkpoint === null;
  const answer = useLatest(shown.key, () => askFilters(shown.ref));
  const filters = answer?.value.ok ? answer.value.value : null;
  // For checks: which weights the filters are drawn from, and a number that changes with any of them.
  const signature = useMemo(() => (filters ? filters.values.reduce((sum, v) => sum + v * v, 0) : null), [filters]);
  return (
    <section className="inspect-panel filters" aria-labelledby="filters-title" data-testid="filters" data-weights={answer?.key === shown.key ? (shown.checkpoint === null ? 'live' : `checkpoint:${shown.checkpoint}`) : 'pending'} data-signature={signature ?? undefined}>
      <h3 id="filters-title">Filters of the first conv layer</h3>
      <ShownMoment checkpoint={shown.checkpoint} />
      {answer && !answer.value.ok && <p className="muted">{answer.value.error}</p>}
      {filters && (
        <>
          <p className="hint">
            {filters.count} kernels of {filters.kernelSize}×{filters.kernelSize} (layer {filters.layerIndex + 1}), each the pattern its feature map
            responds to: white weights add, black subtract, grey is zero.{' '}
            <span data-testid="filters-epoch">
              {shown.checkpoint !== null
                ? `At epoch ${formatEpoch(filters.epochsDone)}.`
                : training
                  ? `Live, epoch ${filters.epochsDone + 1} in progress.`
                  : `After ${filters.epochsDone} epoch${filters.epochsDone === 1 ? '' : 's'}.`}
            </span>
          </p>
          <FilterGrid filters={filters} />
        </>
      )}
    </section>
  );
}
