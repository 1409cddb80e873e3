// The first conv layer's filters as small images, following the weights as they train.
import { useCallback, useMemo } from 'react';
import { askFilters } from '../../state/inspectActions';
import { useAppStore } from '../../state/store';
import { isTraining } from '../../state/selectors';
import type { Filters } from '../../train/protocol';
import { CanvasTiles } from './CanvasTiles';
import { useLatest, useWeightsTick } from './hooks';
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
  const tick = useWeightsTick(LIVE_MS);
  const training = useAppStore(isTraining);
  const answer = useLatest(tick, askFilters);
  const filters = answer?.value.ok ? answer.value.value : null;
  return (
    <section className="inspect-panel filters" aria-labelledby="filters-title" data-testid="filters">
      <h3 id="filters-title">Filters of the first conv layer</h3>
      {answer && !answer.value.ok && <p className="muted">{answer.value.error}</p>}
      {filters && (
        <>
          <p className="hint">
            {filters.count} kernels of {filters.kernelSize}×{filters.kernelSize} (layer {filters.layerIndex + 1}), each the pattern its feature map
            responds to: white weights add, black subtract, grey is zero.{' '}
            <span data-testid="filters-epoch">
              {training ? `Live, epoch ${filters.epochsDone + 1} in progress.` : `After ${filters.epochsDone} epoch${filters.epochsDone === 1 ? '' : 's'}.`}
            </span>
          </p>
          <FilterGrid filters={filters} />
        </>
      )}
    </section>
  );
}
