// Tab coordination against a stand-in for the Web Locks API: the first tab owns the autosave,
// a second follows and waits in line, taking over steals the lock, and a closed owner hands on.
import { afterEach, describe, expect, it, vi } from 'vitest';

/** One origin's lock manager shared by several "tabs" (each its own fresh copy of the module). */
class FakeLocks {
  holder: { release: () => void; abort: (e: Error) => void } | null = null;
  queue: (() => void)[] = [];
  request(_name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: unknown) => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        const released = callback({});
        this.holder = {
          release: () => {
            this.holder = null;
            resolve();
            this.queue.shift()?.();
          },
          abort: reject,
        };
        void released.then(() => this.holder?.release());
      };
      if (options.steal && this.holder) {
        const old = this.holder;
        this.holder = null;
        old.abort(new DOMException('stolen', 'AbortError') as unknown as Error);
        grant();
      } else if (!this.holder) grant();
      else if (options.ifAvailable) void callback(null).then(() => resolve());
      else this.queue.push(grant);
    });
  }
  /** The owning tab closed: its lock goes to the next in line. */
  closeOwner(): void {
    this.holder?.release();
  }
}

async function tab(locks: FakeLocks) {
  vi.resetModules();
  vi.stubGlobal('navigator', { locks });
  const store = await import('./store');
  const tabs = await import('./tabs');
  const becameOwner = vi.fn(() => Promise.resolve());
  await tabs.startTabs(becameOwner);
  return { role: () => store.useAppStore.getState().tab.role, takeOver: () => tabs.takeOver(becameOwner), becameOwner };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('tabs', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('the first tab owns the autosave; a second follows; taking over swaps them, backing up first', async () => {
    const locks = new FakeLocks();
    const first = await tab(locks);
    const second = await tab(locks);
    expect([first.role(), second.role()]).toEqual(['owner', 'follower']);
    second.takeOver();
    await settle();
    expect([first.role(), second.role()]).toEqual(['follower', 'owner']);
    expect(second.becameOwner).toHaveBeenCalledTimes(1);
    expect(first.becameOwner).not.toHaveBeenCalled();
  });

  it('when the owner closes, the tab in line takes over (after keeping what the other saved)', async () => {
    const locks = new FakeLocks();
    await tab(locks);
    const second = await tab(locks);
    expect(second.role()).toBe('follower');
    locks.closeOwner();
    await settle();
    expect(second.role()).toBe('owner');
    expect(second.becameOwner).toHaveBeenCalledTimes(1);
  });

  it('without Web Locks a tab saves alone', async () => {
    vi.resetModules();
    vi.stubGlobal('navigator', {});
    const { startTabs, ownsSaving } = await import('./tabs');
    await startTabs(() => Promise.resolve());
    expect(ownsSaving()).toBe(true);
  });
});
