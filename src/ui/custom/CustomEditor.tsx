// The editor of the learner's own classes: on the page while the network is for them, kept in the browser, exported and imported as one file.
import { useState } from 'react';
import { MAX_FILE_BYTES } from '../../data/customDataset';
import { AUGMENT_BELOW, MIN_PER_CLASS, TEST_EVERY, readinessProblems, recommendAugmentation } from '../../model/customSplit';
import { MAX_CLASSES } from '../../model/datasets';
import { addCustomClass, clearCustom, dismissCustomMessage, exportCustom, importCustom, renameCustomDataset, undoCustom } from '../../state/customActions';
import { countsOf, namesOf, selectDatasetId } from '../../state/datasetSelectors';
import { useAppStore } from '../../state/store';
import { updateSettings } from '../../state/trainingActions';
import { downloadBlob } from '../download';
import { ClassCard } from './ClassCard';
import './custom.css';

function Messages() {
  const error = useAppStore((s) => s.customError);
  const info = useAppStore((s) => s.customInfo);
  if (!error && !info) return null;
  return (
    <div className={error ? 'notice' : 'custom-info small'} role={error ? 'alert' : 'status'} data-testid={error ? 'custom-error' : 'custom-info'}>
      {error ?? info}{' '}
      <button type="button" className="quiet" onClick={dismissCustomMessage}>
        Dismiss
      </button>
    </div>
  );
}

function Toolbar() {
  const dataset = useAppStore((s) => s.customDataset);
  const canUndo = useAppStore((s) => s.customPast.length > 0);
  const [confirmClear, setConfirmClear] = useState(false);
  return (
    <div className="row-buttons custom-toolbar">
      <button type="button" data-testid="custom-class-add" disabled={dataset.classes.length >= MAX_CLASSES} onClick={addCustomClass}>
        Add a class
      </button>
      <button type="button" data-testid="custom-undo" disabled={!canUndo} onClick={undoCustom}>
        Undo
      </button>
      <button
        type="button"
        data-testid="custom-export"
        disabled={dataset.classes.length === 0}
        onClick={() => {
          const file = exportCustom('custom');
          downloadBlob(new Blob([file.text], { type: 'application/json' }), file.fileName);
        }}
      >
        Export dataset
      </button>
      <label className="pick-button">
        <span>Import dataset…</span>
        <input
          className="visually-hidden"
          type="file"
          accept=".json,application/json"
          data-testid="custom-import"
          onChange={(e) => {
            const [file] = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
            if (!file) return;
            // Checked before a byte is read: a file this large is not one the app wrote.
            if (file.size > MAX_FILE_BYTES) {
              useAppStore.setState({ customError: `"${file.name.slice(0, 60)}" is ${(file.size / 1e6).toFixed(1)} MB; a dataset file is at most ${(MAX_FILE_BYTES / 1e6).toFixed(1)} MB.` });
              return;
            }
            void file.text().then((text) => importCustom(text, file.name));
          }}
        />
      </label>
      {confirmClear ? (
        <>
          <button type="button" data-testid="custom-clear-confirm" onClick={() => (clearCustom('custom'), setConfirmClear(false))}>
            Yes, clear all
          </button>
          <button type="button" onClick={() => setConfirmClear(false)}>
            Keep
          </button>
        </>
      ) : (
        <button type="button" className="quiet" data-testid="custom-clear" disabled={dataset.classes.length === 0} onClick={() => setConfirmClear(true)}>
          Clear all
        </button>
      )}
    </div>
  );
}

function Readiness() {
  const dataset = useAppStore((s) => s.customDataset);
  const augment = useAppStore((s) => s.settings.augment);
  const counts = countsOf(dataset);
  const problems = readinessProblems(namesOf(dataset), counts.perClass);
  return (
    <div className="custom-readiness small" data-testid="custom-readiness" data-ready={problems.length === 0}>
      <p className="hint">
        Training needs at least {MIN_PER_CLASS} examples in every class, and 2 to {MAX_CLASSES} classes. Every {TEST_EVERY}th example of a class (marked) is held
        out as the test set, so the test error is measured on drawings the network never trained on.
      </p>
      {problems.length > 0 ? (
        <p className="muted">{problems.join(' ')}</p>
      ) : (
        <p>
          Ready: {counts.train} examples to train on, {counts.test} to test.
        </p>
      )}
      {recommendAugmentation(counts.perClass) && counts.train > 0 && (
        <p className="custom-augment">
          Under {AUGMENT_BELOW} training examples a class, the network learns your exact drawings by heart; augmentation (small shifts, turns and zooms, new
          every epoch) helps it recognise new ones.{' '}
          {augment ? (
            <span className="muted">Augmentation is on.</span>
          ) : (
            <button type="button" data-testid="custom-augment-on" onClick={() => updateSettings({ augment: true })}>
              Turn augmentation on
            </button>
          )}
        </p>
      )}
    </div>
  );
}

function DatasetName() {
  const name = useAppStore((s) => s.customDataset.name);
  const [error, setError] = useState<string | null>(null);
  return (
    <label className="field inline">
      <span>name</span>
      <input defaultValue={name} key={name} maxLength={60} data-testid="custom-dataset-name" onBlur={(e) => setError(renameCustomDataset(e.target.value))} />
      {error && <span className="error-text small">{error}</span>}
    </label>
  );
}

export function CustomEditor() {
  const shown = useAppStore((s) => selectDatasetId(s) === 'custom');
  const loaded = useAppStore((s) => s.customLoaded);
  const classes = useAppStore((s) => s.customDataset.classes);
  if (!shown) return null;
  return (
    <section className="panel custom-editor" id="classes" aria-labelledby="custom-title" data-testid="custom-editor">
      <h2 id="custom-title">Your own classes</h2>
      <p className="hint">
        Draw an example on the pad above and press <strong>Add drawing</strong> under its class, or add pictures (any size or colour: they become 28×28, light
        ink on dark, cropped and centred as the digits are). Everything is kept in this browser.
      </p>
      <DatasetName />
      <Toolbar />
      <Messages />
      {!loaded ? (
        <p className="muted">Loading your classes…</p>
      ) : classes.length === 0 ? (
        <p className="muted">No classes yet. Add a class, name it, then draw its examples.</p>
      ) : (
        <ol className="custom-classes">
          {classes.map((cls, i) => (
            <ClassCard key={i} index={i} cls={cls} />
          ))}
        </ol>
      )}
      <Readiness />
    </section>
  );
}
