// Read a store value at most every `ms` milliseconds: charts redraw a few times a second, not per message.
import { useEffect, useState } from 'react';
import type { AppState } from '../../state/store';
import { useAppStore } from '../../state/store';

/**
 * Like useAppStore(selector), but changes arriving faster than `ms` apart are batched into one
 * render (the latest value wins). `selector` must be stable (defined outside the component) and
 * return a stored reference, not a new object.
 */
export function useThrottledStore<T>(selector: (s: AppState) => T, ms: number): T {
  const [value, setValue] = useState(() => selector(useAppStore.getState()));
  useEffect(() => {
    const timer = { id: 0, last: 0 };
    const flush = () => {
      timer.id = 0;
      timer.last = performance.now();
      setValue(() => selector(useAppStore.getState()));
    };
    const schedule = () => {
      if (timer.id) return;
      timer.id = window.setTimeout(flush, Math.max(0, timer.last + ms - performance.now()));
    };
    // Anything that changed between the render and this subscription is picked up at once.
    schedule();
    const unsubscribe = useAppStore.subscribe((s, prev) => {
      if (selector(s) !== selector(prev)) schedule();
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer.id);
    };
  }, [selector, ms]);
  return value;
}
