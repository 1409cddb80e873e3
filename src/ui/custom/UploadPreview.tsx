// Pictures picked for a class, shown as the network will see them before they are added.
import { DigitImage } from '../data/DigitImage';
import type { PreparedFile } from './readImages';

export function UploadPreview({ files, className, onAdd, onCancel }: { files: PreparedFile[]; className: string; onAdd: () => void; onCancel: () => void }) {
  const usable = files.filter((f) => f.pixels !== null);
  const refused = files.filter((f) => f.pixels === null);
  const inverted = usable.filter((f) => f.inverted).length;
  return (
    <div className="upload-preview" data-testid="upload-preview" data-count={usable.length}>
      <p className="small">
        {usable.length} picture{usable.length === 1 ? '' : 's'} as the network will see {usable.length === 1 ? 'it' : 'them'}: 28×28, light on dark
        {inverted > 0 && ` (${inverted} on light paper, so inverted)`}, cropped and centred.
      </p>
      {usable.length > 0 && (
        <ol className="example-grid">
          {usable.map((f, i) => (
            <li key={i}>
              <DigitImage pixels={f.pixels!} size={36} label={`${f.name} as prepared`} />
            </li>
          ))}
        </ol>
      )}
      {refused.length > 0 && (
        <ul className="error-text small">
          {refused.map((f, i) => (
            <li key={i}>
              “{f.name}” was left out: {f.problem}.
            </li>
          ))}
        </ul>
      )}
      <div className="row-buttons">
        <button type="button" data-testid="upload-add" disabled={usable.length === 0} onClick={onAdd}>
          Add {usable.length} to “{className}”
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
