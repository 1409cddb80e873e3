// Display preferences (theme, presenter mode): kept in localStorage and applied to <html>
// before the first paint, so a reload never flashes the wrong theme.

import { useAppStore } from './store';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Prefs {
  theme: Theme;
  /** Large type, high contrast, advanced controls hidden: for a projector. */
  presenter: boolean;
}

const KEY = 'cnn-playground:prefs';
export const DEFAULT_PREFS: Prefs = { theme: 'system', presenter: false };

/** Read saved preferences, ignoring anything malformed. */
export function readPrefs(storage: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null): Prefs {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return DEFAULT_PREFS;
    const r = raw as Record<string, unknown>;
    return {
      theme: THEMES.includes(r.theme as Theme) ? (r.theme as Theme) : DEFAULT_PREFS.theme,
      presenter: r.presenter === true,
    };
  } catch {
    return DEFAULT_PREFS;
  }
}

function apply(prefs: Prefs): void {
  const root = document.documentElement;
  if (prefs.theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = prefs.theme;
  root.classList.toggle('presenter', prefs.presenter);
}

export function setPrefs(patch: Partial<Prefs>): void {
  const prefs = { ...useAppStore.getState().prefs, ...patch };
  useAppStore.setState({ prefs });
  apply(prefs);
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Private mode or full storage: the preference holds for this visit.
  }
}

/** Apply the saved preferences at start-up. */
export function startPrefs(): void {
  const prefs = readPrefs();
  useAppStore.setState({ prefs });
  apply(prefs);
}
