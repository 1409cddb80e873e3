// Light, dark, or the system's theme.
import type { Theme } from '../state/prefs';
import { setPrefs, THEMES } from '../state/prefs';
import { useAppStore } from '../state/store';

const LABELS: Record<Theme, string> = { system: 'System theme', light: 'Light', dark: 'Dark' };

export function ThemeSelect() {
  const theme = useAppStore((s) => s.prefs.theme);
  return (
    <select data-testid="theme-select" aria-label="Colour theme" value={theme} onChange={(e) => setPrefs({ theme: e.target.value as Theme })}>
      {THEMES.map((t) => (
        <option key={t} value={t}>
          {LABELS[t]}
        </option>
      ))}
    </select>
  );
}
