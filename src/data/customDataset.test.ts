// Tests for the custom dataset file: a round trip, and every kind of bad or hostile file refused with a sentence.
import { describe, expect, it } from 'vitest';
import type { CustomDataset } from './customDataset';
import {
  CUSTOM_FORMAT,
  EXAMPLE_BYTES,
  MAX_EXAMPLES,
  MAX_EXAMPLES_PER_CLASS,
  MAX_FILE_BYTES,
  cleanName,
  emptyDataset,
  exampleCount,
  fromBase64,
  parseCustomDataset,
  serializeCustomDataset,
  toBase64,
} from './customDataset';

/** A made-up example: a few bright pixels placed by `seed`, never blank. */
function example(seed: number): Uint8Array {
  const out = new Uint8Array(EXAMPLE_BYTES);
  for (let k = 0; k < 20; k++) out[(seed * 37 + k * 53) % EXAMPLE_BYTES] = 40 + ((seed + k) % 200);
  return out;
}

const dataset = (): CustomDataset => ({
  name: 'Strokes',
  kind: 'custom',
  classes: [
    { name: 'vertical', examples: [example(1), example(2), example(3)] },
    { name: 'horizontal', examples: [example(4)] },
    { name: 'circle', examples: [] },
  ],
});

/** The file of `dataset()` as JSON, edited by `edit`, as text. */
function fileWith(edit: (doc: Record<string, unknown> & { classes: Record<string, unknown>[] }) => void): string {
  const doc = JSON.parse(serializeCustomDataset(dataset())) as Record<string, unknown> & { classes: Record<string, unknown>[] };
  edit(doc);
  return JSON.stringify(doc);
}

function refused(text: string): string {
  const result = parseCustomDataset(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
}

describe('base64', () => {
  it('round-trips every length, and refuses anything but canonical base64 of the expected length', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 783, 784, 785, 3 * 784]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255);
      const text = toBase64(bytes);
      expect(text).toBe(btoa(String.fromCharCode(...bytes)));
      expect(fromBase64(text, n)).toEqual(bytes);
    }
    const good = toBase64(Uint8Array.of(1, 2, 3, 4));
    expect(fromBase64(good, 5)).toBeNull(); // another length
    expect(fromBase64(good.replace(/=+$/, ''), 4)).toBeNull(); // padding left out
    expect(fromBase64(`${good.slice(0, 2)}*${good.slice(3)}`, 4)).toBeNull(); // not the alphabet
    expect(fromBase64('AQ==AQID', 4)).toBeNull(); // padding inside
    expect(fromBase64('AQIDBA', 4)).toBeNull();
    expect(fromBase64('AQIDBAé=', 4)).toBeNull();
  });
});

