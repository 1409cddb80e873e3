// Saving a generated file (a chart's PNG, the history's CSV) through the browser's download.

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference by now; free ours after the click has been handled.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
