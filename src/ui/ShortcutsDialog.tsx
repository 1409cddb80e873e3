// The list of keyboard shortcuts, opened with "?" or the Keys button.
import { useEffect, useRef } from 'react';
import { useAppStore } from '../state/store';
import { SHORTCUTS } from './shortcuts';

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
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (open && d && !d.open) d.showModal();
    if (!open && d?.open) d.close();
  }, [open]);
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
