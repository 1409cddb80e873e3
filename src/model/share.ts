// Share links: the architecture in the URL hash as #arch=<encodeURIComponent(JSON)>.

import type { Architecture } from './architecture';
import type { ParseResult } from './parse';
import { MAX_TEXT_LENGTH, parseArchitecture, serializeArchitecture } from './parse';

export const HASH_PREFIX = '#arch=';

export function shareHash(arch: Architecture): string {
  return HASH_PREFIX + encodeURIComponent(serializeArchitecture(arch));
}

/** null when the hash carries no architecture at all; otherwise the parse outcome. */
export function readShareHash(hash: string): ParseResult | null {
  if (!hash.startsWith(HASH_PREFIX)) return null;
  // Lesson links add &train=…&lock=1 after the network (src/model/lesson.ts); the network comes first.
  const encoded = hash.slice(HASH_PREFIX.length).split('&')[0]!;
  // Encoding at most triples the length; refuse before decoding megabytes.
  if (encoded.length > MAX_TEXT_LENGTH * 3) {
    return { ok: false, error: `The link is ${encoded.length.toLocaleString('en-US')} characters long; a real one is far shorter.` };
  }
  let text: string;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    return { ok: false, error: 'The link is garbled (bad %-encoding); it may have been cut short when copied.' };
  }
  const result = parseArchitecture(text);
  return result.ok ? result : { ok: false, error: `The link's network was not loaded. ${result.error}` };
}
