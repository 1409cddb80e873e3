// One 28×28 grayscale digit drawn on a canvas, white ink on black as MNIST stores it.
import { useEffect, useRef } from 'react';

export function DigitImage({ pixels, size = 56, label }: { pixels: Uint8Array; size?: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // 28×28, or 32×32 for what a padded network sees.
  const side = Math.round(Math.sqrt(pixels.length));
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(side, side);
    for (let i = 0; i < pixels.length; i++) {
      const v = pixels[i]!;
      image.data[i * 4] = v;
      image.data[i * 4 + 1] = v;
      image.data[i * 4 + 2] = v;
      image.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [pixels, side]);
  return <canvas ref={canvas} width={side} height={side} style={{ width: size, height: size }} className="digit" role="img" aria-label={label} />;
}
