// One tab saves: a Web Lock names the tab that owns the autosave; the others say so, save nothing
// shared, and can take over. Also asks for persistent storage and reports what is used and left.

import { useAppStore } from './store';

const LOCK = 'cnn-playground-autosave';

/** Who writes the shared autosave: this tab, another one, or this one alone (no Web Locks here). */
export type TabRole = 'owner' | 'follower' | 'alone';

export interface StorageInfo {
  used: number;
  quota: number;
  /** The browser promised not to clear this origin's storage under pressure. */
  persisted: boolean;
}

/** This tab may write the shared autosave (the network, its weights, the run marker, the drawing). */
export const ownsSaving = (s = useAppStore.getState()): boolean => s.tab.role !== 'follower';

interface LockManagerLike {
  request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: unknown) => Promise<void>): Promise<void>;
}

const locks = (): LockManagerLike | null => (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks ?? null;

/**
 * Hold the lock until it is stolen (another tab took over) or the tab closes. `onOwner` runs
 * each time this tab becomes the owner after having been a follower, before it writes anything.
 */
function hold(manager: LockManagerLike, options: { ifAvailable?: boolean; steal?: boolean }, onOwner: () => Promise<void>, first: boolean, decided = () => {}): void {
  const granted = manager.request(LOCK, options, async (lock) => {
    if (!lock) {
      useAppStore.setState({ tab: { role: 'follower' } });
      decided();
      // Wait in line: when the owner closes, this tab carries on saving.
      hold(manager, {}, onOwner, false);
      return;
    }
    if (!first) await onOwner();
    useAppStore.setState({ tab: { role: 'owner' } });
    decided();
    await new Promise<void>(() => undefined); // held until stolen or the tab closes
  });
  granted.catch(() => {
    // Stolen: another tab took over. Follow, and wait in line again.
    useAppStore.setState({ tab: { role: 'follower' } });
    hold(manager, {}, onOwner, false);
  });
}

/**
 * Start coordinating; resolves once this tab knows whether it owns the autosave. `onOwner` backs
 * up what the other tab saved before this one writes, whenever it takes over later.
 */
export function startTabs(onOwner: () => Promise<void>): Promise<void> {
  const manager = locks();
  if (!manager) {
    useAppStore.setState({ tab: { role: 'alone' } });
    return Promise.resolve();
  }
  return new Promise((resolve) => hold(manager, { ifAvailable: true }, onOwner, true, resolve));
}

/** Make this tab the one that saves, now (the owner is told by losing its lock, and follows). */
export function takeOver(onOwner: () => Promise<void>): void {
  const manager = locks();
  if (manager && useAppStore.getState().tab.role === 'follower') hold(manager, { steal: true }, onOwner, false);
}

/** Ask the browser to keep this origin's data, and read what is used and left. */
export async function refreshStorage(askToPersist = false): Promise<void> {
  const storage = (globalThis.navigator as { storage?: StorageManager } | undefined)?.storage;
  if (!storage?.estimate) return;
  try {
    const persisted = askToPersist && storage.persist ? (await storage.persisted()) || (await storage.persist()) : await storage.persisted();
    const { usage = 0, quota = 0 } = await storage.estimate();
    useAppStore.setState({ storage: { used: usage, quota, persisted } });
  } catch {
    // Not allowed here (an opaque origin, say): the figures stay unknown.
  }
}
