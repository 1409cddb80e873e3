// Keeping a run's checkpoints with it in the history (IndexedDB) where their size allows, and replaying a stored run later.
//
// When a run ends, its checkpoints are written beside its history record if they take at most
// HISTORY_CHECKPOINTS_MB; otherwise the replay says so, and how much they would take. A small
// index (in the state store) says which runs have them, so the table can offer Replay without
// reading any weights; entries whose run was deleted are dropped when the page next loads.

import type { Architecture } from '../model/architecture';
import type { CheckpointWeights, LivePoint, ReplayTimeline } from '../model/checkpoints';
import { HISTORY_CHECKPOINTS_MB, MB } from '../model/checkpoints';
import { formatBytes } from '../model/format';
import type { GradientSample } from '../train/protocol';
import { guardedEdit, commitArchitecture } from './builderActions';
import { dbDelete, dbGet, dbPut, STORES } from './db';
import { initialReplayView } from './replaySlice';
import { emitRunEvent, onRunEvent } from './runEvents';
import { adoptWeights } from './savedWeights';
import { isRunning, keyOf } from './selectors';
import { useAppStore } from './store';
import { askWorker } from './worker';

export const REPLAY_FORMAT = 'cnn-playground/replay';
const INDEX_KEY = 'replay-index';
const bundleKey = (recordId: string) => `replay:${recordId}`;

/** Which runs have their checkpoints kept, and how large they are. */
export type ReplayIndex = Record<string, { count: number; bytes: number; savedAt: number }>;

interface Bundle {
  format: typeof REPLAY_FORMAT;
  version: 1;
  architecture: Architecture;
  checkpoints: CheckpointWeights[];
  live: LivePoint;
  gradients: GradientSample[];
}

/** What became of the checkpoints of the run that ended last, in words for the replay. */
function said(text: string): void {
  useAppStore.setState((s) => ({ replay: { ...s.replay, kept: text } }));
}

async function writeIndex(index: ReplayIndex): Promise<void> {
  useAppStore.setState((s) => ({ replay: { ...s.replay, index } }));
  await dbPut(STORES.state, INDEX_KEY, index);
}

/** The history record the run that just ended writes to: the one updated last. */
function latestRecord(): { id: string; number: number } | null {
  const runs = useAppStore.getState().history.runs;
  return runs.reduce<{ id: string; number: number; updatedAt: number } | null>((a, r) => (!a || r.updatedAt > a.updatedAt ? r : a), null);
}

/** Keep the ended run's checkpoints beside its history record when they fit, and say what happened. */
export async function keepCheckpoints(timeline: ReplayTimeline): Promise<void> {
  const record = latestRecord();
  if (!record) return;
  const limit = HISTORY_CHECKPOINTS_MB * MB;
  const count = timeline.checkpoints.length;
  if (timeline.bytes > limit) {
    said(`Not kept with run #${record.number} in the history: its ${count} checkpoints take ${formatBytes(timeline.bytes)}, more than the ${formatBytes(limit)} kept per run. They stay here until the next run.`);
    return;
  }
  const weights = await askWorker('checkpointWeights', {});
  const s = useAppStore.getState();
  if (!weights.ok || !s.trainedKey) return;
  const bundle: Bundle = { format: REPLAY_FORMAT, version: 1, architecture: JSON.parse(s.trainedKey) as Architecture, checkpoints: weights.value, live: timeline.live, gradients: s.replay.gradients };
  try {
    await dbPut(STORES.weights, bundleKey(record.id), bundle);
    await writeIndex({ ...useAppStore.getState().replay.index, [record.id]: { count, bytes: timeline.bytes, savedAt: Date.now() } });
    said(`Kept with run #${record.number} in the history (${formatBytes(timeline.bytes)}): Replay there brings them back after a reload.`);
  } catch (e) {
    said(`Not kept with run #${record.number} in the history: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Drop kept checkpoints whose run is no longer in the history. */
async function prune(index: ReplayIndex): Promise<void> {
  const ids = new Set(useAppStore.getState().history.runs.map((r) => r.id));
  const gone = Object.keys(index).filter((id) => !ids.has(id));
  if (gone.length === 0) return;
  await Promise.all(gone.map((id) => dbDelete(STORES.weights, bundleKey(id)).catch(() => undefined)));
  const rest = Object.fromEntries(Object.entries(index).filter(([id]) => ids.has(id)));
  await writeIndex(rest);
}

/** Keep checkpoints with runs as they end; returns the function that stops. */
export function startReplayHistory(): () => void {
  void dbGet<ReplayIndex>(STORES.state, INDEX_KEY)
    .then((index) => {
      useAppStore.setState((s) => ({ replay: { ...s.replay, index: index ?? {} } }));
      // Prune once the history has loaded, so runs recorded before this page count.
      const stop = useAppStore.subscribe((s) => {
        if (s.history.status === 'loading') return;
        stop();
        if (s.history.status === 'ready') void prune(index ?? {});
      });
    })
    .catch(() => undefined);
  return onRunEvent((e) => {
    if (e.type !== 'ended' || e.how === 'discarded') return;
    // The worker's last word on this run's checkpoints comes with (or just before) its end.
    const timeline = useAppStore.getState().replay.timeline;
    if (timeline && timeline.checkpoints.length > 0) void keepCheckpoints(timeline);
  });
}

/** Open a stored run to replay: its network and last weights, then its checkpoints (asks first if that discards weights). */
export async function replayRun(recordId: string): Promise<void> {
  const s = useAppStore.getState();
  const fail = (why: string) => useAppStore.setState((st) => ({ replay: { ...st.replay, error: why } }));
  if (isRunning(s)) return fail('Stop the run before replaying another.');
  const record = s.history.runs.find((r) => r.id === recordId);
  const bundle = await dbGet<Bundle>(STORES.weights, bundleKey(recordId)).catch(() => undefined);
  if (!record || !bundle || bundle.format !== REPLAY_FORMAT || bundle.checkpoints.length === 0) return fail('This run’s checkpoints are no longer stored.');
  const last = bundle.checkpoints.at(-1)!;
  guardedEdit(() => {
    if (keyOf(useAppStore.getState().architecture) !== keyOf(bundle.architecture)) commitArchitecture(bundle.architecture);
    void (async () => {
      const error = await adoptWeights(bundle.architecture, { values: last.values, shapes: last.shapes }, Math.floor(last.epoch));
      if (error) return fail(`Run #${record.number} could not be replayed: ${error}`);
      const timeline = await askWorker('loadCheckpoints', { checkpoints: bundle.checkpoints, live: bundle.live });
      if (!timeline.ok) return fail(`Run #${record.number} could not be replayed: ${timeline.error}`);
      const now = useAppStore.getState();
      useAppStore.setState({
        replay: { ...initialReplayView(), index: now.replay.index, timeline: timeline.value, gradients: bundle.gradients, kept: `Replaying run #${record.number} from the history.` },
      });
      // Autosave keeps these weights, as it keeps a run's.
      const trained = { key: keyOf(bundle.architecture), architecture: bundle.architecture, epochsDone: Math.floor(last.epoch), weights: { values: last.values, shapes: last.shapes } };
      emitRunEvent({ type: 'weights', runId: now.run?.id ?? 0, trained });
      document.getElementById('replay')?.scrollIntoView({ block: 'start' });
    })();
  });
}
