// Conv2DBackpropInput for the wasm backend: on XNNPACK instead of the stock scalar loop, two ways.
//
// - As a convolution (stride 1): the input gradient is an ordinary convolution of dy with the
//   filter turned half a turn (kernel rows and columns reversed) and its in/out channels
//   swapped, padded so every input pixel sees every tap that read it: dx[y] = Σ_i dy[y + top − i]·W[i].
//   The padding is zeros the product multiplies too: a 5×5 filter on an 8×8 dy computes 12×12
//   outputs over a 16×16 input, 2.25 times the products that count.
// - As a product and its scatter (any stride; SIMD): each output pixel's patch gradient is
//   dy[pixel] · Wᵀ, one XNNPACK product for a block of images ([pixels, outC] × [outC, kh·kw·inC]),
//   and col2imAdd adds each patch back onto the input pixels it read. No zeros are multiplied.
// NCHW, and strided convolutions where SIMD is missing, go to the stock kernel.

import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropInputAttrs, Conv2DBackpropInputInputs, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { simdLoops } from './simd';
import { callKernel, disposeAll, floats, registerWasmKernel, requireStock, reshape, transpose, wasmBackend } from './wasmKernels';

/** Padding of the gradient conv, or null when it would be negative (the stock kernel takes those). */
export function backpropInputPadding(info: tf.backend_util.Conv2DInfo): [number, number, number, number] | null {
  const { inHeight, inWidth, outHeight, outWidth, filterHeight, filterWidth, padInfo } = info;
  const top = filterHeight - 1 - padInfo.top;
  const left = filterWidth - 1 - padInfo.left;
  // dx has inHeight rows: the padded dy must have inHeight + filterHeight − 1.
  const bottom = inHeight + filterHeight - 1 - outHeight - top;
  const right = inWidth + filterWidth - 1 - outWidth - left;
  return Math.min(top, left, bottom, right) < 0 ? null : [top, bottom, left, right];
}

/** Patch values a product block holds at most (1 MB of floats: the block stays in cache for the scatter). */
const BLOCK_FLOATS = 1 << 18;

/**
 * Where the product and scatter pays: strided convolutions (the convolution way cannot take them),
 * and stride-1 ones whose padded convolution multiplies at least a third more zeros than values.
 */
export function useProduct(info: tf.backend_util.Conv2DInfo): boolean {
  if (info.strideHeight !== 1 || info.strideWidth !== 1) return true;
  return info.inHeight * info.inWidth >= (4 / 3) * info.outHeight * info.outWidth;
}

/** dx by blocks of images: patch gradients dy · Wᵀ on XNNPACK, added back onto the input (col2imAdd). */
function productInputGradient(backend: unknown, dy: TensorInfo, filter: TensorInfo, info: tf.backend_util.Conv2DInfo): TensorInfo | null {
  const wasm = wasmBackend(backend);
  const simd = simdLoops(wasm);
  if (simd === null) return null;
  const { batchSize, inChannels, outChannels, filterHeight, filterWidth, outHeight, outWidth, inHeight, inWidth } = info;
  const taps = filterHeight * filterWidth * inChannels;
  const pixels = outHeight * outWidth;
  const imageSize = inHeight * inWidth * inChannels;
  const imagesPerBlock = Math.max(1, Math.floor(BLOCK_FLOATS / (pixels * taps)));
  const temporaries: TensorInfo[] = [];
  try {
    // Wᵀ as [1, outC, kh·kw·inC]; one tensor for every block, so XNNPACK packs it once.
    const flat = reshape(backend, filter, [taps, outChannels]);
    temporaries.push(flat);
    const t = transpose(backend, flat, [1, 0]);
    temporaries.push(t);
    const weights = reshape(backend, t, [1, outChannels, taps]);
    temporaries.push(weights);
    const dx = wasm.makeOutput([...info.inShape], 'float32');
    floats(wasm, dx).fill(0);
    for (let first = 0; first < batchSize; first += imagesPerBlock) {
      const images = Math.min(imagesPerBlock, batchSize - first);
      const block = wasm.makeOutput([1, images * pixels, outChannels], 'float32');
      try {
        floats(wasm, block).set(floats(wasm, dy).subarray(first * pixels * outChannels, (first + images) * pixels * outChannels));
        const cols = callKernel(tf.BatchMatMul, backend, { a: block, b: weights }, { transposeA: false, transposeB: false });
        try {
          simd.col2imAdd(floats(wasm, cols).byteOffset, floats(wasm, dx).byteOffset + first * imageSize * 4, images, inHeight, inWidth, inChannels,
            outHeight, outWidth, filterHeight, filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left);
        } finally {
          disposeAll(backend, [cols]);
        }
      } finally {
        disposeAll(backend, [block]);
      }
    }
    return dx;
  } finally {
    disposeAll(backend, temporaries);
  }
}

const make = (stockOrNull: KernelFunc | null): KernelFunc => {
  const stock = requireStock(tf.Conv2DBackpropInput, stockOrNull);
  return (args) => {
    const { backend } = args;
    const { dy, filter } = args.inputs as Conv2DBackpropInputInputs;
    if (dy === undefined || filter === undefined) throw new Error('Conv2DBackpropInput needs dy and filter');
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as unknown as Conv2DBackpropInputAttrs;
    if (dataFormat === 'NCHW' || dy.dtype !== 'float32' || filter.dtype !== 'float32') return stock(args);
    const info = tf.backend_util.computeConv2DInfo(
      inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode, false, 'channelsLast');
    if (tf.util.sizeFromShape(dy.shape) === 0) return stock(args);
    if (useProduct(info)) {
      const dx = productInputGradient(backend, dy, filter, info);
      if (dx !== null) return dx;
    }
    const padding = info.strideHeight === 1 && info.strideWidth === 1 ? backpropInputPadding(info) : null;
    if (padding === null) return stock(args);
    const [top, bottom, left, right] = padding;

    const temporaries: TensorInfo[] = [];
    try {
      const turned = callKernel(tf.Reverse, backend, { x: filter }, { dims: [0, 1] });
      temporaries.push(turned);
      // [kh, kw, in, out] → [kh, kw, out, in]: a filter from dy's channels to x's.
      const swapped = transpose(backend, turned, [0, 1, 3, 2]);
      // Disposing it also frees the XNNPACK operator Conv2D caches per filter.
      temporaries.push(swapped);
      const dx = callKernel(tf.Conv2D, backend, { x: dy, filter: swapped }, {
        strides: [1, 1],
        pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
        dataFormat: 'NHWC',
        dilations: [1, 1],
        dimRoundingMode: 'floor',
      });
      if (!tf.util.arraysEqual(dx.shape, info.inShape)) {
        temporaries.push(dx);
        throw new Error(`Conv2DBackpropInput: gradient conv gave [${dx.shape.join(',')}], expected [${info.inShape.join(',')}]`);
      }
      return dx;
    } finally {
      disposeAll(backend, temporaries);
    }
  };
};

export function registerConv2dBackpropInputWasm(): void {
  registerWasmKernel(tf.Conv2DBackpropInput, make);
}
