// The header's Models button, and the dialog it opens.
import { useAppStore } from '../../state/store';
import { ModelsDialog } from './ModelsDialog';

export function ModelsButton() {
  return (
    <>
      <button type="button" className="advanced" data-testid="models-open" onClick={() => useAppStore.setState({ modelsOpen: true, persistError: null })} title="Save, open, export and import networks">
        Models…
      </button>
      <ModelsDialog />
    </>
  );
}
