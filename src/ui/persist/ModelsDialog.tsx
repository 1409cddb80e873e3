// The Models dialog: save and open named models, export and import files.
import { refreshModels } from '../../state/models';
import { useAppStore } from '../../state/store';
import { ExportImport } from './ExportImport';
import { SavedModels } from './SavedModels';
import { useModal } from '../useModal';
import './persist.css';

const close = () => useAppStore.setState({ modelsOpen: false });

export function ModelsDialog() {
  const open = useAppStore((s) => s.modelsOpen);
  const error = useAppStore((s) => s.persistError);
  const busy = useAppStore((s) => s.persistBusy);
  const dialog = useModal(open, () => void refreshModels());
  return (
    <dialog ref={dialog} className="models-dialog" data-testid="models-dialog" onClose={close} aria-labelledby="models-title">
      <header className="models-head">
        <h2 id="models-title">Models</h2>
        <button type="button" data-testid="models-close" onClick={close} aria-label="Close">
          ✕
        </button>
      </header>
      {open && error && (
        <p className="notice" role="alert" data-testid="persist-error">
          {error}
        </p>
      )}
      {busy && (
        <p className="persist-busy" aria-live="polite" data-testid="persist-busy">
          {busy}
        </p>
      )}
      {open && <SavedModels />}
      {open && <ExportImport />}
    </dialog>
  );
}
