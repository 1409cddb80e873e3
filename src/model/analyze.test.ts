import { describe, expect, it } from 'vitest';
import { analyze, batchMemoryProblem, largestBatch } from './analyze';
import type { Architecture, Layer } from './architecture';
import { makeArchitecture } from './architecture';
import { PRESETS, findPreset } from './presets';
import { shapeKey } from './shape';
import { LIMITS } from './validate';

function preset(id: string): Architecture {
  const p = findPreset(id);
  if (!p) throw new Error(`no preset ${id}`);
  return p.architecture;
}

describe('figures in DESIGN.md', () => {
  it('crash course worked example', () => {
    const a = analyze(preset('crash-course'));
    const [conv, pool, , dense] = a.rows;
    expect(conv?.params).toBe(260); // 26 weights per filter, 10 filters
    expect(conv && shapeKey(conv.outputShape!)).toBe('28x28x10'); // 7,840 outputs
    expect(conv?.connections).toBe(203_840);
    expect(conv?.connectionsFormula).toBe('(5·5·1 + 1) · 10 · 28 · 28 = 203,840');
    expect(pool && shapeKey(pool.outputShape!)).toBe('14x14x10');
    expect(dense?.params).toBe(1961 * 200);
    expect(dense?.connections).toBe(392_200);
    expect(dense?.connectionsFormula).toBe('(1,960 + 1) · 200 = 392,200');
    expect(a.valid).toBe(true);
  });

  it.each([
    ['seed-mlp', 623_290],
    ['seed-simple-cnn', 592_074],
    ['seed-larger-cnn', 59_933],
  ])('%s has %i parameters', (id, params) => {
    const a = analyze(preset(id));
    expect(a.totals.params).toBe(params);
    expect(a.totals.weightBytes).toBe(params * 4);
    expect(a.valid).toBe(true);
  });

  it('LeNet-5 C1: 156 parameters, 122,304 connections', () => {
    const c1 = analyze(preset('lenet5')).rows[0];
    expect(c1?.params).toBe(156);
    expect(c1?.connections).toBe(122_304);
  });

  it('every preset but the empty one is valid', () => {
    for (const p of PRESETS) expect(analyze(p.architecture).valid).toBe(p.id !== 'empty');
  });
});

