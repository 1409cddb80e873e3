// Pointers from the training panel to the network view and the full learning curves, once a run has begun.
import { useAppStore } from '../../state/store';
import { scrollToElement } from '../scroll';

export function CurvesLink() {
  const hasRun = useAppStore((s) => s.run !== null);
  if (!hasRun) return null;
  // Buttons, not anchors: the address bar's hash holds the share link.
  return (
    <p className="curves-link">
      <button type="button" className="link-button" data-testid="show-network" onClick={() => scrollToElement(document.getElementById('network'))}>
        Watch the network ↓
      </button>
      {' · '}
      <button type="button" className="link-button" data-testid="show-curves" onClick={() => scrollToElement(document.getElementById('learning-curves'))}>
        See the learning curves ↓
      </button>
    </p>
  );
}
