// Scrolling to a part of the page: smoothly, unless the learner asked for less motion.

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export function scrollToElement(el: Element | null): void {
  el?.scrollIntoView({ behavior: reducedMotion() ? 'auto' : 'smooth', block: 'start' });
}
