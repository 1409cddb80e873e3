// Text packed for links: raw DEFLATE in base64url, unpacked with a cap so a short link cannot inflate into megabytes.

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    // A few hundred bytes must not inflate into megabytes (a "zip bomb" in a link).
    if (total > limit) {
      await reader.cancel();
      throw new RangeError('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** `text` deflated and written in base64url (the alphabet of URLs). */
export async function deflateToBase64Url(text: string): Promise<string> {
  return toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'), Infinity));
}

export type Inflated = { ok: true; text: string } | { ok: false; why: 'too large' | 'garbled' };

/** The text back, or why not: it unpacks to more than `limit` bytes, or it is not valid (truncated, not UTF-8). */
export async function inflateFromBase64Url(payload: string, limit: number): Promise<Inflated> {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(await pipe(fromBase64Url(payload), new DecompressionStream('deflate-raw'), limit)) };
  } catch (e) {
    return { ok: false, why: e instanceof RangeError ? 'too large' : 'garbled' };
  }
}
