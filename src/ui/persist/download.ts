// Save files to the user's downloads folder through a temporary object URL.
import type { DownloadFile } from '../../state/transfer';

const pause = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/** One download per file; a short pause between them, as browsers drop clicks that come too fast. */
export async function download(files: DownloadFile[]): Promise<void> {
  for (const [i, file] of files.entries()) {
    if (i > 0) await pause(150);
    const url = URL.createObjectURL(new Blob([file.data], { type: file.type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    a.rel = 'noopener';
    a.click();
    // The browser has the bytes once the download starts; free the URL a little later.
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
