// The selected unit's detail: what it is, what it sees of the input, and its arithmetic, by layer type.
import { useMemo } from 'react';
import { LAYER_LABELS } from '../../model/architecture';
import type { Explanation } from '../../model/explanation';
import { receptiveField, rectKey } from '../../model/receptiveField';
import type { UnitRef } from '../../model/units';
import { isMapUnit, sameUnit, unitLabel } from '../../model/units';
import { selectUnit } from '../../state/explainActions';
import { ConvDetail } from './ConvDetail';
import { DenseDetail } from './DenseDetail';
import { detailOf } from './detailMath';
import { BatchNormDetail, PassDetail, PoolDetail } from './OtherDetails';

function attributes(unit: UnitRef, value: number, preactivation: number | null, field: string | null): Record<string, string> {
  const a: Record<string, string> = { 'data-layer': String(unit.layer), 'data-value': String(value) };
  if (isMapUnit(unit)) Object.assign(a, { 'data-channel': String(unit.channel), 'data-row': String(unit.row), 'data-col': String(unit.col) });
  else a['data-unit'] = String(unit.unit);
  if (preactivation !== null) a['data-preactivation'] = String(preactivation);
  if (field) a['data-receptive-field'] = field;
  return a;
}

export function UnitDetail({ explanation, selected, classNames }: { explanation: Explanation; selected: UnitRef | null; classNames: readonly string[] }) {
  const shown = useMemo(() => detailOf(explanation), [explanation]);
  const field = useMemo(() => (shown ? receptiveField(explanation.architecture, shown.unit) : null), [explanation.architecture, shown]);
  if (!selected) {
    return (
      <section className="unit-detail empty" data-testid="neuron-detail" aria-label="Unit detail">
        <p className="muted">
          Click any unit above (a cell of a map, a unit of a dense layer, a class), or Tab to a layer, move with the arrow keys and press Enter, to see how its number came to be.
        </p>
      </section>
    );
  }
  if (!shown) {
    return (
      <section className="unit-detail empty" data-testid="neuron-detail" aria-busy="true" aria-label="Unit detail">
        <p className="muted">Working out {unitLabel(selected)} of layer {selected.layer + 1}…</p>
      </section>
    );
  }
  const { unit, value, preactivation, detail } = shown;
  const layer = explanation.architecture.layers[unit.layer]!;
  const f = field?.rect;
  const fieldSize = f ? `${f.bottom - f.top + 1}×${f.right - f.left + 1}` : '';
  return (
    <section
      className="unit-detail"
      data-testid="neuron-detail"
      {...attributes(unit, value, preactivation, f ? rectKey(f) : null)}
      aria-busy={!sameUnit(unit, selected)}
      aria-labelledby="unit-title"
    >
      <header className="unit-head">
        <h3 id="unit-title">
          <span className={`layer-${layer.type} unit-layer`}>
            Layer {unit.layer + 1} · {LAYER_LABELS[layer.type]}
          </span>{' '}
          · {unitLabel(unit)}
          {unit.layer === explanation.layers.length - 1 && !isMapUnit(unit) && classNames[unit.unit] !== undefined ? ` (class ${classNames[unit.unit]})` : ''}
        </h3>
        <button type="button" onClick={() => selectUnit(null)} aria-label="Close the unit detail">
          ✕
        </button>
      </header>
      {field && f && (
        <p className="small" data-testid="unit-field">
          {field.whole
            ? `It sees the whole ${explanation.side}×${explanation.side} input.`
            : `It sees rows ${f.top + 1}–${f.bottom + 1} and columns ${f.left + 1}–${f.right + 1} of the input: ${fieldSize} pixels (outlined on the input above)${field.height !== f.bottom - f.top + 1 || field.width !== f.right - f.left + 1 ? `; its ${field.height}×${field.width} field runs into the padding` : ''}.`}
        </p>
      )}
      {detail.kind === 'conv' && layer.type === 'conv2d' && <ConvDetail detail={detail} value={value} layer={layer} />}
      {detail.kind === 'pool' && isMapUnit(unit) && <PoolDetail detail={detail} value={value} channel={unit.channel} />}
      {detail.kind === 'batchNorm' && <BatchNormDetail detail={detail} value={value} />}
      {detail.kind === 'dense' && <DenseDetail detail={detail} value={value} explanation={explanation} classNames={classNames} />}
      {detail.kind === 'pass' && <PassDetail detail={detail} value={value} />}
    </section>
  );
}
