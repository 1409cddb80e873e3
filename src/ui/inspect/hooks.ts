// Hooks for asking the worker about the trained network: latest-wins answers, and when to ask again.
import { useEffect, useMemo, useRef, useState } from 'react';
import { isTraining } from '../../state/selectors';
import { LIVE } from '../../model/checkpoints';
import { shownCheckpoint, weightsRef } from '../../state/replayActions';
import { useAppStore } from '../../state/store';
import type { WeightsRef } from '../../train/protocol';

/**
 * The answer to the question named `key`, asked with `fetch`. At most one question is in flight:
 * keys that change meanwhile are collapsed into the newest, so a worker busy training never
 * builds a queue. The last answer stays until the next arrives (no flicker); compare its key
 * with the current one to tell whether it is up to date. A null key asks nothing.
 */
export function useLatest<T>(key: string | null, fetch: () => Promise<T>): { key: string; value: T } | null {
  const [result, setResult] = useState<{ key: string; value: T } | null>(null);
  const state = useRef({ inFlight: false, wanted: null as string | null, fetch, mounted: true });
  useEffect(() => {
    state.current.fetch = fetch;
  });
  useEffect(() => {
    const s = state.current;
    s.mounted = true;
    return () => {
      s.mounted = false;
    };
  }, []);
  useEffect(() => {
    const s = state.current;
    s.wanted = key;
    const run = () => {
      if (s.inFlight || s.wanted === null) return;
      const asked = s.wanted;
      s.inFlight = true;
      void s.fetch().then((value) => {
        s.inFlight = false;
        if (!s.mounted) return;
        setResult({ key: asked, value });
        if (s.wanted !== asked) run();
      });
    };
    run();
  }, [key]);
  return result;
}

/**
 * A token that changes whenever the trained weights may have: a new network, each epoch, the end
 * of a run, and every `ms` while training, so views of the network follow it as it learns.
 * `live` false holds the every-`ms` beat (a view scrolled away need not follow each step).
 */
export function useWeightsTick(ms: number, live = true): string | null {
  const trainedKey = useAppStore((s) => s.trainedKey);
  const training = useAppStore(isTraining);
  const epochs = useAppStore((s) => s.epochs.length);
  const runId = useAppStore((s) => s.run?.id ?? 0);
  const evaluated = useAppStore((s) => s.evaluation !== null);
  // Weights put back from elsewhere (autosave, Models, a restored checkpoint) are new weights too.
  const version = useAppStore((s) => s.weightsVersion);
  const [beat, setBeat] = useState(0);
  useEffect(() => {
    if (!training || !live) return;
    // Coming back into view while training: a fresh beat at once, then every `ms`.
    const now = setTimeout(() => setBeat((b) => b + 1), 0);
    const timer = setInterval(() => setBeat((b) => b + 1), ms);
    return () => {
      clearTimeout(now);
      clearInterval(timer);
    };
  }, [training, ms, live]);
  if (!trainedKey) return null;
  return `${trainedKey}:${runId}:${version}:${epochs}:${evaluated}:${training ? beat : 'still'}`;
}

/** Which weights a view shows: the live ones (following training), or the checkpoint the replay's scrubber is on. */
export interface ShownWeights {
  /** Changes whenever the view should ask again; null while there is nothing to ask about. */
  key: string | null;
  ref: WeightsRef;
  /** The checkpoint shown, or null for the live weights. */
  checkpoint: number | null;
}

/** Like useWeightsTick (`live` as there), but a view scrubbed back to a checkpoint asks once about it and stays. */
export function useShownWeights(ms: number, live = true): ShownWeights {
  const tick = useWeightsTick(ms, live);
  const id = useAppStore(shownCheckpoint);
  const trainedKey = useAppStore((s) => s.trainedKey);
  return useMemo(
    () => (id === null ? { key: tick, ref: LIVE, checkpoint: null } : { key: trainedKey ? `checkpoint ${id}:${trainedKey}` : null, ref: weightsRef(id), checkpoint: id }),
    [tick, id, trainedKey],
  );
}