describe('counting rules', () => {
  it('pooling reads its window for every output', () => {
    const a = analyze(makeArchitecture(28, [{ type: 'averagePooling2d', poolSize: 3, strides: 2, padding: 'valid' }]));
    // floor((28 - 3) / 2) + 1 = 13
    expect(shapeKey(a.rows[0]!.outputShape!)).toBe('13x13x1');
    expect(a.rows[0]?.connections).toBe(3 * 3 * 13 * 13);
    expect(a.rows[0]?.params).toBe(0);
  });

  it('same padding uses ceil(n / s)', () => {
    const a = analyze(makeArchitecture(28, [{ type: 'conv2d', filters: 4, kernelSize: 5, strides: 3, padding: 'same', activation: 'relu' }]));
    expect(shapeKey(a.rows[0]!.outputShape!)).toBe('10x10x4');
  });

  it('batch normalisation: 4 per channel, 2 trainable, no connections', () => {
    const a = analyze(
      makeArchitecture(28, [
        { type: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
        { type: 'batchNormalization' },
      ]),
    );
    expect(a.rows[1]?.params).toBe(32);
    expect(a.rows[1]?.trainableParams).toBe(16);
    expect(a.rows[1]?.connections).toBe(0);
    expect(a.totals.trainableParams).toBe(80 + 16);
  });
});

describe('validation', () => {
  const conv = (kernelSize: number, padding: 'valid' | 'same' = 'valid'): Layer => ({
    type: 'conv2d', filters: 2, kernelSize, strides: 1, padding, activation: 'relu',
  });
  const tail: Layer[] = [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }];

  it('a kernel larger than its input names the layer and offers same padding', () => {
    const arch = makeArchitecture(28, [
      { type: 'maxPooling2d', poolSize: 8, strides: 8, padding: 'valid' },
      conv(5),
      ...tail,
    ]);
    const a = analyze(arch);
    expect(a.valid).toBe(false);
    const issue = a.rows[1]?.issues[0];
    expect(issue?.message).toMatch(/Conv2D \(layer 2\).*5×5 kernel does not fit its 3×3×1 input/);
    const fixed = issue!.fix!.apply(arch);
    expect(analyze(fixed).valid).toBe(true);
  });

  it.each([
    [{ type: 'conv2d', filters: 0, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' }, /filters must be a whole number/],
    [{ type: 'conv2d', filters: 4, kernelSize: 2.5, strides: 1, padding: 'valid', activation: 'relu' }, /kernel size must be a whole number/],
    [{ type: 'maxPooling2d', poolSize: -2, strides: 2, padding: 'valid' }, /pool size must be a whole number/],
    [{ type: 'dropout', rate: 1 }, /rate must be at least 0 and below 1/],
    [{ type: 'dropout', rate: -0.1 }, /rate must be at least 0 and below 1/],
  ] as [Layer, RegExp][])('rejects bad settings %#', (layer, pattern) => {
    const a = analyze(makeArchitecture(28, [layer, ...tail]));
    expect(a.rows[0]?.issues[0]?.message).toMatch(pattern);
    expect(a.rows[0]?.outputShape).toBeNull();
    expect(a.valid).toBe(false);
  });

  it('dense after a volume offers to insert Flatten', () => {
    const arch = makeArchitecture(28, [conv(3), { type: 'dense', units: 10, activation: 'softmax' }]);
    const issue = analyze(arch).rows[1]?.issues[0];
    expect(issue?.message).toMatch(/insert a Flatten/);
    const fixed = issue!.fix!.apply(arch);
    expect(fixed.layers.map((l) => l.type)).toEqual(['conv2d', 'flatten', 'dense']);
    expect(analyze(fixed).valid).toBe(true);
  });

  it('the last layer must be a 10-way softmax', () => {
    const wrongUnits = makeArchitecture(28, [{ type: 'flatten' }, { type: 'dense', units: 5, activation: 'relu' }]);
    const a = analyze(wrongUnits);
    expect(a.rows[1]?.issues[0]?.message).toMatch(/must be Dense\(10, softmax\)/);
    expect(analyze(a.rows[1]!.issues[0]!.fix!.apply(wrongUnits)).valid).toBe(true);

    const endsInConv = makeArchitecture(28, [conv(3)]);
    const b = analyze(endsInConv);
    expect(b.issues.at(-1)?.layerIndex).toBeNull();
    expect(analyze(b.issues.at(-1)!.fix!.apply(endsInConv)).valid).toBe(true);
  });

  it('an empty network says what to add', () => {
    const a = analyze(makeArchitecture(28, []));
    expect(a.issues[0]?.message).toMatch(/empty/);
    expect(analyze(a.issues[0]!.fix!.apply(makeArchitecture(28, []))).valid).toBe(true);
  });

  it('a network too large for a browser tab is refused', () => {
    const a = analyze(makeArchitecture(28, [{ type: 'flatten' }, { type: 'dense', units: 20_000, activation: 'relu' }, tail[1]!]));
    expect(a.issues.some((i) => /too large to train in a browser tab/.test(i.message))).toBe(true);
  });

  it('conv after flatten is explained', () => {
    const a = analyze(makeArchitecture(28, [{ type: 'flatten' }, conv(3), ...tail]));
    expect(a.rows[1]?.issues[0]?.message).toMatch(/follows a flat layer/);
  });
});

describe('activation memory', () => {
  // A 1×1 convolution with 40,000 filters, then pooling: inside every size limit, yet 31 million
  // floats per digit, 25 GB for a batch of 200.
  const wide = makeArchitecture(28, [
    { type: 'conv2d', filters: 40_000, kernelSize: 1, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPooling2d', poolSize: 28, strides: 28, padding: 'valid' },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ]);

  it('counts the values every layer outputs for one digit', () => {
    const a = analyze(findPreset('seed-simple-cnn')!.architecture);
    // input 784 + conv 24·24·32 + pool and dropout 12·12·32 twice + flatten 4,608 + 128 + 10
    expect(a.totals.activations).toBe(784 + 18_432 + 4_608 * 3 + 128 + 10);
    expect(analyze(wide).totals.activations).toBe(784 + 28 * 28 * 40_000 + 40_000 * 2 + 10);
  });

  it('refuses a batch that would not fit, and says the largest that does', () => {
    const { totals } = analyze(wide);
    expect(totals.params).toBeLessThan(LIMITS.maxParams);
    expect(totals.connections).toBeLessThan(LIMITS.maxConnections);
    expect(batchMemoryProblem(totals.activations, 200)).toMatch(/A batch of 200 digits holds 6,288,\d{3},\d{3} layer outputs .*batch size of at most 3\./);
    expect(batchMemoryProblem(totals.activations, 3)).toBeNull();
    expect(largestBatch(totals.activations)).toBe(3);
    // The seed's networks train at the largest batch the settings allow.
    for (const id of ['seed-mlp', 'seed-simple-cnn', 'seed-larger-cnn', 'best']) {
      expect(batchMemoryProblem(analyze(findPreset(id)!.architecture).totals.activations, 2048)).toBeNull();
    }
  });

  it('makes a network whose single digit does not fit invalid', () => {
    // 32·32·99,999 = 102 million values for a single digit.
    const wider = makeArchitecture(32, [{ ...wide.layers[0]!, filters: 99_999 } as Layer, { type: 'maxPooling2d', poolSize: 32, strides: 32, padding: 'valid' }, ...wide.layers.slice(2)]);
    const a = analyze(wider);
    expect(a.valid).toBe(false);
    expect(a.issues.map((i) => i.message).join(' ')).toMatch(/not even one digit fits/);
  });
});
