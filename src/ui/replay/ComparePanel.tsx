// The comparison of two moments wired to the store: each moment's first-layer filters and the flipped test digits, asked only while on screen.
import { useCallback, useMemo, useState } from 'react';
import type { Moment } from '../../model/checkpoints';
import type { KernelImages } from '../../model/compare';
import { askFilters } from '../../state/inspectActions';
import { askFlips, refOfKey, setCompare } from '../../state/replayActions';
import type { MomentKey } from '../../state/replaySlice';
import { useAppStore } from '../../state/store';
import type { Result } from '../../train/protocol';
import { useVisible } from '../curves/useVisible';
import { useLatest } from '../inspect/hooks';
import { CompareMoments } from './CompareMoments';
import { useTrainedArchitecture } from './panels';

/** Flipped digits shown each way. */
const FLIPS_SHOWN = 36;

function indexOfKey(moments: readonly Moment[], key: MomentKey): number {
  if (key === 'live') return moments.length - 1;
  if (key === 'first') return 0;
  const i = moments.findIndex((m) => m.id === key);
  return i < 0 ? moments.length - 1 : i;
}

function keyOfIndex(moments: readonly Moment[], i: number): MomentKey {
  const m = moments[i];
  return !m || m.live ? 'live' : m.id!;
}

export function ComparePanel({ moments }: { moments: readonly Moment[] }) {
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const visible = useVisible(root, '0px');
  const keys = useAppStore((s) => s.replay.compare);
  // The live weights are compared again when an epoch ends or the run is scored, not at every batch.
  const liveVersion = useAppStore((s) => `${s.trainedKey}:${s.run?.id}:${s.epochs.length}:${s.evaluation !== null}:${s.replay.timeline?.live.step}`);
  const arch = useTrainedArchitecture();
  const from = indexOfKey(moments, keys.from);
  const to = indexOfKey(moments, keys.to);
  const at = (i: number) => (moments[i]?.live ? `live ${liveVersion}` : `checkpoint ${moments[i]?.id}`);
  const key = visible && moments.length > 1 ? `${at(from)}|${at(to)}` : null;
  const filters = useLatest(key, async (): Promise<Result<{ from: KernelImages; to: KernelImages }>> => {
    const s = useAppStore.getState();
    const [a, b] = await Promise.all([askFilters(refOfKey(keys.from, s)), askFilters(refOfKey(keys.to, s))]);
    if (!a.ok) return a;
    if (!b.ok) return b;
    return { ok: true, value: { from: a.value, to: b.value } };
  });
  const flips = useLatest(key && from !== to ? key : null, () => askFlips(refOfKey(keys.from), refOfKey(keys.to), FLIPS_SHOWN));
  const classNames = useMemo(() => {
    const last = arch?.layers.at(-1);
    return Array.from({ length: last?.type === 'dense' ? last.units : 10 }, (_, i) => String(i));
  }, [arch]);
  const pick = useCallback((which: 'from' | 'to', i: number) => setCompare(which, i === 0 && which === 'from' ? 'first' : keyOfIndex(moments, i)), [moments]);
  const filtersFresh = filters && filters.key === key ? filters.value : null;
  const flipsFresh = flips && flips.key === key ? flips.value : null;
  return (
    <div ref={setRoot}>
      <CompareMoments
        moments={moments}
        from={from}
        to={to}
        onPick={pick}
        filters={filtersFresh?.ok ? filtersFresh.value : null}
        filtersNote={filtersFresh && !filtersFresh.ok ? filtersFresh.error : null}
        flips={from === to ? null : flipsFresh?.ok ? flipsFresh.value : null}
        flipsNote={from === to ? 'Pick two different moments.' : flipsFresh && !flipsFresh.ok ? flipsFresh.error : null}
        classNames={classNames}
      />
    </div>
  );
}
