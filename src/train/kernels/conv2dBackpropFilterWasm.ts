// Conv2DBackpropFilter for the wasm backend (missing from tfjs-backend-wasm 4.22), on XNNPACK.
//
// Two ways, both keeping the arithmetic in XNNPACK (SIMD, and multi-threaded where the page
// allows it) rather than a scalar loop:
// - Small filters (kh·kw·inC rows, a first layer on 1-channel digits): the patches of x as rows
//   (im2col.ts) times dy as a [pixels, outC] matrix, in blocks of images so that XNNPACK's
//   packing of dy, redone every call because dy is new each step, stays in cache.
// - Otherwise the gradient as a convolution:
//     dW[i, j, c, o] = Σ_{b, p, q} x[b, p·s + i − top, q·s + j − left, c] · dy[b, p, q, o]
//   Read x as an image of `inC` "batches" with `batch` channels, and dy as a filter of
//   outH × outW taps from `batch` to `outC` channels, dilated by s. Then dW is a stride-1
//   conv of the two, laid out [inC, kh, kw, outC]; the rest is transposes that move the batch axis.

import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropFilterAttrs, Conv2DBackpropFilterInputs, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { PatchGeometry } from './im2col';
import { patchRows } from './im2col';
import { simdLoops } from './simd';
import { callKernel, disposeAll, floats, registerWasmKernel, transpose, wasmBackend } from './wasmKernels';

type Shape4 = [number, number, number, number];

/** Where the padded input is read, and whether the bottom/right edge must be cropped first. */
interface SwappedConvPlan {
  /** Zero rows/columns the gradient conv adds above and to the left (the forward conv's). */
  top: number;
  left: number;
  /** Zero rows/columns added below and to the right; never negative. */
  bottom: number;
  right: number;
  /** Rows/columns of x that the forward conv never read and the gradient conv must not see. */
  cropHeight: number;
  cropWidth: number;
}

/**
 * Padding for the gradient conv so its output is exactly kh × kw. The forward conv's last window
 * ends at (out − 1)·s + k − 1 − top; rows past the input there are zero padding (bottom > 0),
 * rows before the end were never read (a stride or valid padding that does not divide evenly),
 * and XNNPACK takes no negative padding, so those are cropped off x instead.
 */
