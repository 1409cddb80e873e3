// The fused ops on wasm against the same maths in stock tfjs ops on the cpu backend: values and every gradient.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmKernels } from '../kernels';
import { RELU_BIAS_GRAD } from '../kernels/fusedWasm';
import { randomInt, randomValues, relativeError, rng } from '../kernels/testing';
import type { Rng } from '../random';
import type { FusedActivation } from './ops';
import { tilesExactly } from '../kernels/fusedWasm';
import { batchNormTraining, conv2dBiasActivation, conv2dReluMaxPool, denseBiasActivation, softmaxCrossEntropy } from './ops';

beforeAll(() => registerWasmKernels());

type Values = { values: Float32Array[]; shapes: number[][] };

/** Runs `compute` (which makes its own inputs) on a backend; reads every tensor it returns; checks nothing leaks. */
async function on(backend: 'cpu' | 'wasm', compute: () => tf.Tensor[]): Promise<Values> {
  expect(await tf.setBackend(backend)).toBe(true);
  const tensors = tf.memory().numTensors;
  const buffers = tf.backend().numDataIds();
  const outs = tf.tidy(compute);
  const values = (await Promise.all(outs.map((t) => t.data()))) as Float32Array[];
  const shapes = outs.map((t) => t.shape.slice());
  tf.dispose(outs);
  expect(tf.memory().numTensors).toBe(tensors);
  expect(tf.backend().numDataIds()).toBe(buffers);
  return { values, shapes };
}

/**
 * Every output within `tolerance` of cpu's relative to its largest magnitude, or (`absolute`)
 * within that many units: where every value is tiny (the gradient of confident answers) float32
 * rounding of the reference itself is the larger part.
 */
async function expectAgree(fused: () => tf.Tensor[], reference: () => tf.Tensor[], tolerance = 1e-5, absolute = 0): Promise<void> {
  const expected = await on('cpu', reference);
  const actual = await on('wasm', fused);
  expect(actual.shapes).toEqual(expected.shapes);
  actual.values.forEach((v, i) => {
    const e = expected.values[i]!;
    const largest = v.reduce((m, a, k) => Math.max(m, Math.abs(a - e[k]!)), 0);
    if (largest > absolute) expect(relativeError(v, e), `output ${i}`).toBeLessThan(tolerance);
  });
}

const act = (x: tf.Tensor, a: FusedActivation) => (a === 'relu' ? tf.relu(x) : x);

interface ConvCase {
  batch: number;
  height: number;
  width: number;
  inChannels: number;
  filters: number;
  kernel: number;
  stride: number;
  pad: 'valid' | 'same';
  activation: FusedActivation;
  needDx: boolean;
}

function convCase(r: Rng): ConvCase {
  const height = randomInt(r, 3, 15);
  const width = randomInt(r, 3, 15);
  return {
    batch: randomInt(r, 1, 4),
    height,
    width,
    inChannels: randomInt(r, 1, 6),
    // Below 4 channels the ReLU gradient runs in JavaScript, from 4 as SIMD with or without a tail.
    filters: randomInt(r, 1, 13),
    kernel: Math.min(randomInt(r, 1, 5), height, width),
    stride: randomInt(r, 1, 2),
    pad: r() < 0.5 ? 'valid' : 'same',
    activation: r() < 0.7 ? 'relu' : 'linear',
    needDx: r() < 0.6,
  };
}

