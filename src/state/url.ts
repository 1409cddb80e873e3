// URL adapter: the share link in location.hash follows the architecture, and links load into it.

import type { Architecture } from '../model/architecture';
import { parseArchitecture, serializeArchitecture } from '../model/parse';
import { readShareHash, shareHash } from '../model/share';
import { commitArchitecture, rejectInput } from './builderActions';
import { useAppStore } from './store';

/** Load the architecture in a hash, or record why not. Returns true when one was loaded. */
export function loadFromHash(hash: string): boolean {
  const result = readShareHash(hash);
  if (!result) return false;
  if (result.ok) {
    commitArchitecture(result.architecture);
    return true;
  }
  rejectInput(result.error);
  return false;
}

/** Only architectures that read back the same are written (an emptied field is NaN, not JSON). */
function linkable(arch: Architecture): boolean {
  return parseArchitecture(serializeArchitecture(arch)).ok;
}

export function currentShareUrl(): string {
  const { origin, pathname, search } = window.location;
  return origin + pathname + search + shareHash(useAppStore.getState().architecture);
}

/** Start syncing; returns the function that stops it. */
export function startUrlSync(): () => void {
  const written = { hash: '' };
  loadFromHash(window.location.hash);
  const write = (arch: Architecture) => {
    if (!linkable(arch)) return;
    const hash = shareHash(arch);
    if (hash === written.hash) return;
    written.hash = hash;
    window.history.replaceState(null, '', hash);
  };
  write(useAppStore.getState().architecture);
  const unsubscribe = useAppStore.subscribe((s, prev) => {
    if (s.architecture !== prev.architecture) write(s.architecture);
  });
  const onHashChange = () => {
    if (window.location.hash === written.hash) return;
    written.hash = window.location.hash;
    if (!loadFromHash(window.location.hash)) write(useAppStore.getState().architecture);
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
  };
}
