import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { lessonHash } from '../../model/lesson';
import { findPreset } from '../../model/presets';
import { qrImage } from './qr';

/** Rasterise the modules (4 px each) the way a camera would see the screen, and decode them. */
function decode(modules: boolean[][]): string | null {
  const scale = 4;
  const side = modules.length * scale;
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const v = modules[Math.floor(y / scale)]![Math.floor(x / scale)] ? 0 : 255;
      rgba.set([v, v, v, 255], (y * side + x) * 4);
    }
  }
  return jsQR(rgba, side, side)?.data ?? null;
}

describe('qrImage', () => {
  it('encodes a lesson link that a QR reader decodes back exactly', () => {
    const url = `http://192.168.1.20:4173/${lessonHash({ architecture: findPreset('seed-simple-cnn')!.architecture, settings: null, locked: true, presenter: false })}`;
    const qr = qrImage(url);
    expect(qr.size).toBe(qr.modules.length);
    expect(qr.path.match(/M/g)!.length).toBe(qr.modules.flat().filter(Boolean).length);
    expect(decode(qr.modules)).toBe(url);
  });
});
