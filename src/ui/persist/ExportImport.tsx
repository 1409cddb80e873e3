// Export the network (JSON, TF.js model, Keras and PyTorch code, share link) and import files back.
import type { ChangeEvent } from 'react';
import { useAppStore } from '../../state/store';
import { isRunning, weightsFit } from '../../state/selectors';
import type { DownloadFile } from '../../state/transfer';
import { architectureFile, baseName, importArchitectureFile, importModelFiles, kerasFile, pytorchFile, tfjsFiles } from '../../state/transfer';
import { currentShareUrl } from '../../state/url';
import { download } from './download';

function save(file: DownloadFile | string): void {
  if (typeof file === 'string') useAppStore.setState({ persistError: file });
  else void download([file]);
}

/** The files picked, with the input emptied so picking the same file again fires again. */
function picked(e: ChangeEvent<HTMLInputElement>): File[] {
  const files = Array.from(e.currentTarget.files ?? []);
  e.currentTarget.value = '';
  return files;
}

export function ExportImport() {
  const trained = useAppStore(weightsFit);
  const running = useAppStore(isRunning);
  const busy = useAppStore((s) => s.persistBusy !== null);
  // A string selector: re-read on every change, re-rendered only when the link changes.
  const link = useAppStore(() => currentShareUrl());
  const base = useAppStore(() => baseName());
  return (
    <>
      <section className="models-section" aria-labelledby="export-title">
        <h3 id="export-title">Export</h3>
        <div className="export-buttons">
          <button type="button" data-testid="export-architecture" onClick={() => save(architectureFile())}>
            Architecture (JSON)
          </button>
          <button
            type="button"
            data-testid="export-tfjs"
            disabled={!trained || running || busy}
            title={running ? 'Stop training first' : trained ? 'model.json and its weights file, for tf.loadLayersModel' : 'Train the network first'}
            onClick={() => void tfjsFiles().then((files) => files && download(files))}
          >
            Trained model (TF.js: model.json + weights)
          </button>
          <button type="button" data-testid="export-keras" onClick={() => save(kerasFile())}>
            Keras code (.py)
          </button>
          <button type="button" data-testid="export-pytorch" title="One script: the network, its recipe, MNIST from files, your TF.js weights, torchrun" onClick={() => void pytorchFile().then(save)}>
            PyTorch script (.py)
          </button>
        </div>
        <p className="muted small">
          The TF.js model downloads as two files; keep them together. Load them elsewhere with <code>tf.loadLayersModel</code>, or score them
          in PyTorch: <code>python3 {base}-pytorch.py --data DIR --weights {base}-model.json --evaluate</code> (see “Take it further” in the README).
        </p>
        <label className="field share-field">
          <span>Share link (the network only, no weights)</span>
          <input data-testid="share-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </label>
      </section>
      <section className="models-section" aria-labelledby="import-title">
        <h3 id="import-title">Import</h3>
        <label className="file-pick">
          <span>Architecture file (.json)</span>
          <input
            type="file"
            accept=".json,application/json"
            data-testid="import-architecture"
            onChange={(e) => {
              const [file] = picked(e);
              if (!file) return;
              // The outcome shows in the builder: the new network, or why the file was refused.
              useAppStore.setState({ modelsOpen: false });
              void importArchitectureFile(file);
            }}
          />
        </label>
        <label className="file-pick">
          <span>TF.js model: pick the .json and its .bin together</span>
          <input
            type="file"
            multiple
            accept=".json,.bin,application/json,application/octet-stream"
            data-testid="import-tfjs"
            disabled={running || busy}
            title={running ? 'Stop training first' : undefined}
            onChange={(e) => {
              const files = picked(e);
              if (files.length > 0) void importModelFiles(files);
            }}
          />
        </label>
      </section>
    </>
  );
}
