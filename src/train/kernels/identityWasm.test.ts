// Checks the wasm Identity override: clones share a buffer, stay valid on their own, and free it once.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmKernels } from '.';

beforeAll(async () => {
  registerWasmKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

describe('wasm Identity', () => {
  it('gives a clone that outlives its source and frees the buffer with the last of them', async () => {
    const buffers = tf.backend().numDataIds();
    const source = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const clone = source.clone();
    expect(tf.backend().numDataIds()).toBe(buffers + 1); // shared, not copied
    source.dispose();
    expect(Array.from(await clone.data())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(clone.shape).toEqual([2, 3]);
    clone.dispose();
    expect(tf.backend().numDataIds()).toBe(buffers);
  });

  it('keeps saved activations intact through a training step', async () => {
    // The engine clones what gradients need; a clone sharing a buffer must still see the same values.
    const x = tf.tensor2d([[1, -2], [3, -4]]);
    const w = tf.variable(tf.tensor2d([[1, -1], [-1, 0.25]]));
    const grad = tf.grad((v: tf.Tensor) => tf.relu(tf.matMul(x, v)).sum())(w);
    // d/dw Σ relu(x·w) = xᵀ·step(x·w); x·w = [[3, -1.5], [7, -4]], so step = [[1, 0], [1, 0]].
    expect(Array.from(await grad.data())).toEqual([4, 0, -6, 0]);
    tf.dispose([x, w, grad]);
  });

  it('copies strings through the stock kernel', async () => {
    const s = tf.tensor1d(['a', 'b']);
    const c = s.clone();
    s.dispose();
    expect(await c.array()).toEqual(['a', 'b']);
    c.dispose();
  });
});
