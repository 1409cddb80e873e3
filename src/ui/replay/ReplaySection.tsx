// "Watch it learn": the run replayed checkpoint by checkpoint; every view of the weights on the page follows the scrubber.
import { CHECKPOINT_BUDGET_MB, MB } from '../../model/checkpoints';
import { formatBytes, groupDigits } from '../../model/format';
import { showMoment } from '../../state/replayActions';
import { useAppStore } from '../../state/store';
import { ComparePanel } from './ComparePanel';
import { EpochScrubber } from './EpochScrubber';
import { GradientsPanel, HistogramsPanel } from './panels';
import './replay.css';
import { RestoreControls } from './RestoreControls';
import { useMoments, useShownIndex } from './useMoments';

function MemoryLine() {
  const t = useAppStore((s) => s.replay.timeline);
  const keptNote = useAppStore((s) => s.replay.kept);
  if (!t) return null;
  const kept = t.checkpoints.length;
  const dropped = t.taken - kept;
  const each = kept > 0 ? t.bytes / kept : 0;
  return (
    <p className="scrub-memory" data-testid="checkpoint-memory" data-kept={kept} data-taken={t.taken} data-bytes={t.bytes} data-budget={t.budgetBytes}>
      {groupDigits(kept)} checkpoint{kept === 1 ? '' : 's'} kept in the worker, {formatBytes(t.bytes)} of the {formatBytes(t.budgetBytes || CHECKPOINT_BUDGET_MB * MB)} limit
      {each > 0 && ` (${formatBytes(each)} each)`}.
      {dropped > 0
        ? ` The limit thinned out ${groupDigits(dropped)} of ${groupDigits(t.taken)}, evenly over the run; the first and the latest always stay.`
        : ' Taken before training, after 1, 10, 100 and 1,000 batches of the first epoch, and at the end of every epoch.'}
      {keptNote && <span data-testid="checkpoints-kept"> {keptNote}</span>}
    </p>
  );
}

export function ReplaySection() {
  const trained = useAppStore((s) => s.trainedKey !== null);
  const sampled = useAppStore((s) => s.replay.gradients.length > 0);
  const moments = useMoments();
  const shown = useShownIndex(moments);
  const kept = useAppStore((s) => (s.replay.timeline?.checkpoints.length ?? 0) > 0);
  const replayable = trained && kept && moments.length > 0;
  if (!replayable && !sampled) return null;
  if (!replayable) {
    // A run that left no weights (it diverged before its first epoch) still shows what its gradients did.
    return (
      <section className="panel replay" id="replay" aria-labelledby="replay-title" data-testid="replay-section">
        <h2 id="replay-title">Watch it learn</h2>
        <p className="hint replay-intro">The last run kept no weights, so there is nothing to replay; its gradients show what happened.</p>
        <GradientsPanel moments={moments} shown={shown} />
      </section>
    );
  }
  return (
    <section className="panel replay" id="replay" aria-labelledby="replay-title" data-testid="replay-section">
      <h2 id="replay-title">Watch it learn</h2>
      <p className="hint replay-intro">
        Slide back through the run: the filters, feature maps, guesses and confusion matrix further down show the weights of the moment you pick,
        and the histograms and gradients below show how each layer got there. Training, saving and export keep the weights of now.
      </p>
      <EpochScrubber moments={moments} value={shown} onChange={(i) => showMoment(moments[i])}>
        <MemoryLine />
        <RestoreControls />
      </EpochScrubber>
      <div className="replay-grid">
        <HistogramsPanel moments={moments} shown={shown} />
        <GradientsPanel moments={moments} shown={shown} />
      </div>
      <ComparePanel moments={moments} />
    </section>
  );
}
