// Keyboard shortcuts: one table drives both the key handler and the list people read.
import { useEffect } from 'react';
import { redo, undo } from '../state/builderActions';
import { minimizeGuide, showLessonList } from '../state/guide/lessonActions';
import { setDrawnDigit } from '../state/inspectActions';
import { isRunning } from '../state/selectors';
import { useAppStore } from '../state/store';
import { pauseTraining, resumeTraining, startTraining, stopTraining } from '../state/trainingActions';

export interface Shortcut {
  keys: string;
  what: string;
  /** Handles the key event when it matches; returns true when it acted. */
  run?: (e: KeyboardEvent) => boolean;
}

function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

const plain = (e: KeyboardEvent, key: string) => !e.ctrlKey && !e.metaKey && !e.altKey && e.key === key;
const ctrl = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;

function trainOrResume(): void {
  const s = useAppStore.getState();
  if (s.run?.status === 'paused') resumeTraining();
  else if (!isRunning(s)) startTraining(false);
}

function pauseOrResume(): void {
  const status = useAppStore.getState().run?.status;
  if (status === 'paused') resumeTraining();
  else if (status === 'training') pauseTraining();
}

// 8 came later than the rest: the keys keep their places, so the network is last.
const SECTION_KEYS = ['build', 'train', 'learning-curves', 'draw', 'inspect', 'run-history', 'digits', 'network'] as const;

function jumpTo(id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  if (target instanceof HTMLDetailsElement) target.open = true;
  target.scrollIntoView({ block: 'start' });
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}

/** The step if a lesson is open (made small or not), else the list; the dock takes the keyboard. */
function openGuideByKey(): void {
  const g = useAppStore.getState().guide;
  if (g.progress.open && g.panel !== 'list') minimizeGuide(false);
  else showLessonList();
}

export const SHORTCUTS: Shortcut[] = [
  { keys: 'Ctrl+Z', what: 'Undo the last change to the network', run: (e) => ctrl(e) && !e.shiftKey && e.key.toLowerCase() === 'z' && (undo(), true) },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', what: 'Redo', run: (e) => ctrl(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y') && (redo(), true) },
  { keys: 'T', what: 'Train (or resume a paused run)', run: (e) => plain(e, 't') && (trainOrResume(), true) },
  { keys: 'P', what: 'Pause or resume training', run: (e) => plain(e, 'p') && (pauseOrResume(), true) },
  { keys: 'S', what: 'Stop training (the weights are kept)', run: (e) => plain(e, 's') && (stopTraining(), true) },
  { keys: 'C', what: 'Clear the drawing', run: (e) => plain(e, 'c') && (setDrawnDigit(null), true) },
  {
    keys: '1 … 8',
    what: 'Go to Build, Train, Curves, Draw, Look inside, History, Digits, the network',
    run: (e) => {
      const i = Number(e.key) - 1;
      if (ctrl(e) || e.altKey || !Number.isInteger(i) || i < 0 || i >= SECTION_KEYS.length) return false;
      jumpTo(SECTION_KEYS[i]!);
      return true;
    },
  },
  { keys: 'L', what: 'Open the guided lessons, or the lesson step you are on', run: (e) => plain(e, 'l') && (openGuideByKey(), true) },
  { keys: '?', what: 'Show this list', run: (e) => e.key === '?' && (useAppStore.setState({ shortcutsOpen: true }), true) },
  { keys: 'Tab, Shift+Tab', what: 'Move between controls; Enter or Space presses a button' },
  { keys: '↑ ↓ on a layer’s ⠿ handle', what: 'Move the layer up or down' },
  { keys: 'Delete on a layer’s ⠿ handle', what: 'Delete the layer' },
  { keys: 'Esc', what: 'Close a dialog' },
];

/** Listen for the shortcuts anywhere on the page, except while typing in a field. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTextEntry(e.target) || e.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return; // a dialog has the keyboard
      for (const s of SHORTCUTS) {
        if (s.run?.(e)) {
          e.preventDefault();
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
