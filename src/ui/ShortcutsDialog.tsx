// The list of keyboard shortcuts, opened with "?" or the Keys button.
import { useAppStore } from '../state/store';
import { SHORTCUTS } from './shortcuts';
import { useModal } from './useModal';

const close = () => useAppStore.setState({ shortcutsOpen: false });

export function ShortcutsButton() {
  return (
    <button type="button" data-testid="shortcuts-open" onClick={() => useAppStore.setState({ shortcutsOpen: true })} title="Keyboard shortcuts (?)">
      Keys
    </button>
  );
}

export function ShortcutsDialog() {
  const open = useAppStore((s) => s.shortcutsOpen);
  const dialog = useModal(open);
  return (
    <dialog ref={dialog} className="models-dialog" data-testid="shortcuts-dialog" onClose={close} aria-labelledby="shortcuts-title">
      <header className="models-head">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" onClick={close} aria-label="Close">
          ✕
        </button>
      </header>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}
