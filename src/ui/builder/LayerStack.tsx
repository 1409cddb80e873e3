// The stack of layers, input first, as an ordered list people and screen readers can follow.
import type { Analysis } from '../../model/analyze';
import type { InputSize } from '../../model/architecture';
import { INPUT_SIZES } from '../../model/architecture';
import { shapeKey, shapeLabel } from '../../model/shape';
import { moveLayer, setInputSize } from '../../state/builderActions';
import { useAppStore } from '../../state/store';
import { LayerBlock } from './LayerBlock';
import { useDragReorder } from './useDragReorder';

function InputRow({ analysis }: { analysis: Analysis }) {
  const size = analysis.input.kind === 'spatial' ? analysis.input.height : 28;
  const locked = useAppStore((s) => s.locked);
  return (
    <div className="input-row" data-testid="input-row" data-output-shape={shapeKey(analysis.input)}>
      <span className="layer-type">Input</span>
      <label className="field">
        <span>size</span>
        <select data-testid="input-size" disabled={locked} value={size} onChange={(e) => setInputSize(Number(e.target.value) as InputSize)}>
          {INPUT_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}×{s}×1{s === 32 ? ' (MNIST zero-padded)' : ' (MNIST)'}
            </option>
          ))}
        </select>
      </label>
      <span className="layer-shape">→ {shapeLabel(analysis.input)}</span>
    </div>
  );
}

export function LayerStack({ analysis }: { analysis: Analysis }) {
  const { drag, handleProps, rowRef } = useDragReorder(analysis.rows.length, moveLayer);
  return (
    <div className="stack">
      <InputRow analysis={analysis} />
      {analysis.rows.length === 0 ? (
        <p className="empty-stack">No layers yet. Add some from the palette.</p>
      ) : (
        <ol className="layers" aria-label="Layers">
          {analysis.rows.map((row) => (
            <LayerBlock
              key={row.index}
              row={row}
              count={analysis.rows.length}
              ref={rowRef(row.index)}
              handleProps={handleProps(row.index)}
              dragOffset={drag?.from === row.index ? drag.offset : null}
              dropMark={drag && drag.from !== row.index && drag.to === row.index ? (drag.to > drag.from ? 'after' : 'before') : null}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
