// Read a store value at most every `ms` milliseconds, and only while wanted: charts redraw about once a second, not per message.
import { startTransition, useEffect, useState } from 'react';
import type { AppState } from '../../state/store';
import { useAppStore } from '../../state/store';

/**
 * Like useAppStore(selector), but changes arriving faster than `ms` apart are batched into one
 * render (the latest value wins), rendered as a transition so React can yield to input while the
 * charts redraw. While `active` is false the value stays as it was; it catches up at once when
 * `active` turns true. `selector` must be stable (defined outside the component) and return a
 * stored reference, not a new object.
 */
export function useThrottledStore<T>(selector: (s: AppState) => T, ms: number, active = true): T {
  const [value, setValue] = useState(() => selector(useAppStore.getState()));
  useEffect(() => {
    if (!active) return;
    const timer = { id: 0, last: 0 };
    const flush = () => {
      timer.id = 0;
      timer.last = performance.now();
      startTransition(() => setValue(() => selector(useAppStore.getState())));
    };
    const schedule = () => {
      if (timer.id) return;
      timer.id = window.setTimeout(flush, Math.max(0, timer.last + ms - performance.now()));
    };
    // Whatever changed before this subscription (or while inactive) is picked up at once.
    schedule();
    const unsubscribe = useAppStore.subscribe((s, prev) => {
      if (selector(s) !== selector(prev)) schedule();
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer.id);
    };
  }, [selector, ms, active]);
  return value;
}