describe('the custom dataset file', () => {
  it('round-trips: names, kind, classes and every pixel, and the same dataset writes the same text', () => {
    const text = serializeCustomDataset(dataset());
    const result = parseCustomDataset(text);
    expect(result).toEqual({ ok: true, dataset: dataset() });
    expect(serializeCustomDataset(dataset())).toBe(text);
    expect(JSON.parse(text)).toMatchObject({ format: CUSTOM_FORMAT, version: 1, for: 'custom', image: { height: 28, width: 28, channels: 1 } });
    expect(exampleCount(dataset())).toBe(4);
  });

  it('round-trips a set of the learner’s own digits', () => {
    const digits = emptyDataset('mnist');
    digits.classes[7]!.examples.push(example(9));
    expect(parseCustomDataset(serializeCustomDataset(digits))).toEqual({ ok: true, dataset: digits });
  });

  it('refuses what is not a dataset file', () => {
    expect(refused('not json')).toBe('The dataset file is not valid JSON (it may be cut short, or another kind of file).');
    expect(refused(serializeCustomDataset(dataset()).slice(0, 300))).toContain('not valid JSON');
    expect(refused('[1, 2]')).toContain('Not a CNN Playground dataset file');
    expect(refused(JSON.stringify({ format: 'cnn-playground/architecture', version: 1 }))).toContain('"format" must be "cnn-playground/custom-dataset"');
    expect(refused(fileWith((d) => (d.version = 2)))).toBe('This dataset file is version 2; this app reads version 1.');
    expect(refused(fileWith((d) => (d.version = '1')))).toBe('"version" must be 1.');
    expect(refused('x'.repeat(MAX_FILE_BYTES + 1))).toMatch(/^The dataset file is \d+\.\d MB; one the app writes is at most/);
  });

  it('refuses bad names, kinds and image sizes', () => {
    expect(refused(fileWith((d) => delete d.name))).toBe('The dataset name must be text.');
    expect(refused(fileWith((d) => (d.name = ' \n\t ')))).toBe('The dataset name is empty.');
    expect(refused(fileWith((d) => (d.name = 'n'.repeat(41))))).toBe('The dataset name is 41 characters long; at most 40.');
    expect(refused(fileWith((d) => (d.for = 'cifar')))).toContain('"for" must be "custom"');
    expect(refused(fileWith((d) => (d.image = { height: 32, width: 32, channels: 1 })))).toContain('must be 28×28 grayscale');
    expect(refused(fileWith((d) => (d.image = { height: 28, width: 28, channels: 3 })))).toContain('must be 28×28 grayscale');
    expect(refused(fileWith((d) => delete d.image))).toContain('must be 28×28 grayscale');
    // Control characters (a right-to-left override here) are dropped, not shown.
    const shown = parseCustomDataset(fileWith((d) => (d.name = 'Str\u202eokes\u0007')));
    expect(shown.ok && shown.dataset.name).toBe('Strokes');
  });

  it('refuses too few or too many classes, and classes that are not classes', () => {
    expect(refused(fileWith((d) => (d.classes = d.classes.slice(0, 1))))).toBe('A dataset has 2 to 10 classes; this one has 1.');
    expect(refused(fileWith((d) => (d.classes = Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, count: 0, pixels: '' })))))).toBe(
      'A dataset has 2 to 10 classes; this one has 11.',
    );
    expect(refused(fileWith((d) => (d.classes = 'all of them' as unknown as [])))).toBe('"classes" must be a list.');
    expect(refused(fileWith((d) => (d.classes[1] = 7 as unknown as Record<string, unknown>)))).toBe('Class 2 is not an object with a name, a count and pixels.');
    expect(refused(fileWith((d) => (d.classes[2]!.name = 'Vertical')))).toBe('Two classes are called "Vertical"; each class needs its own name.');
    expect(refused(fileWith((d) => (d.classes[0]!.name = '')))).toBe("Class 1's name is empty.");
    // The editor keeps datasets of fewer classes while they are being made.
    expect(parseCustomDataset(fileWith((d) => (d.classes = [])), { minClasses: 0 }).ok).toBe(true);
  });

  it('refuses counts and pixels that do not agree, blank examples and too many examples', () => {
    expect(refused(fileWith((d) => (d.classes[0]!.count = 2)))).toBe(
      'Class 1 ("vertical"): its pixels are not 2 images of 28×28 bytes in base64 (the file may be cut short or edited).',
    );
    expect(refused(fileWith((d) => (d.classes[0]!.count = 1.5)))).toBe('Class 1 ("vertical"): "count" must be a whole number of examples.');
    expect(refused(fileWith((d) => (d.classes[0]!.count = -1)))).toContain('"count" must be a whole number');
    expect(refused(fileWith((d) => (d.classes[0]!.pixels = 3)))).toBe('Class 1 ("vertical"): "pixels" must be base64 text.');
    expect(refused(fileWith((d) => (d.classes[0]!.pixels = `${String(d.classes[0]!.pixels).slice(0, -8)}!!!!!!==`)))).toContain('its pixels are not 3 images');
    const blank = toBase64(new Uint8Array(EXAMPLE_BYTES * 2).fill(9, 0, EXAMPLE_BYTES));
    expect(refused(fileWith((d) => Object.assign(d.classes[1]!, { count: 2, pixels: blank })))).toBe('Class 2 ("horizontal"): example 2 is blank.');
    expect(refused(fileWith((d) => (d.classes[1]!.count = MAX_EXAMPLES_PER_CLASS + 1)))).toBe(`Class 2 ("horizontal") has ${MAX_EXAMPLES_PER_CLASS + 1} examples; at most ${MAX_EXAMPLES_PER_CLASS} a class.`);
  });

  it('refuses a hostile file claiming huge counts before decoding a byte, and ignores prototype keys', () => {
    const huge = fileWith((d) => d.classes.forEach((c) => (c.count = 5000)));
    expect(refused(huge)).toBe(`The dataset has 15,000 examples; at most ${MAX_EXAMPLES.toLocaleString('en-US')}.`);
    const proto = parseCustomDataset(serializeCustomDataset(dataset()).replace('"name": "Strokes"', '"__proto__": { "polluted": true }, "name": "Strokes"'));
    expect(proto.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps a set of digits to the ten classes 0 to 9', () => {
    const digits = JSON.parse(serializeCustomDataset(emptyDataset('mnist'))) as { classes: { name: string }[] };
    digits.classes[3]!.name = 'three';
    expect(refused(JSON.stringify(digits))).toBe('A set of your own digits has the ten classes "0" to "9", in order.');
  });

  it('cleans names the way the editor keeps them', () => {
    expect(cleanName('  two   words ', 'Name')).toEqual({ ok: true, name: 'two words' });
    expect(cleanName(5, 'Name')).toEqual({ ok: false, error: 'Name must be text.' });
  });
});
