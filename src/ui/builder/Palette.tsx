// The palette: one button per layer type, appending that layer to the stack.
import { LAYER_LABELS, LAYER_TYPES } from '../../model/architecture';
import { addLayer } from '../../state/builderActions';
import { useAppStore } from '../../state/store';
import { LAYER_HINTS } from './layerHints';

export function Palette() {
  const locked = useAppStore((s) => s.locked);
  return (
    <nav className="palette" aria-label="Add a layer">
      <h3>Add a layer</h3>
      <fieldset className="plain" disabled={locked}>
      {LAYER_TYPES.map((type) => (
        <button
          key={type}
          type="button"
          className={`palette-item layer-${type}`}
          data-testid={`add-${type}`}
          title={LAYER_HINTS[type]}
          onClick={() => addLayer(type)}
        >
          + {LAYER_LABELS[type]}
        </button>
      ))}
      </fieldset>
      <p className="hint">New layers go to the end. Drag ⠿ to reorder, or focus it and use ↑ ↓.</p>
    </nav>
  );
}