function planSwappedConv(info: tf.backend_util.Conv2DInfo): SwappedConvPlan {
  const { inHeight, inWidth, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  const bottom = (outHeight - 1) * strideHeight + filterHeight - padInfo.top - inHeight;
  const right = (outWidth - 1) * strideWidth + filterWidth - padInfo.left - inWidth;
  return {
    top: padInfo.top,
    left: padInfo.left,
    bottom: Math.max(0, bottom),
    right: Math.max(0, right),
    cropHeight: Math.max(0, -bottom),
    cropWidth: Math.max(0, -right),
  };
}

/**
 * Below this many patch rows (kh·kw·inC) the gradient is faster as one matrix product of the
 * patches with dy: a first layer on 1-channel digits gives a swapped conv of 25 output pixels,
 * a shape XNNPACK's convolution handles poorly, while the product needs no transposes at all.
 */
export const PATCH_ROWS_LIMIT = 32;

/**
 * dy rows per matrix product in the patch gradient. XNNPACK packs dy (its "weights") afresh
 * for every product, and packing a block that no longer fits in cache costs several times the
 * product itself (about 20 ms for the seed CNN's 115,200 × 32 dy, against 6 ms to multiply);
 * in blocks of this many rows the packing stays in cache.
 */
const ROWS_PER_PRODUCT = 4096;

function geometryOf(info: tf.backend_util.Conv2DInfo, images: number): PatchGeometry {
  return {
    batch: images,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    channels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/**
 * dW = Σ over blocks of images of patchesᵀ · dy (NHWC only), each block summed in float32 and
 * the blocks in float64. With SIMD and 4 output channels or more, the patches of a block go to a
 * scratch buffer and rowsTimesMatrix multiplies them with dy where it lies (nothing copied or
 * packed); otherwise each block is a product on XNNPACK.
 */
function patchGradient(backend: unknown, x: TensorInfo, dy: TensorInfo, info: tf.backend_util.Conv2DInfo, filterShape: Shape4): TensorInfo {
  const wasm = wasmBackend(backend);
  const rows = info.filterHeight * info.filterWidth * info.inChannels;
  const pixels = info.outHeight * info.outWidth;
  const imageSize = info.inHeight * info.inWidth * info.inChannels;
  const outChannels = info.outChannels;
  const imagesPerProduct = Math.max(1, Math.floor(ROWS_PER_PRODUCT / pixels));
  const total = new Float64Array(rows * outChannels);
  const simd = simdLoops(wasm);
  const direct = simd !== null && outChannels >= 4;
  const scratch = direct
    ? [wasm.makeOutput([rows * Math.min(imagesPerProduct, info.batchSize) * pixels], 'float32'), wasm.makeOutput([rows * outChannels], 'float32')]
    : [];
  try {
    for (let first = 0; first < info.batchSize; first += imagesPerProduct) {
      const images = Math.min(imagesPerProduct, info.batchSize - first);
      const g = geometryOf(info, images);
      const source = (patches: TensorInfo) => {
        const xs = floats(wasm, x).subarray(first * imageSize, (first + images) * imageSize);
        if (simd === null) patchRows(xs, g, floats(wasm, patches));
        else simd.patchRows(xs.byteOffset, floats(wasm, patches).byteOffset, g.batch, g.inHeight, g.inWidth, g.channels,
          g.outHeight, g.outWidth, g.filterHeight, g.filterWidth, g.strideHeight, g.strideWidth, g.padTop, g.padLeft);
      };
      const dyRows = floats(wasm, dy).subarray(first * pixels * outChannels, (first + images) * pixels * outChannels);
      if (direct) {
        const [patches, sums] = scratch as [TensorInfo, TensorInfo];
        source(patches);
        floats(wasm, sums).fill(0);
        simd.rowsTimesMatrix(floats(wasm, patches).byteOffset, rows, images * pixels, dyRows.byteOffset, outChannels, floats(wasm, sums).byteOffset);
        addInto(total, floats(wasm, sums));
      } else {
        productOnXnnpack(wasm, rows, images * pixels, outChannels, source, dyRows, total);
      }
    }
  } finally {
    disposeAll(backend, scratch);
  }
  const out = wasm.makeOutput([...filterShape], 'float32');
  floats(wasm, out).set(total);
  return out;
}

function addInto(total: Float64Array, values: Float32Array): void {
  for (let i = 0; i < total.length; i++) total[i] = total[i]! + values[i]!;
}

/** One block's patchesᵀ · dy as an XNNPACK product, added into `total`. */
function productOnXnnpack(
  wasm: ReturnType<typeof wasmBackend>, rows: number, columns: number, outChannels: number,
  source: (patches: TensorInfo) => void, dyRows: Float32Array, total: Float64Array,
): void {
  // Fresh tensors each time: Conv2D and BatchMatMul cache XNNPACK operators by tensor id.
  const patches = wasm.makeOutput([1, rows, columns], 'float32');
  const dyBlock = wasm.makeOutput([1, columns, outChannels], 'float32');
  const temporaries: TensorInfo[] = [patches, dyBlock];
  try {
    source(patches);
    floats(wasm, dyBlock).set(dyRows);
    // No transposes: the stock kernel sends this to XNNPACK.
    const product = callKernel(tf.BatchMatMul, wasm, { a: patches, b: dyBlock }, { transposeA: false, transposeB: false });
    temporaries.push(product);
    addInto(total, floats(wasm, product));
  } finally {
    disposeAll(wasm, temporaries);
  }
}

export const conv2dBackpropFilter: KernelFunc = (args) => {
  const { backend } = args;
  const { x, dy } = args.inputs as Conv2DBackpropFilterInputs;
  if (x === undefined || dy === undefined) throw new Error('Conv2DBackpropFilter needs x and dy');
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs as unknown as Conv2DBackpropFilterAttrs;

  const format = tf.backend_util.convertConv2DDataFormat(dataFormat);
  // The same call tfjs's cpu and webgl kernels make, so padding and output sizes agree exactly.
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode, false, format);
  const { batchSize, inChannels, outChannels, outHeight, outWidth, filterHeight, filterWidth } = info;
  const channelsLast = info.dataFormat === 'channelsLast';
  const dyShape = channelsLast ? [batchSize, outHeight, outWidth, outChannels] : [batchSize, outChannels, outHeight, outWidth];
  if (!tf.util.arraysEqual(dy.shape, dyShape)) {
    throw new Error(`Conv2DBackpropFilter: dy has shape [${dy.shape.join(',')}], the conv gives [${dyShape.join(',')}]`);
  }

  if (batchSize * outHeight * outWidth === 0 || tf.util.sizeFromShape(x.shape) === 0) {
    // Nothing to sum. XNNPACK takes no zero-sized channels, and a fresh wasm buffer is not zeroed.
    return callKernel(tf.Fill, backend, {}, { shape: filterShape, value: 0, dtype: 'float32' });
  }

  if (channelsLast && filterHeight * filterWidth * inChannels <= PATCH_ROWS_LIMIT) return patchGradient(backend, x, dy, info, filterShape);

  const plan = planSwappedConv(info);
  const intermediates: TensorInfo[] = [];
  try {
    // x → [inC, H, W, batch]: input channels become the conv's batch, the batch its channels.
    let image = transpose(backend, x, channelsLast ? [3, 1, 2, 0] : [1, 2, 3, 0]);
    intermediates.push(image);
    if (plan.cropHeight > 0 || plan.cropWidth > 0) {
      image = callKernel(tf.Slice, backend, { x: image }, {
        begin: [0, 0, 0, 0],
        size: [inChannels, info.inHeight - plan.cropHeight, info.inWidth - plan.cropWidth, batchSize],
      });
      intermediates.push(image);
    }
    // dy → [outH, outW, batch, outC]: a filter from the batch "channels" to the output channels.
    const filter = transpose(backend, dy, channelsLast ? [1, 2, 0, 3] : [2, 3, 0, 1]);
    // Disposing this tensor also frees the XNNPACK operator Conv2D caches per filter.
    intermediates.push(filter);

    const grad = callKernel(tf.Conv2D, backend, { x: image, filter }, {
      strides: [1, 1],
      pad: [[0, 0], [plan.top, plan.bottom], [plan.left, plan.right], [0, 0]],
      dataFormat: 'NHWC',
      dilations: [info.strideHeight, info.strideWidth],
      dimRoundingMode: 'floor',
    });
    if (!tf.util.arraysEqual(grad.shape, [inChannels, filterHeight, filterWidth, outChannels])) {
      intermediates.push(grad);
      throw new Error(`Conv2DBackpropFilter: gradient conv gave [${grad.shape.join(',')}]`);
    }
    if (inChannels === 1) {
      // [1, kh, kw, outC] and [kh, kw, 1, outC] share one memory layout: relabel, don't copy.
      return { dataId: grad.dataId, shape: [...filterShape], dtype: grad.dtype };
    }
    intermediates.push(grad);
    return transpose(backend, grad, [1, 2, 0, 3]);
  } finally {
    disposeAll(backend, intermediates);
  }
};

/** Adds the kernel to the wasm backend (replacing one a later tfjs release might ship). */
export function registerConv2dBackpropFilterWasm(): void {
  registerWasmKernel(tf.Conv2DBackpropFilter, () => conv2dBackpropFilter);
}
