// Compare two moments of the run: each first-layer filter then, now and the difference, and the test digits that flipped.
import { memo, useCallback, useMemo, useState } from 'react';
import type { Moment } from '../../model/checkpoints';
import type { FlipList, Flipped, KernelImages } from '../../model/compare';
import { filterChange } from '../../model/compare';
import { groupDigits } from '../../model/format';
import { DigitImage } from '../data/DigitImage';
import { CanvasTiles } from '../inspect/CanvasTiles';
import { paintGray, rangeOf, signedLevel } from '../inspect/paint';

/** A signed difference as colour: blue below zero, orange above, mid-grey at zero (as the filters' zero). */
function paintDiverging(canvas: HTMLCanvasElement | null, side: number, at: (i: number) => number, max: number): void {
  if (!canvas) return;
  if (canvas.width !== side) canvas.width = side;
  if (canvas.height !== side) canvas.height = side;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(side, side);
  const grey = 128;
  const blue = [0, 114, 178];
  const orange = [230, 159, 0];
  for (let i = 0; i < side * side; i++) {
    const t = Math.max(-1, Math.min(1, at(i) / (max || 1)));
    const target = t < 0 ? blue : orange;
    const k = Math.abs(t);
    for (let ch = 0; ch < 3; ch++) image.data[i * 4 + ch] = Math.round(grey + (target[ch]! - grey) * k);
    image.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

function percent(r: number): string {
  if (!Number.isFinite(r)) return 'new';
  return `${r < 0.1 ? (r * 100).toFixed(1) : Math.round(r * 100)}%`;
}

function FilterChanges({ from, to }: { from: KernelImages; to: KernelImages }) {
  const [sorted, setSorted] = useState(false);
  const change = useMemo(() => filterChange(from, to), [from, to]);
  const k = from.kernelSize;
  const size = k * k;
  // The filters of both moments on one grey scale, so their strengths compare.
  const max = useMemo(() => {
    const a = rangeOf(from.values.length, (i) => from.values[i]!);
    const b = rangeOf(to.values.length, (i) => to.values[i]!);
    return Math.max(Math.abs(a.lo), Math.abs(a.hi), Math.abs(b.lo), Math.abs(b.hi));
  }, [from, to]);
  const order = useMemo(() => {
    const idx = Array.from({ length: from.count }, (_, f) => f);
    return sorted ? idx.sort((a, b) => (change.relative[b] ?? 0) - (change.relative[a] ?? 0)) : idx;
  }, [sorted, change, from.count]);
  const tile = Math.max(30, Math.min(48, k * 8));
  const paint = useCallback(
    (which: 'from' | 'to' | 'diff') => (canvas: HTMLCanvasElement | null, n: number) => {
      const f = order[n]!;
      if (which === 'diff') paintDiverging(canvas, k, (i) => change.diff[f * size + i]!, change.maxAbs);
      else paintGray(canvas, k, k, (i) => signedLevel((which === 'from' ? from : to).values[f * size + i]!, max));
    },
    [order, k, size, change, from, to, max],
  );
  const mean = change.relative.filter(Number.isFinite).reduce((a, b) => a + b, 0) / Math.max(1, change.relative.filter(Number.isFinite).length);
  return (
    <div className="filter-compare" data-testid="filter-compare" data-mean-change={mean}>
      <div className="compare-head">
        <h4>First conv layer’s filters</h4>
        <label className="field inline">
          <input type="checkbox" checked={sorted} onChange={(e) => setSorted(e.target.checked)} />
          biggest change first
        </label>
      </div>
      <p className="hint">
        Each filter then and at the later moment (white adds, black subtracts), and the difference on its own scale (orange: grew, blue: fell). On average a filter
        changed by {percent(mean)} of its earlier size.
      </p>
      <ol className="filter-triples">
        {order.map((f, n) => (
          <li key={f} data-testid="filter-change" data-filter={f} data-change={change.relative[f]}>
            <span className="triple-label">
              {f + 1} <span className="muted">{percent(change.relative[f]!)}</span>
            </span>
            <span className="triple">
              <CanvasTiles count={1} size={tile} testId="filter-then" label={`filter ${f + 1} at the earlier moment`} title={() => `filter ${f + 1}, earlier`} paint={(c) => paint('from')(c, n)} />
              <CanvasTiles count={1} size={tile} testId="filter-now" label={`filter ${f + 1} at the later moment`} title={() => `filter ${f + 1}, later`} paint={(c) => paint('to')(c, n)} />
              <CanvasTiles count={1} size={tile} testId="filter-diff" label={`how filter ${f + 1} changed: ${percent(change.relative[f]!)}`} title={() => `filter ${f + 1}, change`} paint={(c) => paint('diff')(c, n)} />
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function FlipTiles({ list, title, testId, names }: { list: FlipList; title: string; testId: string; names: readonly string[] }) {
  const n = list.indices.length;
  return (
    <div className="flip-list" data-testid={testId} data-total={list.total}>
      <h4>
        {title} <span className="flip-count">{groupDigits(list.total)}</span>
      </h4>
      {list.total === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <>
          <ul className="digit-tiles">
            {Array.from({ length: n }, (_, k) => {
              const label = names[list.labels[k]!] ?? String(list.labels[k]);
              const before = names[list.before[k]!] ?? String(list.before[k]);
              const after = names[list.after[k]!] ?? String(list.after[k]);
              return (
                <li key={list.indices[k]} className="flip-tile" data-index={list.indices[k]}>
                  <DigitImage pixels={list.images.subarray(k * 784, (k + 1) * 784)} size={44} label={`test digit ${list.indices[k]! + 1}, a ${label}: guessed ${before}, then ${after}`} />
                  <span>
                    {before}→{after}
                  </span>
                </li>
              );
            })}
          </ul>
          {list.total > n && <p className="muted small">The {n} the later moment is surest of; {groupDigits(list.total - n)} more.</p>}
        </>
      )}
    </div>
  );
}

interface Props {
  moments: readonly Moment[];
  from: number;
  to: number;
  onPick: (which: 'from' | 'to', index: number) => void;
  /** The first conv layer's filters at each moment; null while asked, or for a network without conv layers (see `filtersNote`). */
  filters: { from: KernelImages; to: KernelImages } | null;
  filtersNote: string | null;
  flips: Flipped | null;
  flipsNote: string | null;
  classNames: readonly string[];
}

function CompareMomentsImpl({ moments, from, to, onPick, filters, filtersNote, flips, flipsNote, classNames }: Props) {
  const picker = (which: 'from' | 'to', value: number) => (
    <label className="field">
      {which === 'from' ? 'from' : 'to'}
      <select value={value} data-testid={`compare-${which}`} onChange={(e) => onPick(which, Number(e.target.value))}>
        {moments.map((m, i) => (
          <option key={m.id ?? 'live'} value={i}>
            {i + 1}. {m.live ? `now (${m.label})` : m.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="replay-panel compare" aria-labelledby="compare-title" data-testid="compare-moments">
      <div className="replay-panel-head">
        <h3 id="compare-title">Compare two moments</h3>
        <div className="compare-pickers">
          {picker('from', from)}
          {picker('to', to)}
        </div>
      </div>
      {from >= to && <p className="hint">Pick an earlier moment on the left to see what training changed.</p>}
      {filters ? <FilterChanges from={filters.from} to={filters.to} /> : filtersNote && <p className="muted">{filtersNote}</p>}
      <div className="flips" aria-busy={!flips && !flipsNote}>
        {flips ? (
          <>
            <p className="flip-summary" data-testid="flip-summary">
              Right on the test set: {groupDigits(flips.rightBefore)} then {groupDigits(flips.rightAfter)} of {groupDigits(flips.count)} (
              {flips.rightAfter >= flips.rightBefore ? '+' : '−'}
              {groupDigits(Math.abs(flips.rightAfter - flips.rightBefore))}): {groupDigits(flips.fixed.total)} went from wrong to right and{' '}
              {groupDigits(flips.broken.total)} from right to wrong.
            </p>
            <div className="flip-columns">
              <FlipTiles list={flips.fixed} title="Wrong → right" testId="flips-fixed" names={classNames} />
              <FlipTiles list={flips.broken} title="Right → wrong" testId="flips-broken" names={classNames} />
            </div>
          </>
        ) : (
          <p className="muted">{flipsNote ?? 'Scoring both moments on the 10,000 test digits…'}</p>
        )}
      </div>
    </section>
  );
}

/** Memoised: scrubbing re-renders the page around it, and its 100-odd canvases need not follow. */
export const CompareMoments = memo(CompareMomentsImpl);
