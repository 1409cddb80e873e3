// Named models kept in this browser: save the current network, and open, rename or delete one.
import { useState } from 'react';
import { analyze } from '../../model/analyze';
import { formatBytes, groupDigits } from '../../model/format';
import { deleteModel, MAX_NAME_LENGTH, openModel, renameModel, saveCurrentAs } from '../../state/models';
import type { SavedModelMeta } from '../../state/persistSlice';
import { useAppStore } from '../../state/store';
import { isRunning, weightsFit } from '../../state/selectors';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function SaveForm() {
  const [name, setName] = useState('');
  const trained = useAppStore(weightsFit);
  const busy = useAppStore((s) => s.persistBusy !== null);
  const save = async () => {
    if (await saveCurrentAs(name)) setName('');
  };
  return (
    <form
      className="save-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field">
        <span>Save this network {trained ? 'and its trained weights' : '(not trained yet: architecture only)'} as</span>
        <input data-testid="model-name" value={name} maxLength={MAX_NAME_LENGTH} placeholder="e.g. My first CNN" onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit" className="primary" data-testid="model-save" disabled={busy || name.trim() === ''}>
        Save
      </button>
    </form>
  );
}

function ModelRow({ model, locked }: { model: SavedModelMeta; locked: string | null }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [name, setName] = useState(model.name);
  const params = analyze(model.architecture).totals.params;
  return (
    <li className="saved-model" data-testid="saved-model" data-name={model.name} data-bytes={model.bytes} data-epochs={model.epochsDone ?? ''}>
      {mode === 'rename' ? (
        <form
          className="rename-form"
          onSubmit={(e) => {
            e.preventDefault();
            void renameModel(model.id, name).then((ok) => ok && setMode('view'));
          }}
        >
          <input aria-label="New name" data-testid="model-rename-input" value={name} maxLength={MAX_NAME_LENGTH} onChange={(e) => setName(e.target.value)} autoFocus />
          <button type="submit" data-testid="model-rename-save">
            Rename
          </button>
          <button type="button" onClick={() => setMode('view')}>
            Cancel
          </button>
        </form>
      ) : (
        <span className="model-name">{model.name}</span>
      )}
      <span className="model-meta">
        {model.epochsDone === null ? 'not trained' : `trained ${model.epochsDone} epoch${model.epochsDone === 1 ? '' : 's'}`} · {groupDigits(params)} parameters ·{' '}
        <span data-testid="model-size">{formatBytes(model.bytes)}</span> · <time dateTime={new Date(model.savedAt).toISOString()}>{dateFormat.format(model.savedAt)}</time>
      </span>
      {mode === 'delete' ? (
        <span className="model-actions">
          Delete “{model.name}”?
          <button type="button" className="danger" data-testid="model-delete-confirm" onClick={() => void deleteModel(model.id)}>
            Delete
          </button>
          <button type="button" onClick={() => setMode('view')}>
            Keep
          </button>
        </span>
      ) : (
        mode === 'view' && (
          <span className="model-actions">
            <button type="button" data-testid="model-open" disabled={locked !== null} title={locked ?? 'Open this model in the builder'} onClick={() => void openModel(model.id)}>
              Open
            </button>
            <button type="button" data-testid="model-rename" onClick={() => setMode('rename')}>
              Rename
            </button>
            <button type="button" data-testid="model-delete" onClick={() => setMode('delete')}>
              Delete
            </button>
          </span>
        )
      )}
    </li>
  );
}

export function SavedModels() {
  const models = useAppStore((s) => s.models);
  const running = useAppStore(isRunning);
  const locked = running ? 'Stop training first' : null;
  return (
    <section className="models-section" aria-labelledby="saved-title">
      <h3 id="saved-title">Saved in this browser</h3>
      <SaveForm />
      {models.length === 0 ? (
        <p className="muted">No saved models yet. Your current network and its weights are autosaved anyway.</p>
      ) : (
        <ul className="saved-models">
          {models.map((m) => (
            <ModelRow key={m.id} model={m} locked={locked} />
          ))}
        </ul>
      )}
    </section>
  );
}
