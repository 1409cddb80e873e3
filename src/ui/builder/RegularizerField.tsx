// The kernel regulariser of a Conv2D or Dense block: none, L1, L2 or both, with their coefficients.
import { useState } from 'react';
import type { KernelRegularizer, RegularizableLayer } from '../../model/architecture';
import { updateLayer } from '../../state/builderActions';
import { NumberField } from './NumberField';

type Kind = 'none' | 'l1' | 'l2' | 'l1l2';

const KINDS: readonly { value: Kind; label: string }[] = [
  { value: 'none', label: 'none' },
  { value: 'l1', label: 'L1' },
  { value: 'l2', label: 'L2' },
  { value: 'l1l2', label: 'L1 + L2' },
];

/** A first coefficient when one is switched on: Keras's examples start around here. */
const START = { l1: 0.0001, l2: 0.0005 } as const;

function kindOf(reg: KernelRegularizer | undefined): Kind {
  if (!reg) return 'none';
  const a = reg.l1 !== 0;
  const b = reg.l2 !== 0;
  return a && b ? 'l1l2' : a ? 'l1' : 'l2';
}

/** Does the chosen kind still describe the layer (a coefficient typed down to 0 keeps its field)? */
function fits(kind: Kind, reg: KernelRegularizer | undefined): boolean {
  if (!reg) return kind === 'none';
  if (kind === 'none') return false;
  return (reg.l1 === 0 || kind !== 'l2') && (reg.l2 === 0 || kind !== 'l1');
}

export function RegularizerField({ layer, index }: { layer: RegularizableLayer; index: number }) {
  const reg = layer.kernelRegularizer;
  const [kind, setKind] = useState<Kind>(kindOf(reg));
  // Undo, redo and presets change the layer from outside: follow them when the kind no longer fits.
  if (!fits(kind, reg)) setKind(kindOf(reg));
  const set = (next: KernelRegularizer | undefined, field: string) => {
    const copy = { ...layer };
    if (next) copy.kernelRegularizer = next;
    else delete copy.kernelRegularizer;
    updateLayer(index, copy, field);
  };
  const choose = (k: Kind) => {
    setKind(k);
    const l1 = k === 'l1' || k === 'l1l2' ? reg?.l1 || START.l1 : 0;
    const l2 = k === 'l2' || k === 'l1l2' ? reg?.l2 || START.l2 : 0;
    set(k === 'none' ? undefined : { l1, l2 }, 'kernelRegularizer');
  };
  const coefficient = (key: 'l1' | 'l2') => (
    <NumberField
      label={key.toUpperCase()}
      value={reg?.[key] ?? 0}
      testId={`field-${key}`}
      step={0.0001}
      min={0}
      max={1}
      className="coefficient"
      onChange={(v) => set({ l1: reg?.l1 ?? 0, l2: reg?.l2 ?? 0, [key]: v }, key)}
    />
  );
  return (
    <>
      <label className="field">
        <span>regulariser</span>
        <select data-testid="field-regularizer" value={kind} onChange={(e) => choose(e.target.value as Kind)}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {(kind === 'l1' || kind === 'l1l2') && coefficient('l1')}
      {(kind === 'l2' || kind === 'l1l2') && coefficient('l2')}
    </>
  );
}
