// Points at a lesson step's target: outlines it, shows it even where presenter mode hides it, and scrolls it into view.
import { useEffect } from 'react';
import type { Target } from '../../model/guide/types';
import { findTarget } from './targets';

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
/** Targets that appear later (a test error after the first run) are looked for again this often. */
const RETRY_MS = 1000;
const CLASSES = ['guide-highlight', 'guide-reveal'];

/** Highlight `target` while the step is showing; `key` changes when the step does (each new step scrolls once). */
export function useHighlight(target: Target | null, key: string, scroll: boolean): void {
  const name = target?.name;
  const layer = target?.layer;
  useEffect(() => {
    if (!name) return;
    let el: Element | null = null;
    let scrolled = !scroll;
    const apply = () => {
      const found = findTarget({ name, layer });
      if (found === el) return;
      el?.classList.remove(...CLASSES);
      el = found;
      if (!el) return;
      el.classList.add(...CLASSES);
      const details = el.closest('details');
      if (details && !details.open) details.open = true;
      if (!scrolled) {
        scrolled = true;
        // A tall target (a whole panel) is shown from its top; a small one in the middle of what the dock leaves free.
        const tall = el.getBoundingClientRect().height > window.innerHeight * 0.4;
        el.scrollIntoView({ behavior: reducedMotion() ? 'auto' : 'smooth', block: tall ? 'start' : 'center' });
      }
    };
    apply();
    const timer = window.setInterval(apply, RETRY_MS);
    return () => {
      window.clearInterval(timer);
      el?.classList.remove(...CLASSES);
    };
  }, [name, layer, key, scroll]);
}
