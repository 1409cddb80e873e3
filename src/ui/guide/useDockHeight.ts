// Tells the page how tall the dock is (--guide-h on <html>), so it keeps room for it at the bottom.
import { useEffect } from 'react';

export function useDockHeight(el: HTMLElement | null): void {
  useEffect(() => {
    const root = document.documentElement;
    if (!el) {
      root.style.removeProperty('--guide-h');
      return;
    }
    const observer = new ResizeObserver(() => root.style.setProperty('--guide-h', `${Math.ceil(el.getBoundingClientRect().height)}px`));
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--guide-h');
    };
  }, [el]);
}
