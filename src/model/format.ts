// Number formatting shared by formulas and the UI (en-US grouping, as the crash course writes it).

const grouped = new Intl.NumberFormat('en-US');

/** 203840 -> "203,840". */
export function groupDigits(n: number): string {
  return grouped.format(n);
}

/** Bytes -> "2.26 MB" (decimal units, as browsers report downloads). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} KB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(2)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}
