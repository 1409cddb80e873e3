// QR codes of links, as an SVG path of dark modules (drawn by React, no HTML injected).
import { encode } from 'uqr';

export interface QrImage {
  /** Modules per side, including the quiet zone. */
  size: number;
  /** One "M x y h1 v1 h-1 z" square per dark module. */
  path: string;
  /** Row-major dark modules, for tests and other renderers. */
  modules: boolean[][];
}

/** Low error correction keeps the code small: it is shown on a screen, not printed on a crate. */
export function qrImage(text: string): QrImage {
  const qr = encode(text, { ecc: 'L', border: 4 });
  let path = '';
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return { size: qr.size, path, modules: qr.data };
}
