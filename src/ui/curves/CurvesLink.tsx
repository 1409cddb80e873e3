// A pointer from the training panel to the learning curves below the builder, once a run has begun.
import { useAppStore } from '../../state/store';

export function CurvesLink() {
  const hasRun = useAppStore((s) => s.run !== null);
  if (!hasRun) return null;
  // A button, not an anchor: the address bar's hash holds the share link.
  return (
    <p className="curves-link">
      <button type="button" className="link-button" data-testid="show-curves" onClick={() => document.getElementById('learning-curves')?.scrollIntoView({ behavior: 'smooth', block: 'start' })}>
        See the learning curves ↓
      </button>
    </p>
  );
}
