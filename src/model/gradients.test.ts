import { describe, expect, it } from 'vitest';
import type { Layer } from './architecture';
import type { GradientSample } from './gradients';
import { gradientNotes, isGradientSample, layerName } from './gradients';

const dense = (units: number, activation: 'relu' | 'sigmoid' | 'tanh' | 'softmax'): Layer => ({ type: 'dense', units, activation });
const sigmoidStack: Layer[] = [{ type: 'flatten' }, dense(64, 'sigmoid'), dense(64, 'sigmoid'), dense(64, 'sigmoid'), dense(10, 'softmax')];
const mlp: Layer[] = [{ type: 'flatten' }, dense(784, 'relu'), dense(10, 'softmax')];

/** A sample from [layer, rms, stepRatio] triples (the norm is not used by the rules but for NaN). */
function sample(step: number, layers: [number, number, number][]): GradientSample {
  return { step, epoch: step / 40, layers: layers.map(([layer, rms, stepRatio]) => ({ layer, norm: rms * 10, rms, stepRatio })) };
}

// Figures measured on MNIST (batch 100, see VANISHING_RATIO and EXPLODING_STEP).
const sigmoidSamples = [
  sample(1, [[1, 1.4e-4, 2.9e-4], [2, 8.4e-4, 6.6e-4], [3, 4.0e-3, 3.1e-3], [4, 3.3e-2, 2.0e-2]]),
  sample(10, [[1, 1.1e-4, 2.2e-4], [2, 4.4e-4, 3.4e-4], [3, 2.1e-3, 1.6e-3], [4, 1.6e-2, 9.9e-3]]),
];
const healthyMlp = [sample(1, [[1, 1.8e-3, 2.1e-2], [2, 9.7e-3, 2.0e-2]]), sample(50, [[1, 7.6e-4, 5.4e-3], [2, 9.9e-3, 4.7e-3]])];
const sgdAt100 = [sample(1, [[1, 1.8e-3, 4.9], [2, 9.7e-3, 19]]), sample(2, [[1, 0, 0], [2, 0, 0]])];

describe('gradient notes', () => {
  it('say nothing about a network that learns normally', () => {
    expect(gradientNotes(healthyMlp, mlp, { optimizer: 'adam', learningRate: 0.001 })).toEqual([]);
  });

  it('call a sigmoid stack vanishing, naming the starved layer and by how much', () => {
    const notes = gradientNotes(sigmoidSamples, sigmoidStack, { optimizer: 'sgd', learningRate: 0.1 });
    expect(notes.map((n) => n.kind)).toEqual(['vanishing']);
    const [note] = notes;
    // Layer 2 (index 1): 1.1e-4 against the output's 1.6e-2 at batch 10 → 150 times smaller; index 2 is 1/36, above 1/100.
    expect(note!.layers).toEqual([1]);
    expect(note!.step).toBe(10);
    expect(note!.text).toContain('layer 2 (Dense 64, sigmoid) gets gradients 150 times smaller per weight than layer 5 (Dense 10, softmax)');
    expect(note!.text).toContain('4^3 = 64');
    expect(note!.tips[0]).toMatch(/relu/);
    expect(note!.tips.some((t) => t.includes('Adam'))).toBe(true);
    // With Adam already in use, the notes do not suggest it.
    expect(gradientNotes(sigmoidSamples, sigmoidStack, { optimizer: 'adam', learningRate: 0.001 })[0]!.tips.some((t) => t.includes('Adam'))).toBe(false);
  });

  it('wait for a second sample to confirm a vanishing layer', () => {
    const recovered = [sigmoidSamples[0]!, sample(20, [[1, 1e-3, 1e-3], [2, 2e-3, 1e-3], [3, 3e-3, 1e-3], [4, 4e-3, 1e-3]])];
    expect(gradientNotes(recovered, sigmoidStack, { optimizer: 'sgd', learningRate: 0.1 })).toEqual([]);
    expect(gradientNotes(sigmoidSamples.slice(0, 1), sigmoidStack, { optimizer: 'sgd', learningRate: 0.1 }).map((n) => n.kind)).toEqual(['vanishing']);
  });

  it('call a step larger than the weights exploding, from the first batch, with a rate ten times lower to try', () => {
    const notes = gradientNotes(sgdAt100, mlp, { optimizer: 'sgd', learningRate: 100 });
    expect(notes.map((n) => n.kind)).toEqual(['exploding', 'stalled']);
    const [exploding, stalled] = notes;
    expect(exploding!.step).toBe(1);
    expect(exploding!.layers).toEqual([1, 2]);
    expect(exploding!.text).toContain('one step of SGD at a learning rate of 100 changed the weights of layer 3 (Dense 10, softmax) by 1,900% of their own size');
    expect(exploding!.tips[0]).toBe('Lower the learning rate ten times (to 10) and train again.');
    expect(exploding!.tips[1]).toMatch(/Adam at 0\.001/);
    expect(stalled!.step).toBe(2);
  });

  it('call gradients that are not numbers exploding', () => {
    const notes = gradientNotes([sample(3, [[1, Number.NaN, Number.NaN], [2, 1e-2, 0.01]])], mlp, { optimizer: 'adam', learningRate: 0.5 });
    expect(notes[0]!.kind).toBe('exploding');
    expect(notes[0]!.layers).toEqual([1]);
    expect(notes[0]!.text).toContain('no longer numbers');
    expect(notes[0]!.tips[0]).toContain('to 0.05');
  });

  it('names layers as the builder numbers them', () => {
    expect(layerName([{ type: 'conv2d', filters: 32, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' }], 0)).toBe('layer 1 (Conv2D 32@5×5, relu)');
    expect(layerName(sigmoidStack, 0)).toBe('layer 1 (Flatten)');
  });
});

describe('when gradients are sampled', () => {
  it('at the first batch of every epoch, at the end of each quarter and at its last', () => {
    const at = (bpe: number) => Array.from({ length: bpe }, (_, i) => i + 1).filter((b) => isGradientSample(b, bpe));
    expect(at(40)).toEqual([1, 10, 20, 30, 40]);
    expect(at(9)).toEqual([1, 3, 6, 9]);
    expect(at(2)).toEqual([1, 2]);
    expect(at(1)).toEqual([1]);
    // 125 batches: quarters of 32, and the last batch too.
    expect(at(125)).toEqual([1, 32, 64, 96, 125]);
  });
});
