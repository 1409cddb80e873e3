// The drawing survives a reload exactly, and nothing malformed comes back from storage.
import { describe, expect, it } from 'vitest';
import { readStrokes, saveStrokes } from './savedDrawing';

function memory(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe('saved drawing', () => {
  it('reads back the strokes exactly as saved', () => {
    const store = memory();
    const strokes = [[{ x: 84.123456789, y: 70 }, { x: 196.5, y: 70.25 }], [{ x: 126, y: 224 }]];
    saveStrokes(strokes, store);
    expect(readStrokes(store)).toEqual(strokes);
  });

  it('forgets the drawing when the pad is cleared', () => {
    const store = memory();
    saveStrokes([[{ x: 1, y: 2 }]], store);
    saveStrokes([], store);
    expect(store.data.size).toBe(0);
    expect(readStrokes(store)).toEqual([]);
  });

  it('ignores anything malformed, absurd or too large', () => {
    const store = memory();
    for (const bad of ['not json', '{"x":1}', '[[{"x":1}]]', '[[]]', '[[{"x":"1","y":2}]]', '[[{"x":1e9,"y":2}]]', JSON.stringify([Array.from({ length: 20_001 }, () => ({ x: 1, y: 1 }))])]) {
      store.data.set('cnn-playground:drawing', bad);
      expect(readStrokes(store), bad.slice(0, 30)).toEqual([]);
    }
    expect(readStrokes(null)).toEqual([]);
  });
});
