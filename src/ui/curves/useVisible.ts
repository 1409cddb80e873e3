// Whether an element is on screen (or near it), so charts nobody can see skip their work.
import { useEffect, useState } from 'react';

const observable = typeof IntersectionObserver !== 'undefined';

/** Pass the element itself (kept with a callback ref), so the observer follows it as it mounts. */
export function useVisible(el: Element | null, margin = '200px'): boolean {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!el || !observable) return;
    const observer = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)), { rootMargin: margin });
    observer.observe(el);
    return () => observer.disconnect();
  }, [el, margin]);
  // Without IntersectionObserver, everything counts as visible.
  return el !== null && (visible || !observable);
}
