import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, readPrefs } from './prefs';

const stored = (value: string | null) => ({ getItem: () => value });

describe('readPrefs', () => {
  it('reads saved preferences', () => {
    expect(readPrefs(stored('{"theme":"dark","presenter":true}'))).toEqual({ theme: 'dark', presenter: true });
  });
  it('falls back to the defaults for missing, malformed or hostile values', () => {
    expect(readPrefs(stored(null))).toEqual(DEFAULT_PREFS);
    expect(readPrefs(stored('not json'))).toEqual(DEFAULT_PREFS);
    expect(readPrefs(stored('{"theme":"<script>","presenter":"yes"}'))).toEqual(DEFAULT_PREFS);
    expect(readPrefs(null)).toEqual(DEFAULT_PREFS);
  });
});
