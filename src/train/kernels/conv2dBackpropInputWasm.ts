// Conv2DBackpropInput for the wasm backend: for stride 1, a convolution on XNNPACK instead of a scalar loop.
//
// With stride 1 the input gradient is an ordinary convolution of dy with the filter turned
// half a turn (kernel rows and columns reversed) and its in/out channels swapped, padded so
// every input pixel sees every tap that read it: dx[y] = Σ_i dy[y + top − i]·W[i]. The stock
// kernel runs that sum as a scalar loop; the backend's own Conv2D runs it in XNNPACK, with
// SIMD and its thread pool. Strided convolutions (whose gradient needs dy spread out with
// zeros) and NCHW go to the stock kernel.

import * as tf from '@tensorflow/tfjs';
import type { Conv2DBackpropInputAttrs, Conv2DBackpropInputInputs, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { callKernel, disposeAll, registerWasmKernel, requireStock, transpose } from './wasmKernels';

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
    const padding = info.strideHeight === 1 && info.strideWidth === 1 ? backpropInputPadding(info) : null;
    if (padding === null || tf.util.sizeFromShape(dy.shape) === 0) return stock(args);
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
