// URL adapter: the share link in location.hash follows the architecture, and links load into it.
// Lesson links (src/model/lesson.ts) may also set the training settings, lock the builder, turn
// on presenter mode and set a challenge; the compressed #z= form is unpacked asynchronously.
// Result links (#r=, src/model/guide/resultLink.ts) join the class table and leave the network be.

import type { Architecture } from '../model/architecture';
import type { Lesson } from '../model/lesson';
import { lessonHash, readCompressedLessonHash, readLessonHash } from '../model/lesson';
import { parseArchitecture, serializeArchitecture } from '../model/parse';
import type { LinkOpened } from './autosave';
import { commitArchitecture, rejectInput, setLocked } from './builderActions';
import { loadResultHash, setChallenge } from './guide/challengeActions';
import { openGuideLesson } from './guide/lessonActions';
import { setPrefs } from './prefs';
import { useAppStore } from './store';
import { updateSettings } from './trainingActions';

const NOTHING: LinkOpened = { network: false, settings: false };

/** Open a lesson: its network (unlocked first, so a new lesson can replace a locked one), then the rest. */
function openLesson(lesson: Lesson): void {
  setLocked(false);
  commitArchitecture(lesson.architecture);
  if (lesson.settings) updateSettings(lesson.settings);
  setLocked(lesson.locked);
  if (lesson.presenter) setPrefs({ presenter: true });
  if (lesson.challenge) setChallenge(lesson.challenge, true);
  if (lesson.guide) void openGuideLesson(lesson.guide);
}

/** Load what a hash carries, or record why not; resolves with what it opened. */
export async function loadFromHash(hash: string): Promise<LinkOpened> {
  if (await loadResultHash(hash)) return NOTHING;
  const result = readLessonHash(hash) ?? (await readCompressedLessonHash(hash));
  if (!result) return NOTHING;
  if (!result.ok) {
    rejectInput(result.error);
    return NOTHING;
  }
  openLesson(result.lesson);
  return { network: true, settings: result.lesson.settings !== null };
}

/** Only architectures that read back the same are written (an emptied field is NaN, not JSON). */
function linkable(arch: Architecture): boolean {
  return parseArchitecture(serializeArchitecture(arch)).ok;
}

/** The hash for the network being edited; a locked one stays locked when the page reloads. */
function currentHash(): string {
  const { architecture, locked } = useAppStore.getState();
  return lessonHash({ architecture, settings: null, locked, presenter: false });
}

export function currentShareUrl(): string {
  const { origin, pathname, search } = window.location;
  return origin + pathname + search + currentHash();
}

/** Start syncing; resolves with what the address opened once it has been read (compressed links take a moment). */
export function startUrlSync(): Promise<LinkOpened> {
  const written = { hash: '' };
  const opened = loadFromHash(window.location.hash);
  const write = () => {
    if (!linkable(useAppStore.getState().architecture)) return;
    const hash = currentHash();
    if (hash === written.hash) return;
    written.hash = hash;
    window.history.replaceState(null, '', hash);
  };
  // A compressed link stays in the address until it is read; then the readable form replaces it.
  void opened.then(write);
  useAppStore.subscribe((s, prev) => {
    if (s.architecture !== prev.architecture || s.locked !== prev.locked) write();
  });
  window.addEventListener('hashchange', () => {
    if (window.location.hash === written.hash) return;
    written.hash = window.location.hash;
    void loadFromHash(window.location.hash).then((o) => {
      if (!o.network) write();
    });
  });
  return opened;
}
