// Which Chromium the tests drive: $CHROMIUM_PATH, else Debian's, else Playwright's own download.
import { existsSync } from 'node:fs';

const DEBIAN_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumExecutable(): string | undefined {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`CHROMIUM_PATH is set to ${explicit}, which does not exist.`);
    return explicit;
  }
  // undefined lets Playwright use the browser `npx playwright install chromium` put in its cache.
  return DEBIAN_PATHS.find((p) => existsSync(p));
}

/** Flags for a sandbox-less container with no network beyond localhost. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
];
