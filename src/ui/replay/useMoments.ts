// The scrubber's timeline as the store has it: checkpoints kept, then the live weights; and the position shown.
import { useMemo } from 'react';
import type { Moment } from '../../model/checkpoints';
import { timeline } from '../../model/checkpoints';
import { livePoint, shownCheckpoint } from '../../state/replayActions';
import { useAppStore } from '../../state/store';

export function useMoments(): Moment[] {
  const t = useAppStore((s) => s.replay.timeline);
  const step = useAppStore((s) => livePoint(s)?.step ?? 0);
  const epoch = useAppStore((s) => livePoint(s)?.epoch ?? 0);
  const label = useAppStore((s) => livePoint(s)?.label);
  return useMemo(() => (t ? timeline(t.checkpoints, { step, epoch, label }) : []), [t, step, epoch, label]);
}

/** Index into `moments` of the moment the views show (the last, the live weights, unless a checkpoint is shown). */
export function useShownIndex(moments: readonly Moment[]): number {
  const id = useAppStore(shownCheckpoint);
  if (id === null) return moments.length - 1;
  const i = moments.findIndex((m) => m.id === id && !m.live);
  return i < 0 ? moments.length - 1 : i;
}

/** The moment nearest to `x` batches (or epochs, with `byEpoch`). */
export function nearestMoment(moments: readonly Moment[], x: number, byEpoch = false): Moment | undefined {
  let best: Moment | undefined;
  for (const m of moments) {
    const v = byEpoch ? m.epoch : m.step;
    if (!best || Math.abs(v - x) < Math.abs((byEpoch ? best.epoch : best.step) - x)) best = m;
  }
  return best;
}
