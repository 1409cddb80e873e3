// Chart colours: the Okabe–Ito palette (safe for colour-blind readers), for light and dark pages.
import { useSyncExternalStore } from 'react';
import { useAppStore } from '../../state/store';

/** Okabe & Ito (2008), "Color Universal Design": distinguishable with any common colour blindness. */
const OKABE_ITO = {
  blue: '#0072B2',
  vermillion: '#D55E00',
  green: '#009E73',
  purple: '#CC79A7',
  orange: '#E69F00',
  sky: '#56B4E9',
  yellow: '#F0E442',
} as const;

export interface ChartTheme {
  background: string;
  text: string;
  muted: string;
  grid: string;
  /** Training-set series. */
  train: string;
  /** Validation series (also drawn dashed, so colour is never the only cue). */
  val: string;
  /** One colour per overlaid run, in order; beyond these, runs repeat colours with a dash. */
  runs: readonly string[];
}

const LIGHT: ChartTheme = {
  background: '#ffffff',
  text: '#1c2230',
  muted: '#5b6478',
  grid: '#e3e7ef',
  train: OKABE_ITO.blue,
  val: OKABE_ITO.vermillion,
  runs: [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.green, OKABE_ITO.purple, OKABE_ITO.orange, OKABE_ITO.sky],
};

// The dark blue and vermillion are too dim on a dark panel; their lighter partners keep the contrast.
const DARK: ChartTheme = {
  background: '#171e2e',
  text: '#e6e9f0',
  muted: '#9aa3b5',
  grid: '#2c3650',
  train: OKABE_ITO.sky,
  val: OKABE_ITO.orange,
  runs: [OKABE_ITO.sky, OKABE_ITO.orange, OKABE_ITO.green, OKABE_ITO.purple, OKABE_ITO.yellow, OKABE_ITO.vermillion],
};

// One query list for the page: React reads the snapshot on every render, and matchMedia is not free.
const darkQuery = typeof window === 'undefined' ? null : window.matchMedia('(prefers-color-scheme: dark)');

function subscribe(onChange: () => void): () => void {
  darkQuery?.addEventListener('change', onChange);
  return () => darkQuery?.removeEventListener('change', onChange);
}

const isDark = () => darkQuery?.matches ?? false;

/** The chart colours for the theme in use: the one chosen in the header, else the system's. */
export function useChartTheme(): ChartTheme {
  const chosen = useAppStore((s) => s.prefs.theme);
  const systemDark = useSyncExternalStore(subscribe, isDark, () => false);
  return chosen === 'dark' || (chosen === 'system' && systemDark) ? DARK : LIGHT;
}

/** Colour and dash of the i-th overlaid run. */
export function runStyle(theme: ChartTheme, i: number): { color: string; dash: string | undefined } {
  return { color: theme.runs[i % theme.runs.length]!, dash: i >= theme.runs.length ? '6 3' : undefined };
}
