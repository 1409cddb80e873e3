// Writing Python source from TypeScript values: numbers, strings and JSON-like literals.

/** JavaScript prints numbers as Python reads them (0.2, 1e-7); non-finite ones would not parse. */
export function py(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Cannot write ${n} as a Python number.`);
  return String(n);
}

/** A Python string literal (double quotes, as today's Keras docs write them). */
export function str(s: string): string {
  return JSON.stringify(s);
}

/** A Python literal for JSON data: None, True and False where JSON has null, true and false. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return py(value);
  if (typeof value === 'string') return str(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${str(k)}: ${literal(v)}`);
  return `{${entries.join(', ')}}`;
}
