// Inline editors for one layer's settings.
import type { Activation, Layer, Padding } from '../../model/architecture';
import { ACTIVATIONS, PADDINGS, assertNever } from '../../model/architecture';
import { updateLayer } from '../../state/builderActions';
import { NumberField } from './NumberField';
import { RegularizerField } from './RegularizerField';

function Choice<T extends string>({ label, value, options, onChange, testId }: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
  testId: string;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

export function LayerFields({ layer, index }: { layer: Layer; index: number }) {
  /** Edit one field as an undoable step; rapid edits of the same field merge. */
  const set = <K extends string, V>(field: K, value: V) => updateLayer(index, { ...layer, [field]: value } as Layer, field);
  const num = (label: string, field: string, value: number, extra: { step?: number; min?: number; max?: number } = {}) => (
    <NumberField label={label} value={value} testId={`field-${field}`} onChange={(v) => set(field, v)} min={1} {...extra} />
  );
  const padding = (value: Padding) => (
    <Choice label="padding" value={value} options={PADDINGS} testId="field-padding" onChange={(v) => set('padding', v)} />
  );
  const activation = (value: Activation) => (
    <Choice label="activation" value={value} options={ACTIVATIONS} testId="field-activation" onChange={(v) => set('activation', v)} />
  );
  switch (layer.type) {
    case 'conv2d':
      return (
        <div className="fields">
          {num('filters', 'filters', layer.filters)}
          {num('kernel', 'kernelSize', layer.kernelSize)}
          {num('stride', 'strides', layer.strides)}
          {padding(layer.padding)}
          {activation(layer.activation)}
          <RegularizerField layer={layer} index={index} />
        </div>
      );
    case 'maxPooling2d':
    case 'averagePooling2d':
      return (
        <div className="fields">
          {num('pool', 'poolSize', layer.poolSize)}
          {num('stride', 'strides', layer.strides)}
          {padding(layer.padding)}
        </div>
      );
    case 'dropout':
      return <div className="fields">{num('rate', 'rate', layer.rate, { step: 0.05, min: 0, max: 0.95 })}</div>;
    case 'dense':
      return (
        <div className="fields">
          {num('units', 'units', layer.units)}
          {activation(layer.activation)}
          <RegularizerField layer={layer} index={index} />
        </div>
      );
    case 'flatten':
    case 'batchNormalization':
      return <div className="fields" />;
    default:
      return assertNever(layer);
  }
}
