// File limits and download names.
import { describe, expect, it } from 'vitest';
import { fileBaseName, fileTooLarge, MAX_WEIGHTS_BYTES, shortName } from './files';

describe('fileTooLarge', () => {
  it('passes files of a sensible size', () => {
    expect(fileTooLarge('architecture', 'net.json', 2_000)).toBeNull();
    expect(fileTooLarge('weights', 'model.weights.bin', 592_074 * 4)).toBeNull();
    expect(fileTooLarge('weights', 'model.weights.bin', MAX_WEIGHTS_BYTES)).toBeNull();
  });

  it('refuses hundreds of megabytes, saying how large and why', () => {
    expect(fileTooLarge('architecture', 'huge.json', 300_000_000)).toBe('"huge.json" is 300.00 MB, far too large to be read: an architecture file is a few kilobytes.');
    expect(fileTooLarge('weights', 'w.bin', 300_000_000)).toMatch(/"w\.bin" is 300\.00 MB.*10,000,000 parameters \(40\.00 MB of weights\)/);
    expect(fileTooLarge('model.json', 'model.json', 5_000_000)).toMatch(/is 5\.00 MB/);
  });
});

describe('names', () => {
  it('cuts long file names in messages', () => {
    expect(shortName('a'.repeat(200))).toHaveLength(58);
    expect(shortName('model.json')).toBe('model.json');
  });

  it('makes safe download names', () => {
    expect(fileBaseName('seed-simple-cnn')).toBe('seed-simple-cnn');
    expect(fileBaseName('My CNN: «best» / v2')).toBe('my-cnn-best-v2');
    expect(fileBaseName('../../etc/passwd')).toBe('etcpasswd');
    expect(fileBaseName('???')).toBe('network');
  });
});
