// Checks the wasm Conv2DBackpropInput override against tfjs's cpu backend, on the fast path and the stock one.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmKernels } from '.';
import { backpropInputPadding, useProduct } from './conv2dBackpropInputWasm';
import { randomInt, randomValues, rng, wasmVersusCpu } from './testing';

beforeAll(() => registerWasmKernels());

interface Case {
  x: [number, number, number, number];
  kernel: [number, number];
  outChannels: number;
  strides: [number, number];
  pad: 'valid' | 'same';
}

function randomCase(seed: number): Case {
  const r = rng(seed);
  const h = randomInt(r, 3, 14);
  const w = randomInt(r, 3, 14);
  return {
    x: [randomInt(r, 1, 3), h, w, randomInt(r, 1, 5)],
    kernel: [randomInt(r, 1, Math.min(5, h)), randomInt(r, 1, Math.min(5, w))],
    outChannels: randomInt(r, 1, 6),
    // Mostly stride 1; strided convs take the product-and-scatter way, as do stride-1 ones with much padding.
    strides: r() < 0.7 ? [1, 1] : [randomInt(r, 1, 3), randomInt(r, 1, 3)],
    pad: r() < 0.5 ? 'valid' : 'same',
  };
}

/** dx of tf.conv2d for upstream gradient dy, through tfjs's gradient machinery. */
function inputGradient(c: Case, seed: number) {
  return () => {
    const r = rng(seed);
    const filter = tf.tensor4d(randomValues(r, c.kernel[0] * c.kernel[1] * c.x[3] * c.outChannels), [...c.kernel, c.x[3], c.outChannels]);
    const conv = (x: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, filter, c.strides, c.pad);
    const x = tf.tensor4d(randomValues(r, tf.util.sizeFromShape(c.x)), c.x);
    const outShape = conv(x).shape;
    return tf.grad(conv)(x, tf.tensor(randomValues(r, tf.util.sizeFromShape(outShape)), outShape));
  };
}

describe('wasm Conv2DBackpropInput', () => {
  const cases = Array.from({ length: 50 }, (_, i) => randomCase(600 + i));
  it.each(cases.map((c, i) => [i, c] as const))('matches cpu, case %i: %o', async (i, c) => {
    expect(await wasmVersusCpu(inputGradient(c, 700 + i))).toBeLessThan(1e-5);
  });

  it('pads the gradient conv so dx has the input size, for stride-1 convs', () => {
    for (const c of cases.filter((k) => k.strides[0] === 1 && k.strides[1] === 1)) {
      const info = tf.backend_util.computeConv2DInfo(c.x, [...c.kernel, c.x[3], c.outChannels], 1, 1, c.pad);
      const padding = backpropInputPadding(info);
      expect(padding).not.toBeNull();
      const [top, bottom, left, right] = padding!;
      expect(info.outHeight + top + bottom - c.kernel[0] + 1).toBe(c.x[1]);
      expect(info.outWidth + left + right - c.kernel[1] + 1).toBe(c.x[2]);
    }
  });

  it('takes both ways among these cases, and several blocks of images on a larger batch', async () => {
    const ways = cases.map((c) => useProduct(tf.backend_util.computeConv2DInfo(c.x, [...c.kernel, c.x[3], c.outChannels], c.strides, 1, c.pad)));
    expect(ways.some((w) => w)).toBe(true);
    expect(ways.some((w) => !w)).toBe(true);
    // 40 images of 8×8 patches of 5·5·12 floats: more than one product block.
    const c: Case = { x: [40, 12, 12, 12], kernel: [5, 5], outChannels: 24, strides: [1, 1], pad: 'valid' };
    expect(useProduct(tf.backend_util.computeConv2DInfo(c.x, [5, 5, 12, 24], 1, 1, 'valid'))).toBe(true);
    expect(await wasmVersusCpu(inputGradient(c, 10))).toBeLessThan(1e-5);
  }, 60_000);

  it('matches cpu on the larger seed CNN second conv layer', async () => {
    const c: Case = { x: [4, 12, 12, 30], kernel: [3, 3], outChannels: 15, strides: [1, 1], pad: 'valid' };
    expect(await wasmVersusCpu(inputGradient(c, 9))).toBeLessThan(1e-5);
  });
});
