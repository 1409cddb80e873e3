// Checks the wasm Conv2DBackpropFilter against tfjs's cpu backend, for leaks, and in a model.fit step.
import * as tf from '@tensorflow/tfjs';
// Registers the backend. Its Node build finds its .wasm files beside itself, so unlike the worker
// (see backends.ts) this needs no setWasmPaths.
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { registerWasmKernels } from '.';
import { conv2dBackpropFilter, PATCH_ROWS_LIMIT } from './conv2dBackpropFilterWasm';
import { randomValues, relativeError, rng } from './testing';
import type { Rng } from '../random';

beforeAll(async () => {
  registerWasmKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

interface Case {
  batch: number;
  height: number;
  width: number;
  inChannels: number;
  outChannels: number;
  kernel: [number, number];
  strides: [number, number];
  pad: 'valid' | 'same';
}

function randomCase(r: Rng): Case {
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const height = int(5, 16);
  const width = int(5, 16);
  return {
    batch: int(1, 4),
    height,
    width,
    inChannels: int(1, 4),
    outChannels: int(1, 6),
    // Non-square kernels and strides too: height and width take separate code paths.
    kernel: [Math.min(int(1, 5), height), Math.min(int(1, 5), width)],
    strides: [int(1, 3), int(1, 3)],
    pad: r() < 0.5 ? 'valid' : 'same',
  };
}

async function useBackend(name: 'wasm' | 'cpu'): Promise<void> {
  expect(await tf.setBackend(name)).toBe(true);
}

/** dW of tf.conv2d through the gradient machinery on the active backend, checking nothing leaks. */
async function filterGradient(c: Case, xValues: Float32Array, wValues: Float32Array, dyValues: Float32Array): Promise<Float32Array> {
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = tf.backend().numDataIds();
  const x = tf.tensor4d(xValues, [c.batch, c.height, c.width, c.inChannels]);
  const w = tf.tensor4d(wValues, [...c.kernel, c.inChannels, c.outChannels]);
  const forward = (xx: tf.Tensor, ww: tf.Tensor): tf.Tensor4D => tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, c.strides, c.pad);
  const outShape = tf.tidy(() => forward(x, w).shape);
  const dy = tf.tensor4d(dyValues.subarray(0, tf.util.sizeFromShape(outShape)), outShape);
  const [dx, dw] = tf.grads(forward)([x, w], dy);
  if (dx === undefined || dw === undefined) throw new Error('tf.grads returned too few gradients');
  const values = (await dw.data()) as Float32Array;
  tf.dispose([x, w, dy, dx, dw]);
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  // Kernel intermediates are backend buffers the engine never sees as tensors: count those too.
  expect(tf.backend().numDataIds()).toBe(buffersBefore);
  return values;
}

describe('wasm Conv2DBackpropFilter', () => {
  it('is registered once, however often registration runs', () => {
    // A second registration would replace the kernel with a console warning.
    const warn = vi.spyOn(console, 'warn');
    registerWasmKernels();
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm').kernelFunc).toBe(conv2dBackpropFilter);
  });

  const cases = Array.from({ length: 40 }, (_, i) => randomCase(rng(1000 + i)));
  it.each(cases.map((c, i) => [i, c] as const))('matches cpu, case %i: %o', async (i, c) => {
    const r = rng(2000 + i);
    // Enough dy values for any output shape of this case: out <= in when the stride is >= 1.
    const xValues = randomValues(r, c.batch * c.height * c.width * c.inChannels);
    const wValues = randomValues(r, c.kernel[0] * c.kernel[1] * c.inChannels * c.outChannels);
    const dyValues = randomValues(r, c.batch * c.height * c.width * c.outChannels);

    await useBackend('cpu');
    const expected = await filterGradient(c, xValues, wValues, dyValues);
    await useBackend('wasm');
    const actual = await filterGradient(c, xValues, wValues, dyValues);
    expect(relativeError(actual, expected)).toBeLessThan(1e-4);
  });

  it('covers every stride, padding and uneven fit among the cases', () => {
    const strides = new Set(cases.flatMap((c) => c.strides));
    const pads = new Set(cases.map((c) => c.pad));
    // A valid conv whose stride leaves input rows unread exercises the crop path.
    const uneven = cases.filter((c) => c.pad === 'valid' && (c.height - c.kernel[0]) % c.strides[0] !== 0);
    expect([...strides].sort()).toEqual([1, 2, 3]);
    expect([...pads].sort()).toEqual(['same', 'valid']);
    expect(uneven.length).toBeGreaterThan(0);
    // Both ways of computing it: a product of patches with dy, and a swapped convolution.
    const rows = cases.map((c) => c.kernel[0] * c.kernel[1] * c.inChannels);
    expect(rows.some((n) => n <= PATCH_ROWS_LIMIT) && rows.some((n) => n > PATCH_ROWS_LIMIT)).toBe(true);
  });

  // Attributes tf.conv2d's gradient never produces but the kernel accepts: numeric and explicit
  // padding with rounding modes, and NCHW. Called through the engine directly on both backends.
  const direct: { name: string; x: number[]; dy: number[]; attrs: tf.Conv2DBackpropFilterAttrs }[] = [
    { name: 'pad 1, stride 2', x: [2, 9, 7, 3], dy: [2, 5, 4, 4], attrs: { strides: 2, pad: 1, dataFormat: 'NHWC', filterShape: [3, 3, 3, 4] } },
    { name: 'pad 1, ceil', x: [1, 8, 8, 2], dy: [1, 5, 5, 3], attrs: { strides: 2, pad: 1, dataFormat: 'NHWC', dimRoundingMode: 'ceil', filterShape: [3, 3, 2, 3] } },
    { name: 'explicit', x: [2, 7, 9, 2], dy: [2, 4, 4, 5], attrs: { strides: [2, 3], pad: [[0, 0], [2, 0], [1, 3], [0, 0]], dataFormat: 'NHWC', filterShape: [3, 4, 2, 5] } },
    { name: 'NCHW same', x: [3, 2, 10, 11], dy: [3, 4, 4, 4], attrs: { strides: 3, pad: 'same', dataFormat: 'NCHW', filterShape: [4, 2, 2, 4] } },
  ];
  it.each(direct.map((d, i) => ({ ...d, seed: 3000 + i })))('matches cpu when called directly: $name', async ({ x, dy, attrs, seed }) => {
    const r = rng(seed);
    const xValues = randomValues(r, tf.util.sizeFromShape(x));
    const dyValues = randomValues(r, tf.util.sizeFromShape(dy));
    const run = async (): Promise<Float32Array> => {
      const before = tf.backend().numDataIds();
      const xt = tf.tensor(xValues, x);
      const dyt = tf.tensor(dyValues, dy);
      const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x: xt, dy: dyt }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
      expect(dw.shape).toEqual(attrs.filterShape);
      const values = (await dw.data()) as Float32Array;
      tf.dispose([xt, dyt, dw]);
      expect(tf.backend().numDataIds()).toBe(before);
      return values;
    };
    await useBackend('cpu');
    const expected = await run();
    await useBackend('wasm');
    expect(relativeError(await run(), expected)).toBeLessThan(1e-4);
  });

  // Small filters with 4 output channels or more take the SIMD rows-times-matrix product: blocks
  // of 4 taps by 8 channels, leftover taps one by one, a last group of 4 channels on its own, and
  // a masked last group when the channels do not come in fours (the larger seed CNN's 30).
  const product: Case[] = [4, 5, 8, 11, 12, 20, 30, 32].flatMap((outChannels, i) => [
    { batch: 1 + (i % 3), height: 9, width: 11, inChannels: 1, outChannels, kernel: [5, 5], strides: [1, 1], pad: 'valid' },
    { batch: 2, height: 8, width: 7, inChannels: 2, outChannels, kernel: [3, 2], strides: [2, 1], pad: 'same' },
    { batch: 3, height: 6, width: 6, inChannels: 1, outChannels, kernel: [1, 3], strides: [1, 2], pad: 'valid' },
  ] satisfies Case[]);
  it.each(product.map((c, i) => [i, c] as const))('matches cpu on the SIMD product path, case %i: %o', async (i, c) => {
    expect(c.kernel[0] * c.kernel[1] * c.inChannels).toBeLessThanOrEqual(PATCH_ROWS_LIMIT);
    const r = rng(5000 + i);
    const xValues = randomValues(r, c.batch * c.height * c.width * c.inChannels);
    const wValues = randomValues(r, c.kernel[0] * c.kernel[1] * c.inChannels * c.outChannels);
    const dyValues = randomValues(r, c.batch * c.height * c.width * c.outChannels);
    await useBackend('cpu');
    const expected = await filterGradient(c, xValues, wValues, dyValues);
    await useBackend('wasm');
    expect(relativeError(await filterGradient(c, xValues, wValues, dyValues), expected)).toBeLessThan(1e-5);
  });

  it('matches cpu on the seed CNN first layer, summed over several blocks of images', async () => {
    // 20 images of 24 × 24 outputs: more dy rows than one product takes.
    const c: Case = { batch: 20, height: 28, width: 28, inChannels: 1, outChannels: 32, kernel: [5, 5], strides: [1, 1], pad: 'valid' };
    const r = rng(4000);
    const xValues = randomValues(r, 20 * 28 * 28);
    const wValues = randomValues(r, 5 * 5 * 32);
    const dyValues = randomValues(r, 20 * 24 * 24 * 32);
    await useBackend('cpu');
    const expected = await filterGradient(c, xValues, wValues, dyValues);
    await useBackend('wasm');
    expect(relativeError(await filterGradient(c, xValues, wValues, dyValues), expected)).toBeLessThan(1e-5);
  }, 60_000); // the cpu reference takes seconds on a busy machine

  it('trains a small conv model with model.fit on wasm', async () => {
    await useBackend('wasm');
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [12, 12, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
    const r = rng(7);
    const xs = tf.tensor4d(randomValues(r, 16 * 12 * 12), [16, 12, 12, 1]);
    const labels = Array.from({ length: 16 }, () => Math.floor(r() * 10));
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10));
    // getWeights() hands out the live variables: copy the values, never dispose them.
    const kernelValues = async (): Promise<Float32Array> => {
      const kernel = model.layers[0]?.getWeights()[0];
      if (kernel === undefined) throw new Error('conv layer has no kernel');
      return (await kernel.data()) as Float32Array;
    };
    const initial = await kernelValues();

    const history = await model.fit(xs, ys, { epochs: 1, batchSize: 16, verbose: 0 });
    expect(Number.isFinite(history.history.loss?.[0])).toBe(true);
    // One Adam step moves every kernel weight by about the learning rate, far above rounding.
    expect(relativeError(await kernelValues(), initial)).toBeGreaterThan(1e-3);

    // The first step creates Adam's moment variables; from then on each step must leave none behind.
    const tensors = tf.memory().numTensors;
    await model.fit(xs, ys, { epochs: 1, batchSize: 16, verbose: 0 });
    expect(tf.memory().numTensors).toBe(tensors);

    tf.dispose([xs, ys]);
    model.dispose();
  });
});
