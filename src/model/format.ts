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

/** Seconds -> "45 s", "3 min 05 s", "1 h 02 min"; "—" when not known yet. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '—';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
