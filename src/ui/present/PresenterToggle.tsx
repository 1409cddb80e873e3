// Presenter mode: large type, high contrast and the advanced controls out of the way, for a projector.
import { setPrefs } from '../../state/prefs';
import { useAppStore } from '../../state/store';

export function PresenterToggle() {
  const on = useAppStore((s) => s.prefs.presenter);
  return (
    <button
      type="button"
      data-testid="presenter-toggle"
      aria-pressed={on}
      className={on ? 'toggle on' : 'toggle'}
      title="Large type, high contrast, fewer controls: for showing on a projector"
      onClick={() => setPrefs({ presenter: !on })}
    >
      {on ? 'Presenting' : 'Present'}
    </button>
  );
}