describe('fused conv2d + bias + activation', () => {
  const cases = Array.from({ length: 24 }, (_, i) => convCase(rng(100 + i)));
  it.each(cases.map((c, i) => [i, c] as const))('matches conv2d, add and relu on cpu, value and gradients, case %i: %o', async (i, c) => {
    const r = rng(200 + i);
    const xv = randomValues(r, c.batch * c.height * c.width * c.inChannels);
    const wv = randomValues(r, c.kernel * c.kernel * c.inChannels * c.filters);
    const bv = randomValues(r, c.filters);
    const inputs = () => ({
      x: tf.tensor4d(xv, [c.batch, c.height, c.width, c.inChannels]),
      w: tf.tensor4d(wv, [c.kernel, c.kernel, c.inChannels, c.filters]),
      b: tf.tensor1d(bv),
    });
    const upstream = (shape: number[]) => tf.tensor(randomValues(rng(300 + i), tf.util.sizeFromShape(shape)), shape);
    const check = (f: (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => tf.Tensor4D) => () => {
      const { x, w, b } = inputs();
      const y = f(x, w, b);
      const dy = upstream(y.shape);
      // Gradients of Σ y·dy: what back-propagation hands these ops.
      const loss = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => f(xx as tf.Tensor4D, ww as tf.Tensor4D, bb as tf.Tensor1D).mul(dy).sum();
      const grads = c.needDx ? tf.grads(loss)([x, w, b]) : tf.grads((ww: tf.Tensor, bb: tf.Tensor) => loss(x, ww, bb))([w, b]);
      return [y, ...grads];
    };
    await expectAgree(
      check((x, w, b) => conv2dBiasActivation(x, w, b, { strides: [c.stride, c.stride], pad: c.pad }, c.activation, c.needDx)),
      check((x, w, b) => act(tf.conv2d(x, w, c.stride, c.pad).add(b), c.activation) as tf.Tensor4D),
      1e-4,
    );
  });
});

describe('fused conv2d + bias + ReLU + max pooling', () => {
  // Pooling windows that tile the conv's output exactly, 4 channels or more (in fours or not): the cases the fused step hands this op.
  const cases = Array.from({ length: 12 }, (_, i) => {
    const r = rng(1000 + i);
    const pool = randomInt(r, 1, 3);
    const stride = randomInt(r, 1, 2);
    const pad = (r() < 0.5 ? 'valid' : 'same') as 'valid' | 'same';
    const kernel = randomInt(r, 1, 5);
    // Pick the conv's output size, then the input that gives it.
    const out = pool * randomInt(r, 1, 5);
    const size = pad === 'same' ? out * stride : (out - 1) * stride + kernel;
    return { batch: randomInt(r, 1, 3), size, inChannels: randomInt(r, 1, 5), filters: i % 2 === 0 ? 4 * randomInt(r, 1, 4) : randomInt(r, 5, 15), kernel, stride, pad, pool, needDx: r() < 0.5 };
  });
  it.each(cases.map((c, i) => [i, c] as const))('matches conv2d, add, relu and maxPool on cpu, case %i: %o', async (i, c) => {
    const r = rng(1100 + i);
    const xv = randomValues(r, c.batch * c.size * c.size * c.inChannels);
    const wv = randomValues(r, c.kernel * c.kernel * c.inChannels * c.filters);
    const bv = randomValues(r, c.filters);
    const check = (f: (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => tf.Tensor4D) => () => {
      const [x, w, b] = [tf.tensor4d(xv, [c.batch, c.size, c.size, c.inChannels]), tf.tensor4d(wv, [c.kernel, c.kernel, c.inChannels, c.filters]), tf.tensor1d(bv)];
      const y = f(x, w, b);
      const dy = tf.tensor(randomValues(rng(1200 + i), tf.util.sizeFromShape(y.shape)), y.shape);
      const loss = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => f(xx as tf.Tensor4D, ww as tf.Tensor4D, bb as tf.Tensor1D).mul(dy).sum();
      const grads = c.needDx ? tf.grads(loss)([x, w, b]) : tf.grads((ww: tf.Tensor, bb: tf.Tensor) => loss(x, ww, bb))([w, b]);
      return [y, ...grads];
    };
    const conv = (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => tf.relu(tf.conv2d(x, w, c.stride, c.pad).add(b)) as tf.Tensor4D;
    await on('cpu', () => {
      const shape = tf.tidy(() => conv(tf.zeros([c.batch, c.size, c.size, c.inChannels]), tf.zeros([c.kernel, c.kernel, c.inChannels, c.filters]), tf.zeros([c.filters])).shape);
      expect(tilesExactly(shape, { filterSize: c.pool, strides: c.pool })).toBe(true);
      return [];
    });
    await expectAgree(
      check((x, w, b) => conv2dReluMaxPool(x, w, b, { strides: [c.stride, c.stride], pad: c.pad }, { filterSize: c.pool, strides: c.pool }, c.needDx)),
      check((x, w, b) => tf.maxPool(conv(x, w, b), c.pool, c.pool, 'valid')),
      1e-4,
    );
  });
});

describe('fused dense + bias + activation', () => {
  const cases = Array.from({ length: 16 }, (_, i) => {
    const r = rng(400 + i);
    return { n: randomInt(r, 1, 20), k: randomInt(r, 1, 50), m: randomInt(r, 1, 40), activation: (r() < 0.7 ? 'relu' : 'linear') as FusedActivation, needDx: r() < 0.6 };
  });
  it.each(cases.map((c, i) => [i, c] as const))('matches matMul, add and relu on cpu, case %i: %o', async (i, c) => {
    const r = rng(500 + i);
    const [xv, wv, bv, dyv] = [randomValues(r, c.n * c.k), randomValues(r, c.k * c.m), randomValues(r, c.m), randomValues(r, c.n * c.m)];
    const check = (f: (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D) => () => {
      const [x, w, b] = [tf.tensor2d(xv, [c.n, c.k]), tf.tensor2d(wv, [c.k, c.m]), tf.tensor1d(bv)];
      const dy = tf.tensor2d(dyv, [c.n, c.m]);
      const loss = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => f(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D).mul(dy).sum();
      const grads = c.needDx ? tf.grads(loss)([x, w, b]) : tf.grads((ww: tf.Tensor, bb: tf.Tensor) => loss(x, ww, bb))([w, b]);
      return [f(x, w, b), ...grads];
    };
    await expectAgree(
      check((x, w, b) => denseBiasActivation(x, w, b, c.activation, c.needDx)),
      check((x, w, b) => act(tf.matMul(x, w).add(b), c.activation) as tf.Tensor2D),
      1e-4,
    );
  });
});

describe('fused softmax cross-entropy', () => {
  // Any number of classes; large logits push the true class past Keras's clip, where no gradient flows.
  const cases = Array.from({ length: 16 }, (_, i) => {
    const r = rng(600 + i);
    return { n: randomInt(r, 1, 30), classes: randomInt(r, 2, 12), scale: [1, 5, 40][i % 3]! };
  });
  it.each(cases.map((c, i) => [i, c] as const))('matches Keras categorical cross-entropy of softmax on cpu, case %i: %o', async (i, c) => {
    const r = rng(700 + i);
    const zv = randomValues(r, c.n * c.classes).map((v) => v * c.scale);
    const labels = Int32Array.from({ length: c.n }, () => randomInt(r, 0, c.classes - 1));
    const make = () => [tf.tensor2d(zv, [c.n, c.classes]), tf.tensor1d(labels, 'int32')] as const;
    await expectAgree(
      () => {
        const [z, t] = make();
        let correct: tf.Scalar | null = null;
        const { value, grad } = tf.valueAndGrad((zz: tf.Tensor) => {
          const out = softmaxCrossEntropy(zz as tf.Tensor2D, t);
          correct = out.correct;
          return out.loss;
        })(z);
        return [value, grad, correct!];
      },
      () => {
        const [z, t] = make();
        const loss = (zz: tf.Tensor) => tf.metrics.categoricalCrossentropy(tf.oneHot(t, c.classes), tf.softmax(zz)).mean() as tf.Scalar;
        const { value, grad } = tf.valueAndGrad(loss)(z);
        const correct = tf.equal(tf.argMax(tf.softmax(z), 1), t).sum().toFloat();
        return [value, grad, correct];
      },
      1e-5,
      // p − onehot of a confident answer is a few float32 steps of p, divided by n.
      1e-6 / c.n,
    );
  });
});

describe('fused batch normalisation in training', () => {
  // Channels in fours run as SIMD, others in JavaScript; flat (dense) inputs and volumes.
  const cases = Array.from({ length: 14 }, (_, i) => {
    const r = rng(800 + i);
    const channels = i % 2 === 0 ? 4 * randomInt(r, 1, 6) : randomInt(r, 1, 13);
    const lead = i % 3 === 0 ? [randomInt(r, 1, 40)] : [randomInt(r, 1, 5), randomInt(r, 1, 9), randomInt(r, 1, 9)];
    return { shape: [...lead, channels], epsilon: i % 4 === 0 ? 1e-5 : 1e-3 };
  });
  it.each(cases.map((c, i) => [i, c] as const))('matches moments and batchNorm on cpu, with gradients of x, γ and β, case %i: %o', async (i, c) => {
    const channels = c.shape.at(-1)!;
    const r = rng(900 + i);
    // An offset mean and a spread of its own per channel, as activations have.
    const xv = randomValues(r, tf.util.sizeFromShape(c.shape)).map((v, k) => 3 * v * (1 + (k % channels)) + (k % channels));
    const [gv, bv, dyv] = [randomValues(r, channels), randomValues(r, channels), randomValues(r, tf.util.sizeFromShape(c.shape))];
    // The fused op keeps its mean and variance out of every tidy (they feed the moving averages): its caller disposes them.
    const run = (f: (x: tf.Tensor, g: tf.Tensor1D, b: tf.Tensor1D) => { y: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor }, kept: boolean) => () => {
      const [x, g, b, dy] = [tf.tensor(xv, c.shape), tf.tensor1d(gv), tf.tensor1d(bv), tf.tensor(dyv, c.shape)];
      const out = f(x, g, b);
      const grads = tf.grads((xx: tf.Tensor, gg: tf.Tensor, bb: tf.Tensor) => {
        const o = f(xx, gg as tf.Tensor1D, bb as tf.Tensor1D);
        if (kept) tf.dispose([o.mean, o.variance]);
        return o.y.mul(dy).sum();
      })([x, g, b]);
      return [out.y, out.mean, out.variance, ...grads];
    };
    const axes = c.shape.slice(0, -1).map((_, k) => k);
    await expectAgree(
      run((x, g, b) => batchNormTraining(x, g, b, c.epsilon), true),
      run((x, g, b) => {
        const { mean, variance } = tf.moments(x, axes);
        return { y: tf.batchNorm(x, mean, variance, b, g, c.epsilon), mean, variance };
      }, false),
      1e-4,
    );
  });
});

describe('ReLU and bias gradient kernel', () => {
  it('propagates NaN as tfjs does and sums the bias gradient over every leading axis', async () => {
    for (const cols of [1, 3, 4, 6, 32]) {
      const r = rng(cols);
      const yv = randomValues(r, 7 * 5 * cols).map((v, k) => (k % 11 === 0 ? NaN : k % 13 === 0 ? 0 : v));
      const dyv = randomValues(r, 7 * 5 * cols).map((v, k) => (k % 17 === 0 ? NaN : v));
      const shape = [7, 5, cols];
      const expected = await on('cpu', () => {
        const dz = tf.tensor(dyv, shape).mul(tf.step(tf.tensor(yv, shape)));
        return [dz, dz.sum([0, 1])];
      });
      const actual = await on('wasm', () => tf.engine().runKernel(RELU_BIAS_GRAD, { dy: tf.tensor(dyv, shape), y: tf.tensor(yv, shape) }) as unknown as tf.Tensor[]);
      expect(actual.shapes).toEqual(expected.shapes);
      expect(Array.from(actual.values[0]!).map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual(Array.from(expected.values[0]!).map((v) => (Number.isNaN(v) ? 'NaN' : v)));
      expect(relativeError(actual.values[1]!, expected.values[1]!)).toBeLessThan(1e-6);
    }
  });
});
