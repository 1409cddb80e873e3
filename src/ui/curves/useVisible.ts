// Whether an element is on screen, so charts nobody can see skip their redraws.
import type { RefObject } from 'react';
import { useEffect, useState } from 'react';

export function useVisible(ref: RefObject<Element | null>, margin = '200px'): boolean {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)), { rootMargin: margin });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, margin]);
  return visible;
}
