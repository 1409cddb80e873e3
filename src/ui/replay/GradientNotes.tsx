// What the gradients say, in plain words: a card per finding (exploding, vanishing, stalled) with what to try.
import type { GradientNote } from '../../model/gradients';

const ICONS: Record<GradientNote['kind'], string> = { exploding: '⚠', vanishing: '↘', stalled: '■' };

export function GradientNotes({ notes, sampled }: { notes: readonly GradientNote[]; sampled: boolean }) {
  if (!sampled) return null;
  if (notes.length === 0) {
    return (
      <p className="gradient-ok" data-testid="gradient-ok">
        ✓ The gradients look healthy: no layer’s are vanishing, and no step is out of proportion to the weights.
      </p>
    );
  }
  return (
    <ul className="gradient-notes" aria-label="What the gradients say">
      {notes.map((n) => (
        <li key={`${n.kind}-${n.step}`} className={`gradient-note note-${n.kind}`} data-testid="gradient-note" data-kind={n.kind} data-step={n.step} data-layers={n.layers.join(',')}>
          <p className="note-title">
            <span aria-hidden="true">{ICONS[n.kind]}</span> {n.title}
          </p>
          <p>{n.text}</p>
          <p className="note-try">What to try:</p>
          <ul>
            {n.tips.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
