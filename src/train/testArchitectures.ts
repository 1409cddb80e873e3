// Random valid architectures for tests that compare the app's model code against tfjs.

import type { Architecture, Layer, Padding } from '../model/architecture';
import { makeArchitecture } from '../model/architecture';
import { rng } from './random';

/** A random valid architecture: conv/pool/bn blocks with odd sizes, both paddings, strides 1-3. */
export function generate(seed: number): Architecture {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const size = pick([28, 32] as const);
  let side: number = size;
  const layers: Layer[] = [];
  const blocks = 1 + Math.floor(r() * 3);
  for (let b = 0; b < blocks && side >= 3; b++) {
    const padding: Padding = pick(['valid', 'same'] as const);
    const k = Math.min(pick([1, 2, 3, 4, 5, 7]), side);
    const s = pick([1, 2, 3]);
    layers.push({ type: 'conv2d', filters: 1 + Math.floor(r() * 12), kernelSize: k, strides: s, padding, activation: pick(['relu', 'tanh', 'linear'] as const) });
    side = padding === 'same' ? Math.ceil(side / s) : Math.floor((side - k) / s) + 1;
    if (r() < 0.3) layers.push({ type: 'batchNormalization' });
    if (side >= 2 && r() < 0.8) {
      const p = Math.min(pick([2, 3]), side);
      const ps = pick([1, 2, 3]);
      const pp: Padding = pick(['valid', 'same'] as const);
      layers.push({ type: pick(['maxPooling2d', 'averagePooling2d'] as const), poolSize: p, strides: ps, padding: pp });
      side = pp === 'same' ? Math.ceil(side / ps) : Math.floor((side - p) / ps) + 1;
    }
    if (r() < 0.3) layers.push({ type: 'dropout', rate: 0.25 });
  }
  layers.push({ type: 'flatten' });
  if (r() < 0.6) layers.push({ type: 'dense', units: 5 + Math.floor(r() * 60), activation: 'relu' });
  if (r() < 0.3) layers.push({ type: 'batchNormalization' });
  layers.push({ type: 'dense', units: 10, activation: 'softmax' });
  return makeArchitecture(size, layers);
}
