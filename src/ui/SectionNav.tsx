// Jump links to each part of the page: the page is long, and keyboard users skip through it.
import type { MouseEvent } from 'react';

const SECTIONS = [
  ['build', 'Build'],
  ['train', 'Train'],
  ['network', 'Network'],
  ['learning-curves', 'Curves'],
  ['draw', 'Draw'],
  ['inspect', 'Look inside'],
  ['run-history', 'History'],
  ['digits', 'Digits'],
] as const;

export function SectionNav() {
  return (
    <nav className="section-nav" aria-label="Parts of the page" data-testid="section-nav">
      {SECTIONS.map(([id, label]) => (
        <a key={id} href={`#${id}`} onClick={(e) => jump(e, id)}>
          {label}
        </a>
      ))}
    </nav>
  );
}

/** Scroll to the section and move focus there, without touching the hash (it holds the share link). */
function jump(e: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  e.preventDefault();
  if (target instanceof HTMLDetailsElement) target.open = true;
  target.scrollIntoView({ block: 'start' });
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}
