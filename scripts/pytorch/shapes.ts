// Three classes of 28×28 examples (vertical strokes, horizontal strokes, circles) for the tests of the export of your own classes.
import type { CustomDataset } from '../../src/data/customDataset';

export const SHAPE_NAMES = ['vertical', 'horizontal', 'circle'] as const;

/** Example `i` of shape `kind`: a stroke three pixels wide, placed and sized a little differently each time. */
export function shapeExample(kind: number, i: number): Uint8Array {
  const image = new Uint8Array(28 * 28);
  const ink = (x: number, y: number) => {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const [px, py] = [Math.round(x) + dx, Math.round(y) + dy];
        if (px >= 0 && px < 28 && py >= 0 && py < 28) image[py * 28 + px] = Math.max(image[py * 28 + px]!, dx === 0 && dy === 0 ? 255 : 150);
      }
    }
  };
  const shift = (i % 7) - 3;
  const slant = (i % 3) - 1;
  const radius = 5 + (i % 4);
  for (let t = 0; t <= 1; t += 0.01) {
    if (kind === 0) ink(14 + shift + slant * 2 * t, 5 + 18 * t);
    else if (kind === 1) ink(5 + 18 * t, 14 + shift + slant * 2 * t);
    else ink(14 + shift / 2 + radius * Math.sin(2 * Math.PI * t), 14 - slant + radius * Math.cos(2 * Math.PI * t));
  }
  return image;
}

/** A dataset of `perClass` examples of each shape, as the editor would hold it. */
export function shapesDataset(perClass: number): CustomDataset {
  return { name: 'Strokes', kind: 'custom', classes: SHAPE_NAMES.map((name, k) => ({ name, examples: Array.from({ length: perClass }, (_, i) => shapeExample(k, i)) })) };
}
