// One of the learner's classes: its name, Add drawing, pictures to upload, and its examples as a grid.
import { useState } from 'react';
import type { CustomClass } from '../../data/customDataset';
import { MIN_PER_CLASS, testCountOf } from '../../model/customSplit';
import { addExample, addExamples, removeCustomClass, removeExample, renameCustomClass } from '../../state/customActions';
import { setDrawnDigit } from '../../state/inspectActions';
import { useAppStore } from '../../state/store';
import { ExampleGrid } from './ExampleGrid';
import type { PreparedFile } from './readImages';
import { prepareFiles } from './readImages';
import { UploadPreview } from './UploadPreview';

/** The class name as typed, committed when it is a valid, unused name (the error shows otherwise). */
function NameField({ index, name }: { index: number; name: string }) {
  const [draft, setDraft] = useState<{ base: string; text: string; error: string | null }>({ base: name, text: name, error: null });
  // Renamed elsewhere (undo, import): show the new name.
  const current = draft.base === name ? draft : { base: name, text: name, error: null };
  return (
    <label className="field class-name">
      <span className="visually-hidden">Name of class {index + 1}</span>
      <input
        data-testid="custom-class-name"
        value={current.text}
        maxLength={60}
        aria-invalid={current.error !== null}
        onChange={(e) => {
          const text = e.target.value;
          const error = renameCustomClass(index, text);
          // A successful rename changes `name`; the draft follows it so typing continues smoothly.
          setDraft({ base: error ? name : text.replace(/\s+/g, ' ').trim(), text, error });
        }}
      />
      {current.error && <span className="error-text small">{current.error}</span>}
    </label>
  );
}

export function ClassCard({ index, cls }: { index: number; cls: CustomClass }) {
  const drawn = useAppStore((s) => s.drawn);
  const [picked, setPicked] = useState<PreparedFile[] | null>(null);
  const [reading, setReading] = useState(false);
  const count = cls.examples.length;
  const short = count < MIN_PER_CLASS;
  const addDrawing = () => {
    if (!drawn) return;
    // The pad clears at once, ready for the next example.
    if (addExample('custom', index, drawn.pixels) === null) setDrawnDigit(null);
  };
  return (
    <li className={`custom-class${short ? ' short' : ''}`} data-testid="custom-class" data-class={index} data-count={count}>
      <div className="custom-class-head">
        <NameField index={index} name={cls.name} />
        <span className="small muted" data-testid="custom-class-count">
          {count} example{count === 1 ? '' : 's'}
          {short ? `, ${MIN_PER_CLASS - count} more needed` : `, ${testCountOf(count)} held out for the test`}
        </span>
      </div>
      <div className="row-buttons">
        <button
          type="button"
          data-testid="custom-add-example"
          disabled={!drawn}
          title={drawn ? `Add the drawing on the pad to “${cls.name}” and clear the pad` : 'Draw an example on the pad first'}
          onClick={addDrawing}
        >
          Add drawing
        </button>
        <label className="pick-button">
          <span>{reading ? 'Reading…' : 'Add pictures…'}</span>
          <input
            className="visually-hidden"
            type="file"
            accept="image/*"
            multiple
            data-testid="custom-upload"
            onChange={(e) => {
              const files = Array.from(e.currentTarget.files ?? []);
              e.currentTarget.value = '';
              if (files.length === 0) return;
              setReading(true);
              void prepareFiles(files, 'centred')
                .then(setPicked)
                .finally(() => setReading(false));
            }}
          />
        </label>
        <button type="button" className="quiet" aria-label={`Delete class ${cls.name}`} onClick={() => removeCustomClass(index)}>
          Delete class
        </button>
      </div>
      {picked && (
        <UploadPreview
          files={picked}
          className={cls.name}
          onCancel={() => setPicked(null)}
          onAdd={() => {
            addExamples('custom', index, picked.flatMap((f) => (f.pixels ? [f.pixels] : [])));
            setPicked(null);
          }}
        />
      )}
      <ExampleGrid examples={cls.examples} className={cls.name} onDelete={(i) => removeExample('custom', index, i)} />
    </li>
  );
}
