// A badge on every view of the weights while the replay shows a checkpoint: which moment, and a way back to now.
import { describeCheckpoint, formatEpoch } from '../../model/checkpoints';
import { showMoment } from '../../state/replayActions';
import { useAppStore } from '../../state/store';

/** `checkpoint`: the one shown (useShownWeights), or null, when nothing is drawn. */
export function ShownMoment({ checkpoint }: { checkpoint: number | null }) {
  const info = useAppStore((s) => (checkpoint === null ? undefined : s.replay.timeline?.checkpoints.find((c) => c.id === checkpoint)));
  if (!info) return null;
  return (
    <p className="shown-moment" data-testid="shown-moment" data-checkpoint={info.id} data-epoch={info.epoch}>
      <strong>Replay</strong>: epoch {formatEpoch(info.epoch)}, {describeCheckpoint(info)}.{' '}
      <button type="button" className="link-button" onClick={() => showMoment({ id: null, live: true, step: 0, epoch: 0, label: '' })}>
        Back to now
      </button>
    </p>
  );
}
