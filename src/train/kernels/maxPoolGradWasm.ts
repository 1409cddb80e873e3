// MaxPoolGrad for the wasm backend: one pass over the windows, scattering dy to each window's maximum.
//
// The stock kernel visits every input pixel and, for each, every window that could contain
// it, re-deriving each window's maximum as it goes. Finding each window's maximum once and
// adding dy there does the same arithmetic in a fraction of the reads. Windows that do not
// overlap (pool 2, stride 2, as in every preset) run as WASM SIMD, 4 channels at a time
// (simd.wat); the rest runs in JavaScript on the backend's heap, channels innermost.
// Ties and NaN follow tfjs's cpu backend: the first strictly greater value in row-major window
// order wins, and a window with nothing above -Infinity passes no gradient.

import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, MaxPoolGradAttrs, MaxPoolGradInputs } from '@tensorflow/tfjs';
import { simdLoops } from './simd';
import { floats, registerWasmKernel, wasmBackend } from './wasmKernels';

const maxPoolGrad: KernelFunc = (args) => {
  const backend = wasmBackend(args.backend);
  const { dy, input } = args.inputs as MaxPoolGradInputs;
  if (dy === undefined || input === undefined) throw new Error('MaxPoolGrad needs dy and input');
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { effectiveFilterHeight: fh, effectiveFilterWidth: fw, padInfo } = info;

  const dx = backend.makeOutput([...input.shape], 'float32');
  // Views after the allocation: it may have grown (and so moved) the heap.
  const xs = floats(backend, input);
  const dys = floats(backend, dy);
  const dxs = floats(backend, dx);
  const simd = strideHeight >= fh && strideWidth >= fw && channels >= 4 ? simdLoops(backend) : null;
  if (simd !== null) {
    // Windows that do not overlap write each pixel they cover once; zero the rest first.
    const covered = outHeight * strideHeight === inHeight && outWidth * strideWidth === inWidth && fh === strideHeight && fw === strideWidth;
    if (!covered || padInfo.top !== 0 || padInfo.left !== 0) dxs.fill(0);
    simd.maxPoolGradTiled(xs.byteOffset, dys.byteOffset, dxs.byteOffset, batchSize, inHeight, inWidth, channels,
      outHeight, outWidth, fh, fw, strideHeight, strideWidth, padInfo.top, padInfo.left, 0, 0, 0);
    return dx;
  }
  dxs.fill(0);
  const best = new Float32Array(channels);
  const where = new Int32Array(channels);
  const rowStride = inWidth * channels;
  for (let b = 0; b < batchSize; b++) {
    const batchBase = b * inHeight * rowStride;
    for (let yR = 0; yR < outHeight; yR++) {
      const rCorner = yR * strideHeight - padInfo.top;
      const rMin = Math.max(0, rCorner);
      const rMax = Math.min(inHeight, rCorner + fh);
      for (let yC = 0; yC < outWidth; yC++) {
        const cCorner = yC * strideWidth - padInfo.left;
        const cMin = Math.max(0, cCorner);
        const cMax = Math.min(inWidth, cCorner + fw);
        best.fill(-Infinity);
        where.fill(-1);
        for (let r = rMin; r < rMax; r++) {
          for (let c = cMin; c < cMax; c++) {
            const base = batchBase + r * rowStride + c * channels;
            for (let d = 0; d < channels; d++) {
              const v = xs[base + d]!;
              if (v > best[d]!) {
                best[d] = v;
                where[d] = base + d;
              }
            }
          }
        }
        const dyBase = ((b * outHeight + yR) * outWidth + yC) * channels;
        for (let d = 0; d < channels; d++) {
          const at = where[d]!;
          if (at >= 0) dxs[at] = dxs[at]! + dys[dyBase + d]!;
        }
      }
    }
  }
  return dx;
};

export function registerMaxPoolGradWasm(): void {
  registerWasmKernel(tf.MaxPoolGrad, () => maxPoolGrad);
}
