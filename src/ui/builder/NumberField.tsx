// A number input that lets people type freely (empty, "0.", "-") and reports NaN for no number.
import { useId, useState } from 'react';

interface Props {
  label: string;
  value: number;
  onChange: (value: number) => void;
  testId: string;
  step?: number;
  min?: number;
  max?: number;
  invalid?: boolean;
  /** Extra class for the field, e.g. `advanced` (hidden in presenter mode). */
  className?: string;
}

const show = (n: number) => (Number.isFinite(n) ? String(n) : '');

export function NumberField({ label, value, onChange, testId, step = 1, min, max, invalid, className }: Props) {
  const id = useId();
  const [text, setText] = useState(show(value));
  const [shown, setShown] = useState(value);
  // Follow outside changes (undo, presets) without clobbering what is being typed.
  if (!Object.is(value, shown)) {
    setShown(value);
    if (Number(text) !== value || text.trim() === '') setText(show(value));
  }
  return (
    <span className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        data-testid={testId}
        value={text}
        step={step}
        min={min}
        max={max}
        aria-invalid={invalid || undefined}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          const parsed = raw.trim() === '' ? NaN : Number(raw);
          setShown(parsed);
          onChange(parsed);
        }}
      />
    </span>
  );
}
